package org.industriallmonitor.notify;

import java.time.Duration;

/** A delivery failed; it is retried later. {@code retryAfter} is what the receiver asked for, or null. */
public final class DeliveryException extends Exception {
  private final Duration retryAfter;

  public DeliveryException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
