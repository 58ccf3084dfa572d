package org.industriallmonitor.fetch;

/**
 * A fetched page: its decoded body, or {@code notModified} with a null body when the server
 * answered 304 to our validators.
 */
public record FetchResult(String url, String body, byte[] bytes, Validators validators, boolean notModified) {
  public static FetchResult notModified(String url, Validators validators) {
    return new FetchResult(url, null, null, validators, true);
  }
}
