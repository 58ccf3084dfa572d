package org.industriallmonitor.notify;

/**
 * What a channel sends: one event's delivery, with its stable id (receivers deduplicate on it),
 * its event name, subject line and JSON body as fixed when it was queued, and which attempt this is
 * (1 for the first). Channels know nothing of the outbox table the delivery was read from.
 */
public record Delivery(String id, Event event, String subject, String payload, int attempt) {}
