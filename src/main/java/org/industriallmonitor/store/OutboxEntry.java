package org.industriallmonitor.store;

import java.time.Instant;

/**
 * A delivery to write to the outbox; {@code articleId} and {@code region} may be null. The alerts
 * of a new article are made before its row exists: the store fills in {@code articleId}.
 */
public record OutboxEntry(
    String deliveryId,
    String channel,
    String event,
    Long articleId,
    Integer region,
    String subject,
    String payload,
    Instant nextAttemptAt,
    Instant createdAt) {

  /** The same delivery, about the article with this id. */
  public OutboxEntry forArticle(long id) {
    return new OutboxEntry(deliveryId, channel, event, id, region, subject, payload, nextAttemptAt, createdAt);
  }
}
