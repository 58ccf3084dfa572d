package org.industriallmonitor.store;

import java.time.Instant;

/** A delivery to write to the outbox; {@code articleId} and {@code region} may be null. */
public record OutboxEntry(
    String deliveryId,
    String channel,
    String event,
    Long articleId,
    Integer region,
    String subject,
    String payload,
    Instant nextAttemptAt,
    Instant createdAt) {}
