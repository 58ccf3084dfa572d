package org.industriallmonitor.notify;

/**
 * What a channel sends: one event's delivery, with its stable id (receivers deduplicate on it),
 * its event name, subject line and JSON body as fixed when it was queued, and which attempt this is
 * (1 for the first); {@code filing}: where a digest lists it (null outside a digest). Channels know nothing of the
 * outbox table the delivery was read from.
 */
public record Delivery(String id, Event event, String subject, String payload, int attempt, DigestCountries.Filing filing) {
  /** A delivery sent on its own. */
  public Delivery(String id, Event event, String subject, String payload, int attempt) {
    this(id, event, subject, payload, attempt, null);
  }
}
