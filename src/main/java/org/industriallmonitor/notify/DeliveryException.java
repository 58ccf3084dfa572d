package org.industriallmonitor.notify;

import java.time.Duration;

/**
 * A delivery failed; it is retried later, unless it is {@code permanent} (the service refused
 * the request itself, as a 4xx other than 408 and 429 says): then it is dead-lettered at once.
 * {@code retryAfter} is what the receiver asked for, or null.
 */
public final class DeliveryException extends Exception {
  private final Duration retryAfter;
  private final boolean permanent;

  public DeliveryException(String message, Duration retryAfter, Throwable cause) {
    this(message, retryAfter, cause, false);
  }

  public DeliveryException(String message, Duration retryAfter, Throwable cause, boolean permanent) {
    super(message, cause);
    this.retryAfter = retryAfter;
    this.permanent = permanent;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Sending it again would get the same refusal: dead-letter it now. */
  public boolean permanent() {
    return permanent;
  }
}
