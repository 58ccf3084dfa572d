package org.industriallmonitor.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.industriallmonitor.store.OutboxRepository;
import org.industriallmonitor.store.OutboxRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: each pending delivery that is due goes to its channel; success marks it
 * delivered, failure schedules a retry or dead-letters it. A channel that failed is left alone
 * until its retry time, so one dead receiver does not hold up the others. Runs on its own thread
 * in the daemon, or drains the outbox for a bounded time after {@code once}.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int BATCH = 500;
  private static final Duration IDLE_CHECK = Duration.ofSeconds(30);

  private final OutboxRepository outbox;
  private final AtomicReference<Channels> channels;
  private final AtomicReference<DeliveryPolicy> policy;
  private final Clock clock;
  private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
  private final Set<String> warnedUnavailable = ConcurrentHashMap.newKeySet();
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running;
  private Thread thread;

  public Dispatcher(OutboxRepository outbox, Channels channels, DeliveryPolicy policy, Clock clock) {
    this.outbox = outbox;
    this.channels = new AtomicReference<>(channels);
    this.policy = new AtomicReference<>(policy);
    this.clock = clock;
  }

  /** Uses new channels and retry policy from the next pass on (after a configuration change). */
  public void setChannels(Channels next, DeliveryPolicy nextPolicy) {
    channels.set(next);
    policy.set(nextPolicy);
    blockedUntil.clear();
    warnedUnavailable.clear();
    wake();
  }

  /** One pass over the deliveries due now. */
  public DeliveryReport deliverDue() throws InterruptedException {
    return deliverDue(policy.get());
  }

  private synchronized DeliveryReport deliverDue(DeliveryPolicy retries) throws InterruptedException {
    Instant now = clock.instant();
    Map<String, List<OutboxRow>> byChannel = new LinkedHashMap<>();
    for (OutboxRow row : outbox.due(now, BATCH)) {
      byChannel.computeIfAbsent(row.channel(), k -> new ArrayList<>()).add(row);
    }
    DeliveryReport report = DeliveryReport.NONE;
    Channels current = channels.get();
    for (Map.Entry<String, List<OutboxRow>> entry : byChannel.entrySet()) {
      Instant blocked = blockedUntil.get(entry.getKey());
      if (blocked != null && blocked.isAfter(now)) {
        continue;
      }
      Optional<Channel> channel = current.get(entry.getKey());
      Optional<String> unavailable = channel.flatMap(Channel::unavailable);
      if (unavailable.isPresent()) {
        // Nothing is attempted: the rows wait, unchanged, for a monitor started with the secret set.
        if (warnedUnavailable.add(entry.getKey())) {
          log.warn("deliveries to {} wait in the outbox: {}", entry.getKey(), unavailable.get());
        }
        blockedUntil.put(entry.getKey(), now.plus(IDLE_CHECK));
        continue;
      }
      for (List<OutboxRow> message : messages(entry.getValue(), current.digests().containsKey(entry.getKey()))) {
        try {
          if (channel.isEmpty()) {
            throw new DeliveryException("channel '" + entry.getKey() + "' is not in the configuration", null, null);
          }
          String outcome = channel.get().send(message);
          outbox.markDelivered(message.stream().map(OutboxRow::id).toList(), clock.instant());
          report = report.plus(new DeliveryReport(message.size(), 0, 0, 0));
          log.info("delivered {} {} to {}: {}", message.size() == 1 ? message.get(0).event() : message.size() + " events as a digest",
              message.size() == 1 ? message.get(0).deliveryId() : "", entry.getKey(), outcome);
        } catch (DeliveryException e) {
          report = report.plus(recordFailure(entry.getKey(), message, e, retries));
          break;
        }
      }
    }
    return report;
  }

  /**
   * Delivers what is due, retrying failures after at most {@code quickRetry} (doubling), until
   * nothing is pending or {@code bound} has passed; what is still pending then waits for the
   * next run or the daemon.
   */
  public DeliveryReport drain(Duration bound, Duration quickRetry) throws InterruptedException {
    Instant deadline = clock.instant().plus(bound);
    DeliveryPolicy quick = policy.get().withBackoffAtMost(quickRetry);
    DeliveryReport total = DeliveryReport.NONE;
    while (true) {
      total = total.plus(deliverDue(quick));
      Optional<Instant> next = nextWake();
      if (next.isEmpty() || next.get().isAfter(deadline)) {
        break;
      }
      long waitMillis = Duration.between(clock.instant(), next.get()).toMillis();
      if (waitMillis > 0) {
        Thread.sleep(waitMillis);
      }
    }
    return new DeliveryReport(total.delivered(), total.failed(), total.dead(), pendingCount());
  }

  /** Starts delivering on a background thread until {@link #close()}. */
  public void start() {
    running = true;
    thread = new Thread(this::loop, "dispatcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells the background thread that new deliveries may be due. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** Stops the background thread: a delivery in flight gets 3 seconds, then is interrupted (and retried later). */
  @Override
  public void close() {
    running = false;
    wake();
    if (thread == null) {
      return;
    }
    try {
      thread.join(3000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (running) {
      try {
        deliverDue();
        Instant next = nextWake().orElse(clock.instant().plus(IDLE_CHECK));
        long wait = Math.max(50, Math.min(Duration.between(clock.instant(), next).toMillis(), IDLE_CHECK.toMillis()));
        synchronized (signal) {
          if (!woken && running) {
            signal.wait(wait);
          }
          woken = false;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A locked or full database, for instance: try again shortly, the rows are safe.
        log.error("delivering the outbox failed: {}", e.getMessage(), e);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** When the next attempt is due, taking channels that wait after a failure into account. */
  private Optional<Instant> nextWake() {
    Instant now = clock.instant();
    Optional<Instant> due = outbox.nextDue();
    if (due.isEmpty()) {
      return due;
    }
    if (due.get().isAfter(now)) {
      return due;
    }
    // Rows are due but their channels wait: wake when the first channel may be tried again.
    return blockedUntil.values().stream().filter(t -> t.isAfter(now)).min(Instant::compareTo).or(() -> Optional.of(now));
  }

  private int pendingCount() {
    return outbox.countsByChannel().values().stream().mapToInt(c -> c.pending()).sum();
  }

  /** Article events of a digest channel go out as one message; everything else one by one. */
  private static List<List<OutboxRow>> messages(List<OutboxRow> rows, boolean digest) {
    List<List<OutboxRow>> messages = new ArrayList<>();
    List<OutboxRow> digestRows = new ArrayList<>();
    for (OutboxRow row : rows) {
      if (digest && row.event().equals(Events.ARTICLE_NEW)) {
        digestRows.add(row);
      } else {
        messages.add(List.of(row));
      }
    }
    if (!digestRows.isEmpty()) {
      messages.add(0, digestRows);
    }
    return messages;
  }

  /** Schedules the message's retries or dead-letters it; returns what failed and what died. */
  private DeliveryReport recordFailure(String channel, List<OutboxRow> message, DeliveryException e, DeliveryPolicy retries) {
    Instant now = clock.instant();
    int failed = 0;
    int dead = 0;
    Instant earliestRetry = null;
    for (OutboxRow row : message) {
      Instant next = retries.nextAttempt(row.attempts() + 1, row.createdAt(), now, e.retryAfter());
      outbox.markFailed(List.of(row.id()), e.getMessage(), next);
      if (next == null) {
        dead++;
        log.error("delivery {} ({}) to {} is dead after {} attempts: {}; `outbox retry` sends it again",
            row.deliveryId(), row.event(), channel, row.attempts() + 1, e.getMessage());
      } else {
        failed++;
        earliestRetry = earliestRetry == null || next.isBefore(earliestRetry) ? next : earliestRetry;
        log.warn("delivery {} ({}) to {} failed (attempt {}): {}; next attempt at {}",
            row.deliveryId(), row.event(), channel, row.attempts() + 1, e.getMessage(), next);
      }
    }
    if (earliestRetry != null) {
      blockedUntil.put(channel, earliestRetry);
    }
    return new DeliveryReport(0, failed, dead, 0);
  }
}
