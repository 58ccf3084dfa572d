package org.industriallmonitor.fetch;

/** 404 or 410: the page does not exist (any more). Not retried. */
public final class PageGoneException extends HttpStatusException {
  public PageGoneException(String url, int status) {
    super(url, status, null);
  }
}
