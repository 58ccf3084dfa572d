package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.industriallmonitor.config.ChannelConfig;
import org.industriallmonitor.config.NotificationsConfig;
import org.industriallmonitor.store.OutboxEntry;
import org.quartz.CronExpression;

/**
 * Writes deliveries into the outbox: one row per (event, channel), with a stable delivery id and
 * its JSON body fixed at that moment. Rows for a digest channel wait for the digest's next time.
 */
public final class AlertQueue {
  private final Clock clock;

  public AlertQueue(Clock clock) {
    this.clock = clock;
  }

  /** The outbox rows of a new article, to be written by the store in the transaction that records it. */
  public List<OutboxEntry> articleRows(ArticleEvent article, List<String> channelIds, NotificationsConfig config) {
    Map<String, String> none = new LinkedHashMap<>();
    channelIds.forEach(id -> none.put(id, ""));
    return articleRows(article, none, config);
  }

  /**
   * The outbox rows of a new article for the channels of {@code snippets}, in its order, each with the snippet
   * of what the channel's {@code match} found (as the search index marks it; blank for a channel without one).
   */
  public List<OutboxEntry> articleRows(ArticleEvent article, Map<String, String> snippets, NotificationsConfig config) {
    List<OutboxEntry> entries = new ArrayList<>();
    for (Map.Entry<String, String> target : snippets.entrySet()) {
      String channel = target.getKey();
      String deliveryId = UUID.randomUUID().toString();
      JsonNode payload = Payloads.articleNew(deliveryId, article, Snippets.marked(target.getValue()));
      entries.add(new OutboxEntry(deliveryId, channel, Event.ARTICLE_NEW.wireName(), null, null, MessageText.subject(payload),
          Payloads.write(payload), firstAttempt(config, channel), clock.instant()));
    }
    return entries;
  }

  /**
   * Rows for a monitor event sent to {@code channelIds}; {@code payload} makes the body from a
   * delivery id. {@code region}: the country concerned, null for the early-warning source.
   */
  public List<OutboxEntry> monitorRows(Event event, Integer region, List<String> channelIds, Function<String, JsonNode> payload) {
    List<OutboxEntry> entries = new ArrayList<>();
    for (String channel : channelIds) {
      String deliveryId = UUID.randomUUID().toString();
      JsonNode body = payload.apply(deliveryId);
      entries.add(new OutboxEntry(deliveryId, channel, event.wireName(), null, region, MessageText.subject(body), Payloads.write(body),
          clock.instant(), clock.instant()));
    }
    return entries;
  }

  private Instant firstAttempt(NotificationsConfig config, String channelId) {
    Instant now = clock.instant();
    String digest = config.channel(channelId).map(ChannelConfig::digest).orElse(null);
    if (digest == null) {
      return now;
    }
    try {
      Date next = new CronExpression(digest).getNextValidTimeAfter(Date.from(now));
      return next == null ? now : next.toInstant();
    } catch (ParseException e) {
      throw new IllegalStateException("digest of channel " + channelId + " was validated: " + e.getMessage(), e);
    }
  }
}
