package org.industriallmonitor.app;

import java.time.Instant;
import java.util.List;
import org.industriallmonitor.store.Store;

/**
 * The outbox's deliveries as {@code outbox list} shows them, and putting dead ones back in line
 * ({@code outbox retry}, and the console's retry through {@link ConsoleService}).
 */
public final class Deliveries {
  /** One delivery of an event to a channel. */
  public record Delivery(String deliveryId, String channel, String event, String status, int attempts, String subject,
      String lastError) {}

  private final Store store;

  public Deliveries(Store store) {
    this.store = store;
  }

  /** The newest deliveries of {@code status} (pending, delivered or dead; {@code null}: all), at most {@code limit}. */
  public List<Delivery> list(String status, int limit) {
    return store.outbox().list(status, limit).stream()
        .map(r -> new Delivery(r.deliveryId(), r.channel(), r.event(), r.status(), r.attempts(), r.subject(), r.lastError()))
        .toList();
  }

  /**
   * Puts dead deliveries back in line: those of {@code channel} and of id {@code delivery}, either
   * {@code null} for any; how many.
   */
  public int retryDead(String channel, String delivery, Instant at) {
    return store.outbox().retryDead(channel, delivery, at);
  }
}
