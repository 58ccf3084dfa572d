package org.industriallmonitor.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The JSON bodies of the events, as documented in docs/notifications.md. */
public final class Payloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  public static JsonNode articleNew(String deliveryId, ArticleEvent a) {
    return articleNew(deliveryId, a, "");
  }

  /**
   * A new article for a channel with {@code match}: {@code snippet} (in the form of {@link Snippets#marked}) is
   * what it found, in a field {@code snippet}; blank for a channel without {@code match}, which gets no such field.
   */
  public static JsonNode articleNew(String deliveryId, ArticleEvent a, String snippet) {
    ObjectNode node = start(Event.ARTICLE_NEW, deliveryId);
    node.put("url", a.url());
    node.put("slug", a.slug());
    node.put("title", a.title());
    node.put("published", a.published());
    node.put("lede", a.lede());
    strings(node, "countries", a.countries());
    strings(node, "themes", a.themes());
    node.put("archive_path", a.archivePath());
    node.put("degraded", a.degraded());
    node.put("language", a.language());
    var translations = node.putArray("translations");
    a.translations().forEach(t -> translations.addObject().put("language", t.lang()).put("url", t.url()));
    node.put("detected_at", time(a.detectedAt()));
    if (snippet != null && !snippet.isBlank()) {
      node.put("snippet", snippet);
    }
    return node;
  }

  /**
   * An archived article changed on the site: the new text's {@code version} and path, the path of
   * the text before it, and a unified diff of the two.
   */
  public static JsonNode articleUpdated(String deliveryId, ArticleEvent a, int version, String previousPath, String diff) {
    ObjectNode node = start(Event.ARTICLE_UPDATED, deliveryId);
    node.put("url", a.url());
    node.put("slug", a.slug());
    node.put("title", a.title());
    node.put("published", a.published());
    strings(node, "countries", a.countries());
    node.put("version", version);
    node.put("archive_path", a.archivePath());
    node.put("previous_archive_path", previousPath);
    node.put("diff", diff);
    node.put("detected_at", time(a.detectedAt()));
    return node;
  }

  /** An archived article answers {@code status} (404 or 410) now: the site withdrew it. */
  public static JsonNode articleRemoved(String deliveryId, String url, String slug, String title, String published, List<String> countries,
      String archivePath, int status, Instant at) {
    ObjectNode node = start(Event.ARTICLE_REMOVED, deliveryId);
    node.put("url", url);
    node.put("slug", slug);
    node.put("title", title);
    node.put("published", published);
    strings(node, "countries", countries);
    node.put("archive_path", archivePath);
    node.put("status", status);
    node.put("detected_at", time(at));
    return node;
  }

  /** A country failed several crawls in a row, or its layout stopped matching the selectors. */
  public static JsonNode monitorAlert(String deliveryId, String country, int region, String kind, int failures,
      String problem, Instant at) {
    ObjectNode node = start(Event.MONITOR_ALERT, deliveryId);
    node.put("country", country);
    node.put("region", region);
    node.put("kind", kind);
    node.put("consecutive_failures", failures);
    node.put("problem", problem);
    node.put("detected_at", time(at));
    return node;
  }

  /** A country's layout changed and the monitor repaired itself: the selectors it changed, before and after. */
  public static JsonNode layoutRepaired(String deliveryId, String country, int region, List<SelectorChange> changes, Instant at) {
    ObjectNode node = start(Event.MONITOR_ALERT, deliveryId);
    node.put("country", country);
    node.put("region", region);
    node.put("kind", "layout_repaired");
    node.put("consecutive_failures", 0);
    node.put("problem", "the site's markup changed; the monitor learned new selectors, verified byte for byte against its archive, "
        + "and crawled again: " + String.join("; ", changes.stream().map(c -> c.selector() + ": \"" + c.before() + "\" -> \"" + c.after() + "\"").toList()));
    var array = node.putArray("changes");
    for (SelectorChange c : changes) {
      array.addObject().put("selector", c.selector()).put("before", c.before()).put("after", c.after());
    }
    node.put("detected_at", time(at));
    return node;
  }

  /**
   * The site lists a configured country under another region id now: the monitor follows it there and
   * keeps its state; {@code yaml} is the line to write into the configuration.
   */
  public static JsonNode regionMoved(String deliveryId, String country, int region, int newRegion, String siteName, String yaml,
      String problem, Instant at) {
    ObjectNode node = start(Event.MONITOR_ALERT, deliveryId);
    node.put("country", country);
    node.put("region", region);
    node.put("kind", "region_moved");
    node.put("old_region", region);
    node.put("new_region", newRegion);
    node.put("site_name", siteName);
    node.put("yaml", yaml);
    node.put("problem", problem);
    node.put("detected_at", time(at));
    return node;
  }

  /** The early-warning source failed its polls or vanished: the walks alone find new articles until it is back. */
  public static JsonNode sourceAlert(String deliveryId, String source, String url, int failures, String problem, Instant at) {
    ObjectNode node = startOfSource(Event.MONITOR_ALERT, deliveryId, source, url);
    node.put("consecutive_failures", failures);
    node.put("problem", problem);
    node.put("detected_at", time(at));
    return node;
  }

  public static JsonNode sourceRecovered(String deliveryId, String source, String url, Instant at) {
    ObjectNode node = startOfSource(Event.MONITOR_RECOVERED, deliveryId, source, url);
    node.put("detected_at", time(at));
    return node;
  }

  /** The disk of the archive (or of the database) has less free space than {@code storage.min_free}: nothing is fetched. */
  public static JsonNode diskAlert(String deliveryId, String folder, long freeBytes, long minFreeBytes, String problem, Instant at) {
    ObjectNode node = startOfDisk(Event.MONITOR_ALERT, deliveryId);
    node.put("folder", folder);
    node.put("free_bytes", freeBytes);
    node.put("min_free_bytes", minFreeBytes);
    node.put("problem", problem);
    node.put("detected_at", time(at));
    return node;
  }

  public static JsonNode diskRecovered(String deliveryId, Instant at) {
    ObjectNode node = startOfDisk(Event.MONITOR_RECOVERED, deliveryId);
    node.put("detected_at", time(at));
    return node;
  }

  /**
   * The site's base address redirects permanently to another: {@code from} the configured {@code site.base_url},
   * {@code to} the base to write there ({@code yaml}, the line), {@code status} the redirect's (301 or 308).
   */
  public static JsonNode siteMoved(String deliveryId, String from, String to, int status, String yaml, String problem, Instant at) {
    ObjectNode node = start(Event.MONITOR_ALERT, deliveryId);
    node.putNull("country");
    node.putNull("region");
    node.put("kind", "site_moved");
    node.put("from", from);
    node.put("to", to);
    node.put("status", status);
    node.put("yaml", yaml);
    node.put("problem", problem);
    node.put("detected_at", time(at));
    return node;
  }

  /** A monitor event about the disk: no country. */
  private static ObjectNode startOfDisk(Event event, String deliveryId) {
    ObjectNode node = start(event, deliveryId);
    node.putNull("country");
    node.putNull("region");
    node.put("kind", "disk");
    return node;
  }

  /** A monitor event about the early-warning source: no country, the source and its address. */
  private static ObjectNode startOfSource(Event event, String deliveryId, String source, String url) {
    ObjectNode node = start(event, deliveryId);
    node.putNull("country");
    node.putNull("region");
    node.put("kind", "source");
    node.put("source", source);
    node.put("url", url);
    return node;
  }

  public static JsonNode monitorRecovered(String deliveryId, String country, int region, Instant at) {
    ObjectNode node = start(Event.MONITOR_RECOVERED, deliveryId);
    node.put("country", country);
    node.put("region", region);
    node.put("detected_at", time(at));
    return node;
  }

  public static JsonNode test(String deliveryId, String channel, Instant at) {
    ObjectNode node = start(Event.TEST, deliveryId);
    node.put("channel", channel);
    node.put("message", "A test message from industriall-monitor: this channel works.");
    node.put("detected_at", time(at));
    return node;
  }

  /** Reads a stored payload back as JSON. */
  public static JsonNode parse(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an outbox payload is not JSON: " + e.getMessage(), e);
    }
  }

  /** The JSON text of a payload, as the outbox stores it and webhooks receive it. */
  public static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode start(Event event, String deliveryId) {
    ObjectNode node = JSON.createObjectNode();
    node.put("event", event.wireName());
    node.put("delivery_id", deliveryId);
    return node;
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    var array = node.putArray(field);
    values.forEach(array::add);
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
