package org.industriallmonitor.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channels the pump leaves alone until a time: one whose delivery failed (until its retry, or the
 * receiver's Retry-After), one that cannot send at all (until the next look). Other channels go on.
 */
final class ChannelHolds {
  private final Map<String, Instant> until = new ConcurrentHashMap<>();

  void hold(String channel, Instant end) {
    until.put(channel, end);
  }

  boolean held(String channel, Instant now) {
    Instant end = until.get(channel);
    return end != null && end.isAfter(now);
  }

  /** When the first hold that is still on ends. */
  Optional<Instant> firstEnd(Instant now) {
    return until.values().stream().filter(t -> t.isAfter(now)).min(Instant::compareTo);
  }

  void clear() {
    until.clear();
  }
}
