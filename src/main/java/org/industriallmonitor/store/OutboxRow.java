package org.industriallmonitor.store;

import java.time.Instant;

/** A delivery read from the outbox. */
public record OutboxRow(
    long id,
    String deliveryId,
    String channel,
    String event,
    String subject,
    String payload,
    String status,
    int attempts,
    Instant nextAttemptAt,
    Instant createdAt,
    String lastError) {}
