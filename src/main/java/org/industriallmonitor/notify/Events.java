package org.industriallmonitor.notify;

/** The event names sent in {@code X-Monitor-Event} and the {@code event} field. */
public final class Events {
  public static final String ARTICLE_NEW = "article.new";
  /** An archived article's text changed on the site: a new version is archived beside the first. */
  public static final String ARTICLE_UPDATED = "article.updated";
  /** An archived article answers 404 or 410 now: the site withdrew it (its texts stay archived). */
  public static final String ARTICLE_REMOVED = "article.removed";
  public static final String MONITOR_ALERT = "monitor.alert";
  public static final String MONITOR_RECOVERED = "monitor.recovered";
  public static final String TEST = "test";

  private Events() {}
}
