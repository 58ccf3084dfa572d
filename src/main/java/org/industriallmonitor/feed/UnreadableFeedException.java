package org.industriallmonitor.feed;

/** The feed's document is not a feed the monitor can read (not XML, not RSS or Atom). */
public final class UnreadableFeedException extends Exception {
  public UnreadableFeedException(String url, String problem, Throwable cause) {
    super(url + ": " + problem, cause);
  }
}
