package org.industriallmonitor.fetch;

import java.time.Duration;

/** The server answered with an error status. 5xx, 408 and 429 are worth retrying. */
public class HttpStatusException extends FetchException {
  private final int status;
  private final Duration retryAfter;

  public HttpStatusException(String url, int status, Duration retryAfter) {
    super(url, "HTTP " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + "s)"),
        status >= 500 || status == 408 || status == 429, null);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** What the server asked us to wait before trying again, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
