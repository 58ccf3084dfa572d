package org.industriallmonitor.fetch;

/** The site's robots.txt does not allow our User-Agent to fetch this page. */
public final class RobotsDisallowedException extends FetchException {
  public RobotsDisallowedException(String url) {
    super(url, "disallowed by robots.txt for our User-Agent; not fetched", false, null);
  }
}
