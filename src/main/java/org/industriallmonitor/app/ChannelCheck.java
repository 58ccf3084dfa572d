package org.industriallmonitor.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.industriallmonitor.notify.Channel;
import org.industriallmonitor.notify.Channels;
import org.industriallmonitor.notify.Delivery;
import org.industriallmonitor.notify.DeliveryException;
import org.industriallmonitor.notify.Event;
import org.industriallmonitor.notify.MessageText;
import org.industriallmonitor.notify.Payloads;

/**
 * {@code notify-test}: one test event sent to one channel now, past the outbox (nothing is queued or
 * retried), so that a person setting a channel up sees the receiver's answer at once.
 */
public final class ChannelCheck {
  /**
   * How the test went: {@code answer} is the receiver's answer when it accepted the message, else why it
   * did not; {@code took} is the time of the send alone.
   */
  public record Outcome(String deliveryId, boolean delivered, String answer, Duration took) {}

  private final Channels channels;
  private final Clock clock;

  ChannelCheck(Channels channels, Clock clock) {
    this.channels = channels;
    this.clock = clock;
  }

  /** Sends a test event to the channel {@code channelId}; empty when the configuration has no such channel. */
  public Optional<Outcome> send(String channelId) throws InterruptedException {
    Optional<Channel> channel = channels.get(channelId);
    if (channel.isEmpty()) {
      return Optional.empty();
    }
    // A delivery id of its own kind: a receiver that deduplicates never takes a test for a real event.
    String deliveryId = "test-" + UUID.randomUUID();
    Instant now = clock.instant();
    JsonNode payload = Payloads.test(deliveryId, channelId, now);
    Delivery delivery = new Delivery(deliveryId, Event.TEST, MessageText.subject(payload), Payloads.write(payload), 1);
    long started = System.nanoTime();
    try {
      String answer = channel.get().send(List.of(delivery));
      return Optional.of(new Outcome(deliveryId, true, answer, Duration.ofNanos(System.nanoTime() - started)));
    } catch (DeliveryException e) {
      return Optional.of(new Outcome(deliveryId, false, e.getMessage(), Duration.ofNanos(System.nanoTime() - started)));
    }
  }
}
