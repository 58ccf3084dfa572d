package org.industriallmonitor.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.store.OutboxRepository;
import org.industriallmonitor.store.OutboxRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one channel's claimed rows on its lane and records each outcome in the outbox: delivered,
 * or failed with its retry scheduled by the {@link DeliveryPolicy}, or dead. The first failure
 * ends the batch and holds the channel until its earliest retry.
 */
final class ChannelSender {
  private static final Logger log = LoggerFactory.getLogger(ChannelSender.class);

  private final OutboxRepository outbox;
  private final ChannelHolds holds;
  private final Clock clock;
  private volatile DeliveryListener listener = DeliveryListener.NONE;

  ChannelSender(OutboxRepository outbox, ChannelHolds holds, Clock clock) {
    this.outbox = outbox;
    this.holds = holds;
    this.clock = clock;
  }

  void setListener(DeliveryListener listener) {
    this.listener = listener;
  }

  /** The one place an outbox row becomes what a channel sends. */
  static Delivery delivery(OutboxRow row) {
    return new Delivery(row.deliveryId(), Event.ofWireName(row.event()), row.subject(), row.payload(), row.attempts() + 1);
  }

  /** As {@link #delivery(OutboxRow)}; a digest's article with where the digest files it, as its order was made. */
  static Delivery delivery(OutboxRow row, boolean digest, DigestCountries countries) {
    return new Delivery(row.deliveryId(), Event.ofWireName(row.event()), row.subject(), row.payload(), row.attempts() + 1,
        DigestBatching.inDigest(row, digest) ? countries.filing(Payloads.parse(row.payload())) : null);
  }

  /**
   * Sends the rows in order until the first failure, which schedules its retry; a digest's articles by country in
   * {@code countries}.
   */
  DeliveryReport send(String id, Optional<Channel> channel, List<OutboxRow> rows, boolean digest, DigestCountries countries,
      DeliveryPolicy policy) throws InterruptedException {
    DeliveryReport report = DeliveryReport.NONE;
    for (List<OutboxRow> message : DigestBatching.messages(rows, digest, countries)) {
      try {
        if (channel.isEmpty()) {
          throw new DeliveryException("channel '" + id + "' is not in the configuration", null, null);
        }
        String outcome = channel.get().send(message.stream().map(r -> delivery(r, digest, countries)).toList());
        outbox.markDelivered(message.stream().map(OutboxRow::id).toList(), clock.instant());
        listener.attempted(id, DeliveryOutcome.DELIVERED, message.size());
        report = report.plus(new DeliveryReport(message.size(), 0, 0, 0));
        log.info("delivered {} {} to {}: {}", message.size() == 1 ? message.get(0).event() : message.size() + " events as a digest",
            message.size() == 1 ? message.get(0).deliveryId() : "", id, outcome);
      } catch (DeliveryException e) {
        report = report.plus(recordFailure(id, message, e, policy));
        break;
      }
    }
    return report;
  }

  /** Schedules the message's retries or dead-letters it; returns what failed and what died. */
  private DeliveryReport recordFailure(String channel, List<OutboxRow> message, DeliveryException e, DeliveryPolicy policy) {
    Instant now = clock.instant();
    int failed = 0;
    int dead = 0;
    Instant earliestRetry = null;
    for (OutboxRow row : message) {
      Instant next = e.permanent() ? null : policy.nextAttempt(row.attempts() + 1, row.createdAt(), now, e.retryAfter());
      if (next == null) {
        outbox.markDead(List.of(row.id()), e.getMessage(), now);
        dead++;
        log.error("delivery {} ({}) to {} is dead after {} attempts: {}; `outbox retry` sends it again",
            row.deliveryId(), row.event(), channel, row.attempts() + 1, e.getMessage());
      } else {
        outbox.markFailed(List.of(row.id()), e.getMessage(), next);
        failed++;
        earliestRetry = earliestRetry == null || next.isBefore(earliestRetry) ? next : earliestRetry;
        log.warn("delivery {} ({}) to {} failed (attempt {}): {}; next attempt at {}",
            row.deliveryId(), row.event(), channel, row.attempts() + 1, e.getMessage(), next);
      }
    }
    if (failed > 0) {
      listener.attempted(channel, DeliveryOutcome.FAILED, failed);
    }
    if (dead > 0) {
      listener.attempted(channel, DeliveryOutcome.DEAD, dead);
    }
    if (earliestRetry != null) {
      holds.hold(channel, earliestRetry);
    }
    return new DeliveryReport(0, failed, dead, 0);
  }
}
