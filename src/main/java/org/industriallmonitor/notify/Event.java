package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The events the monitor alerts about. Each one's wire name is a public interface: receivers read it in
 * {@code X-Monitor-Event} and the payload's {@code event} field, and the outbox stores it.
 */
public enum Event {
  ARTICLE_NEW("article.new"),
  /** An archived article's text changed on the site: a new version is archived beside the first. */
  ARTICLE_UPDATED("article.updated"),
  /** An archived article answers 404 or 410 now: the site withdrew it (its texts stay archived). */
  ARTICLE_REMOVED("article.removed"),
  MONITOR_ALERT("monitor.alert"),
  MONITOR_RECOVERED("monitor.recovered"),
  TEST("test");

  private final String wireName;

  Event(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The wire name, so that log lines read as they always did. */
  @Override
  public String toString() {
    return wireName;
  }

  /**
   * The event of a stored name. Every stored name was written from this enum; one that is not (a row
   * edited by hand) reads as the test event, which is what the texts always fell back to.
   */
  public static Event ofWireName(String name) {
    for (Event event : values()) {
      if (event.wireName.equals(name)) {
        return event;
      }
    }
    return TEST;
  }

  /** The event a payload is about (its {@code event} field). */
  public static Event of(JsonNode payload) {
    return ofWireName(payload.path("event").asText());
  }
}
