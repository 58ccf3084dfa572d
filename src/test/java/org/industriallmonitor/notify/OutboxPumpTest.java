package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox pump's retries on fake time: a backoff of seconds and a receiver's Retry-After are
 * waited on the pump's clock, which jumps; no test here waits a real second.
 */
class OutboxPumpTest {
  private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

  @TempDir Path dir;
  private Store store;
  private final FakePumpTime time = new FakePumpTime(START);
  private long realStart;

  /** A channel that answers with the next of its scripted outcomes, and notes each attempt on the fake clock. */
  private final class ScriptedChannel implements Channel {
    final String id;
    final List<DeliveryException> failures;
    final List<Attempt> attempts = new ArrayList<>();

    ScriptedChannel(String id, DeliveryException... failures) {
      this.id = id;
      this.failures = new ArrayList<>(List.of(failures));
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public synchronized String send(List<Delivery> deliveries) throws DeliveryException {
      attempts.add(new Attempt(deliveries.get(0).id(), deliveries.get(0).attempt(), time.instant()));
      if (!failures.isEmpty()) {
        throw failures.remove(0);
      }
      return "ok";
    }
  }

  private record Attempt(String deliveryId, int attempt, Instant at) {}

  @BeforeEach
  void open() {
    store = Store.open(dir.resolve("monitor.db"), Duration.ofSeconds(1));
    realStart = System.nanoTime();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void queue(String deliveryId, String channel) {
    store.outbox().enqueue(List.of(new OutboxEntry(deliveryId, channel, Event.TEST.wireName(), null, null, "subject",
        "{\"event\":\"test\",\"delivery_id\":\"" + deliveryId + "\"}", time.instant(), time.instant())));
  }

  private Dispatcher pump(DeliveryPolicy policy, Channel... channels) {
    Map<String, Channel> byId = new java.util.LinkedHashMap<>();
    for (Channel c : channels) {
      byId.put(c.id(), c);
    }
    return new Dispatcher(store.outbox(), new Channels(byId, Map.of()), policy, time, time);
  }

  private Duration realElapsed() {
    return Duration.ofNanos(System.nanoTime() - realStart);
  }

  @Test
  void aFailedDeliveryIsRetriedAfterItsBackoffWithTheSameId() throws Exception {
    ScriptedChannel hook = new ScriptedChannel("hook", new DeliveryException("HTTP 500 from hook", null, null));
    queue("d-1", "hook");

    try (Dispatcher pump = pump(new DeliveryPolicy(5, Duration.ofHours(1), Duration.ofSeconds(10)), hook)) {
      DeliveryReport report = pump.drain(Duration.ofMinutes(5), Duration.ofSeconds(10));

      assertThat(report).isEqualTo(new DeliveryReport(1, 1, 0, 0));
    }
    assertThat(hook.attempts).extracting(Attempt::deliveryId).containsExactly("d-1", "d-1");
    assertThat(hook.attempts).extracting(Attempt::attempt).containsExactly(1, 2);
    // The backoff is 10 s with jitter of ±20%: waited on the pump's clock...
    assertThat(Duration.between(hook.attempts.get(0).at(), hook.attempts.get(1).at())).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(15));
    // ...not on the wall's.
    assertThat(realElapsed()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aReceiversRetryAfterIsHonouredOverAShorterBackoff() throws Exception {
    ScriptedChannel hook = new ScriptedChannel("hook", new DeliveryException("HTTP 429 from hook", Duration.ofSeconds(120), null));
    queue("d-1", "hook");

    try (Dispatcher pump = pump(new DeliveryPolicy(5, Duration.ofHours(1), Duration.ofMillis(100)), hook)) {
      DeliveryReport report = pump.drain(Duration.ofMinutes(5), Duration.ofMillis(100));

      assertThat(report).isEqualTo(new DeliveryReport(1, 1, 0, 0));
    }
    assertThat(hook.attempts).hasSize(2);
    assertThat(Duration.between(hook.attempts.get(0).at(), hook.attempts.get(1).at())).as("waited for Retry-After: 120")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(120)).isLessThan(Duration.ofSeconds(125));
    assertThat(realElapsed()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aChannelThatWaitsForItsRetryAfterDelaysNoOther() throws Exception {
    ScriptedChannel busy = new ScriptedChannel("busy", new DeliveryException("HTTP 429 from busy", Duration.ofMinutes(30), null));
    ScriptedChannel fine = new ScriptedChannel("fine");
    queue("d-busy", "busy");
    queue("d-fine", "fine");

    try (Dispatcher pump = pump(new DeliveryPolicy(5, Duration.ofHours(1), Duration.ofSeconds(1)), busy, fine)) {
      DeliveryReport report = pump.drain(Duration.ofMinutes(1), Duration.ofSeconds(1));

      // The bound ends before the Retry-After: the busy channel's delivery waits for the next run.
      assertThat(report).isEqualTo(new DeliveryReport(1, 1, 0, 1));
    }
    // At once, not after the busy channel's 30 minutes: the lanes run side by side, so the pump's own short waits
    // on the fake clock may pass before the fine lane's thread reads it (10 ms seen under load).
    assertThat(fine.attempts).singleElement().extracting(Attempt::at)
        .satisfies(at -> assertThat(at).isBetween(START, START.plusSeconds(1)));
    assertThat(busy.attempts).hasSize(1);
    assertThat(realElapsed()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aDeliveryIsDeadAfterMaxAttempts() throws Exception {
    DeliveryException error = new DeliveryException("HTTP 500 from hook", null, null);
    ScriptedChannel hook = new ScriptedChannel("hook", error, error, error, error);
    queue("d-1", "hook");

    try (Dispatcher pump = pump(new DeliveryPolicy(3, Duration.ofDays(1), Duration.ofMinutes(5)), hook)) {
      DeliveryReport report = pump.drain(Duration.ofHours(2), Duration.ofMinutes(5));

      assertThat(report).isEqualTo(new DeliveryReport(0, 2, 1, 0));
    }
    assertThat(hook.attempts).extracting(Attempt::attempt).containsExactly(1, 2, 3);
    assertThat(store.outbox().list("dead", 10)).singleElement().satisfies(row -> assertThat(row.lastError()).isEqualTo("HTTP 500 from hook"));
    assertThat(realElapsed()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theDaemonsPumpRetriesOnItsClockToo() throws Exception {
    ScriptedChannel hook = new ScriptedChannel("hook", new DeliveryException("HTTP 503 from hook", Duration.ofMinutes(2), null));
    queue("d-1", "hook");

    try (Dispatcher pump = pump(new DeliveryPolicy(5, Duration.ofHours(1), Duration.ofSeconds(1)), hook)) {
      pump.start();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> store.outbox().list("delivered", 10).size() == 1);
    }
    assertThat(hook.attempts).hasSize(2);
    assertThat(Duration.between(hook.attempts.get(0).at(), hook.attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(realElapsed()).isLessThan(Duration.ofSeconds(5));
    assertThat(Optional.of(hook.attempts.get(1).attempt())).contains(2);
  }
}
