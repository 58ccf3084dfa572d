package org.industriallmonitor.config;

import java.time.Duration;
import java.util.List;

/** A {@code schedule:}: the top-level one, or a country's, whose missing keys come from the top-level one. */
final class ScheduleReader {
  private static final List<String> KEYS = List.of("every", "cron", "jitter");
  /** Shorter intervals would only load the site: nothing on it changes that often. */
  private static final Duration SHORTEST_EVERY = Duration.ofMillis(100);

  /** A schedule; keys it leaves out come from {@code inherited} (null for the top-level one). */
  Schedule read(ConfigNode node, Schedule inherited) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    var every = m.optional("every");
    var cron = m.optional("cron");
    if (every.isPresent() && cron.isPresent()) {
      throw cron.get().error("give either every or cron, not both");
    }
    Duration interval = every.map(n -> {
      Duration d = n.duration(Schedule.LONGEST_EVERY);
      if (d.compareTo(SHORTEST_EVERY) < 0) {
        throw n.error("must be at least 100ms");
      }
      return d;
    }).orElse(null);
    String expression = cron.map(ConfigValues::cron).orElse(null);
    if (interval == null && expression == null) {
      if (inherited == null) {
        throw node.error("give every (such as 30m) or cron (such as \"0 0/30 * * * ?\")");
      }
      interval = inherited.every();
      expression = inherited.cron();
    }
    Duration jitter = m.optional("jitter").map(ConfigNode::duration)
        .orElse(inherited != null && every.isEmpty() && cron.isEmpty() ? inherited.jitter() : Schedule.defaultJitter(interval));
    return new Schedule(interval, expression, jitter);
  }

  /** The schedule of a file without {@code schedule:}. */
  Schedule defaults() {
    return Schedule.every(Schedule.DEFAULT_EVERY);
  }
}
