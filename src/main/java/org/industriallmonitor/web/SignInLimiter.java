package org.industriallmonitor.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How fast the console's token may be guessed: a token bucket per remote address (an IPv6 address
 * by its /64, which one machine usually holds whole). Each address may fail {@value #BURST} times
 * in a row, then once every {@link #REFILL}; while it may not, every sign-in from it (the login
 * form, a Bearer header), right or wrong, is refused unread. Behind a reverse proxy every client
 * has the proxy's address, and the limit is the console's as a whole.
 */
final class SignInLimiter {
  static final int BURST = 5;
  static final Duration REFILL = Duration.ofSeconds(12);
  /** Addresses remembered; beyond, the one unheard of longest is forgotten. */
  static final int MAX_ADDRESSES = 10_000;

  /** Beyond this much owed time an address waits: {@code BURST - 1} refills. */
  private static final Duration SLACK = REFILL.multipliedBy(BURST - 1);

  private final Clock clock;
  /**
   * Per address, when its bucket is full again (a generic cell rate algorithm: each failure adds
   * {@link #REFILL}); exact in time, no fractions of attempts.
   */
  private final Map<String, Instant> fullAt = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  SignInLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Empty when {@code from} may try a token now; otherwise how long until it may. */
  synchronized Optional<Duration> waitFor(InetAddress from) {
    Instant full = fullAt.get(key(from));
    if (full == null) {
      return Optional.empty();
    }
    Duration wait = Duration.between(clock.instant().plus(SLACK), full);
    return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** Counts a failed attempt of {@code from}; true when it may try no more for now (throttling starts). */
  synchronized boolean failed(InetAddress from) {
    Instant now = clock.instant();
    Instant full = fullAt.get(key(from));
    Instant next = (full == null || full.isBefore(now) ? now : full).plus(REFILL);
    fullAt.put(key(from), next);
    return next.isAfter(now.plus(SLACK));
  }

  /** The bucket of an address: IPv4 whole, IPv6 by its first 64 bits. */
  static String key(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] bytes = Arrays.copyOf(address.getAddress(), 16);
      Arrays.fill(bytes, 8, 16, (byte) 0);
      try {
        return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return address.getHostAddress();
  }
}
