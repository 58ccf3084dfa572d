package org.industriallmonitor.notify;

/** The event names sent in {@code X-Monitor-Event} and the {@code event} field. */
public final class Events {
  public static final String ARTICLE_NEW = "article.new";
  public static final String MONITOR_ALERT = "monitor.alert";
  public static final String MONITOR_RECOVERED = "monitor.recovered";
  public static final String TEST = "test";

  private Events() {}
}
