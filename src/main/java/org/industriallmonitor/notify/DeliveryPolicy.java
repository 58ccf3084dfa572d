package org.industriallmonitor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: after {@code backoff * 2^(attempt-1)} (at most an hour,
 * with jitter), or later if the receiver asked so; dead after {@code maxAttempts} attempts or
 * once it is older than {@code maxAge}.
 */
public record DeliveryPolicy(int maxAttempts, Duration maxAge, Duration backoff) {
  private static final Duration MAX_WAIT = Duration.ofHours(1);

  /** The same policy with a first retry no later than {@code most}. */
  public DeliveryPolicy withBackoffAtMost(Duration most) {
    return backoff.compareTo(most) <= 0 ? this : new DeliveryPolicy(maxAttempts, maxAge, most);
  }

  /** The next attempt after failed attempt number {@code attempt}, or null when the delivery is dead. */
  public Instant nextAttempt(int attempt, Instant createdAt, Instant now, Duration retryAfter) {
    if (attempt >= maxAttempts || !now.isBefore(createdAt.plus(maxAge))) {
      return null;
    }
    long base = Math.min(backoff.toMillis() << Math.min(attempt - 1, 30), MAX_WAIT.toMillis());
    long jittered = (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    long wait = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
    return now.plusMillis(wait);
  }
}
