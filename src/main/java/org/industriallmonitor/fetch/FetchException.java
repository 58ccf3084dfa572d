package org.industriallmonitor.fetch;

/** A page could not be fetched; {@link #retryable()} tells whether trying again may help. */
public class FetchException extends Exception {
  private final String url;
  private final boolean retryable;

  public FetchException(String url, String problem, boolean retryable, Throwable cause) {
    super(url + ": " + problem, cause);
    this.url = url;
    this.retryable = retryable;
  }

  public String url() {
    return url;
  }

  public boolean retryable() {
    return retryable;
  }
}
