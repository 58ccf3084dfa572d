package org.industriallmonitor.fetch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits about {@code base * 2^(n-1)}, between half
 * and the whole of it, never more than {@code maxWait}. A server's Retry-After wins when longer; one
 * longer than {@code longestRetryAfter} is not waited for at all (the page fails for this cycle).
 */
public record RetryPolicy(int retries, Duration base, Duration maxWait, Duration longestRetryAfter) {
  /** The longest Retry-After a crawl waits for unless told otherwise. */
  public static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

  public RetryPolicy(int retries, Duration base, Duration maxWait) {
    this(retries, base, maxWait, LONGEST_RETRY_AFTER);
  }

  /** How long to wait before retry number {@code retry} (1 for the first retry). */
  public Duration backoff(int retry, Duration retryAfter) {
    long exponential = base.toMillis() << Math.min(retry - 1, 20);
    long capped = Math.min(exponential, maxWait.toMillis());
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    long wait = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
    return Duration.ofMillis(wait);
  }

  /** Whether a server's Retry-After asks for more than this policy waits. */
  public boolean tooLong(Duration retryAfter) {
    return retryAfter != null && retryAfter.compareTo(longestRetryAfter) > 0;
  }
}
