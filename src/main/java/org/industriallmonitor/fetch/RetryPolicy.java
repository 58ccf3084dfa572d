package org.industriallmonitor.fetch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits about {@code base * 2^(n-1)}, between half
 * and the whole of it, never more than {@code maxWait}. A server's Retry-After wins when longer.
 */
public record RetryPolicy(int retries, Duration base, Duration maxWait) {

  /** How long to wait before retry number {@code retry} (1 for the first retry). */
  public Duration backoff(int retry, Duration retryAfter) {
    long exponential = base.toMillis() << Math.min(retry - 1, 20);
    long capped = Math.min(exponential, maxWait.toMillis());
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    long wait = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
    return Duration.ofMillis(wait);
  }
}
