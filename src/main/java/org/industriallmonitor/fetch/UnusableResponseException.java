package org.industriallmonitor.fetch;

/**
 * A response that arrived but cannot be used as a page: too large, not HTML, an unknown charset,
 * bytes that are not valid in their charset, or a redirect that leaves the site. Not retried.
 */
public final class UnusableResponseException extends FetchException {
  public UnusableResponseException(String url, String problem) {
    super(url, problem, false, null);
  }
}
