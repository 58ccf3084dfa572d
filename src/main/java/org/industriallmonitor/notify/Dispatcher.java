package org.industriallmonitor.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.industriallmonitor.store.OutboxRepository;
import org.industriallmonitor.store.OutboxRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: each pending delivery that is due goes to its channel; success marks it
 * delivered, failure schedules a retry or dead-letters it. Every channel has a lane of its own
 * (one delivery in flight at a time, in order), so a slow or dead receiver delays only itself;
 * a channel that failed is left alone until its retry time. Runs on its own thread in the
 * daemon, or drains the outbox for a bounded time after {@code once}.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int BATCH = 500;
  private static final Duration IDLE_CHECK = Duration.ofSeconds(30);
  /** How often to look again while a lane is busy and its rows are due: no spinning on them. */
  private static final Duration BUSY_POLL = Duration.ofMillis(250);
  /** How long a stopping daemon lets a delivery in flight finish. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);
  /**
   * How long a claim holds against other nodes while this one is alive: far beyond a lane's
   * sending (its timeouts are seconds), so that only a node stuck for that long loses its claims.
   */
  private static final Duration CLAIM_LEASE = Duration.ofMinutes(10);

  private final OutboxRepository outbox;
  private final AtomicReference<Channels> channels;
  private final AtomicReference<DeliveryPolicy> policy;
  private final Clock clock;
  private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
  private final Set<String> warnedUnavailable = ConcurrentHashMap.newKeySet();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running;
  private volatile DeliveryListener listener = DeliveryListener.NONE;
  /** How many due rows the wake-up looks at to find a channel that may send now. */
  private static final int DUE_CHANNELS_LOOKED_AT = 200;
  private Thread thread;

  public Dispatcher(OutboxRepository outbox, Channels channels, DeliveryPolicy policy, Clock clock) {
    this.outbox = outbox;
    this.channels = new AtomicReference<>(channels);
    this.policy = new AtomicReference<>(policy);
    this.clock = clock;
  }

  /** One channel's deliveries, one at a time, on a thread of its own. */
  private static final class Lane {
    final ExecutorService executor;
    final AtomicBoolean busy = new AtomicBoolean();

    Lane(String channel) {
      executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "deliver-" + channel);
        t.setDaemon(true);
        return t;
      });
    }
  }

  /** Uses new channels and retry policy from the next pass on (after a configuration change). */
  public void setChannels(Channels next, DeliveryPolicy nextPolicy) {
    channels.set(next);
    policy.set(nextPolicy);
    blockedUntil.clear();
    warnedUnavailable.clear();
    wake();
  }

  /**
   * One pass: hands the rows due now to their channels' lanes, each lane that is free taking
   * all of its channel's; a busy lane keeps to what it has. Returns the work handed out.
   */
  private synchronized List<Future<DeliveryReport>> dispatch(DeliveryPolicy retries) {
    Instant now = clock.instant();
    // The channels with something due, oldest first; each lane reads its own rows once it is taken.
    Set<String> due = new LinkedHashSet<>();
    for (OutboxRow row : outbox.due(now, BATCH)) {
      due.add(row.channel());
    }
    Channels current = channels.get();
    List<Future<DeliveryReport>> handedOut = new ArrayList<>();
    for (String id : due) {
      Instant blocked = blockedUntil.get(id);
      if (blocked != null && blocked.isAfter(now)) {
        continue;
      }
      Optional<Channel> channel = current.get(id);
      Optional<String> unavailable = channel.flatMap(Channel::unavailable);
      if (unavailable.isPresent()) {
        // Nothing is attempted: the rows wait, unchanged, for a monitor started with the secret set.
        if (warnedUnavailable.add(id)) {
          log.warn("deliveries to {} wait in the outbox: {}", id, unavailable.get());
        }
        blockedUntil.put(id, now.plus(IDLE_CHECK));
        continue;
      }
      Lane lane = lanes.computeIfAbsent(id, Lane::new);
      if (!lane.busy.compareAndSet(false, true)) {
        continue;
      }
      // Read again now that the lane is ours: a delivery it finished after the read above is due no more,
      // and sending it from that read would send it twice.
      // Claimed for this node: another node sharing the database leaves them alone while it sends.
      List<OutboxRow> rows = outbox.claim(now, BATCH, id, CLAIM_LEASE);
      if (rows.isEmpty()) {
        lane.busy.set(false);
        continue;
      }
      boolean digest = current.digests().containsKey(id);
      handedOut.add(lane.executor.submit(() -> {
        try {
          return deliver(id, channel, rows, digest, retries);
        } catch (RuntimeException e) {
          // A locked or full database, for instance: the rows are safe and tried again.
          log.error("delivering to {} failed: {}", id, e.getMessage(), e);
          return DeliveryReport.NONE;
        } finally {
          lane.busy.set(false);
          wake();
        }
      }));
    }
    return handedOut;
  }

  /** Sends a channel's rows in order until the first failure, which schedules its retry. */
  private DeliveryReport deliver(String id, Optional<Channel> channel, List<OutboxRow> rows, boolean digest, DeliveryPolicy retries)
      throws InterruptedException {
    DeliveryReport report = DeliveryReport.NONE;
    for (List<OutboxRow> message : messages(rows, digest)) {
      try {
        if (channel.isEmpty()) {
          throw new DeliveryException("channel '" + id + "' is not in the configuration", null, null);
        }
        String outcome = channel.get().send(message.stream().map(Dispatcher::delivery).toList());
        outbox.markDelivered(message.stream().map(OutboxRow::id).toList(), clock.instant());
        listener.attempted(id, DeliveryOutcome.DELIVERED, message.size());
        report = report.plus(new DeliveryReport(message.size(), 0, 0, 0));
        log.info("delivered {} {} to {}: {}", message.size() == 1 ? message.get(0).event() : message.size() + " events as a digest",
            message.size() == 1 ? message.get(0).deliveryId() : "", id, outcome);
      } catch (DeliveryException e) {
        report = report.plus(recordFailure(id, message, e, retries));
        break;
      }
    }
    return report;
  }

  /**
   * Delivers what is due, retrying failures after at most {@code quickRetry} (doubling), until
   * nothing is pending or {@code bound} has passed; what is still pending then waits for the
   * next run or the daemon. A delivery still in flight at the end is left to its lane (and is
   * sent again, with the same id, if it was not marked delivered): a slow receiver never keeps
   * {@code once} past its bound.
   */
  public DeliveryReport drain(Duration bound, Duration quickRetry) throws InterruptedException {
    Instant deadline = clock.instant().plus(bound);
    DeliveryPolicy quick = policy.get().withBackoffAtMost(quickRetry);
    DeliveryReport total = DeliveryReport.NONE;
    List<Future<DeliveryReport>> inFlight = new ArrayList<>();
    while (true) {
      synchronized (signal) {
        woken = false;
      }
      inFlight.addAll(dispatch(quick));
      total = total.plus(finished(inFlight));
      Instant now = clock.instant();
      Optional<Instant> next = nextWake();
      if (!now.isBefore(deadline) || inFlight.isEmpty() && (next.isEmpty() || next.get().isAfter(deadline))) {
        break;
      }
      Instant until = next.filter(t -> t.isBefore(deadline)).orElse(deadline);
      long waitMillis = Duration.between(now, until).toMillis();
      if (!inFlight.isEmpty()) {
        // A lane wakes us when it is done, but its future may be marked done a moment after: look again soon.
        waitMillis = Math.min(Math.max(waitMillis, 10), BUSY_POLL.toMillis());
      }
      awaitWake(Math.min(waitMillis, Math.max(1, Duration.between(now, deadline).toMillis())));
    }
    total = total.plus(finished(inFlight));
    if (!inFlight.isEmpty()) {
      abandonInFlight();
    }
    return new DeliveryReport(total.delivered(), total.failed(), total.dead(), pendingCount());
  }

  /** The reports of the work that is done, removed from {@code work}. */
  private static DeliveryReport finished(List<Future<DeliveryReport>> work) throws InterruptedException {
    DeliveryReport total = DeliveryReport.NONE;
    for (Iterator<Future<DeliveryReport>> it = work.iterator(); it.hasNext(); ) {
      Future<DeliveryReport> f = it.next();
      if (f.isDone()) {
        it.remove();
        try {
          total = total.plus(f.get());
        } catch (ExecutionException e) {
          log.error("a delivery lane failed: {}", e.getCause().toString(), e.getCause());
        }
      }
    }
    return total;
  }

  private void awaitWake(long millis) throws InterruptedException {
    synchronized (signal) {
      if (!woken && millis > 0) {
        signal.wait(millis);
      }
      woken = false;
    }
  }

  /** Starts delivering on a background thread until {@link #close()}. */
  /** Tells {@code listener} the outcome of every delivery attempt that follows (the daemon's console counts them). */
  public void setListener(DeliveryListener listener) {
    this.listener = listener;
  }

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

  /**
   * Stops delivering: the background thread ends, and a delivery in flight gets 3 seconds,
   * then is interrupted (it stays pending and is retried later with the same id).
   */
  @Override
  public void close() {
    running = false;
    wake();
    try {
      if (thread != null) {
        thread.join(CLOSE_GRACE.toMillis());
        thread.interrupt();
      }
      long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
      for (Lane lane : lanes.values()) {
        lane.executor.shutdown();
        if (!lane.busy.get()) {
          continue;
        }
        if (!lane.executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          lane.executor.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      lanes.values().forEach(lane -> lane.executor.shutdownNow());
      Thread.currentThread().interrupt();
    }
  }

  /** Stops waiting for what is in flight: its lane is interrupted and let go, a new one takes the channel's next rows. */
  private void abandonInFlight() {
    lanes.values().removeIf(lane -> {
      if (lane.busy.get()) {
        lane.executor.shutdownNow();
        return true;
      }
      return false;
    });
  }

  private void loop() {
    while (running) {
      try {
        boolean handedOut = !dispatch(policy.get()).isEmpty();
        Instant now = clock.instant();
        Instant next = nextWake().orElse(now.plus(IDLE_CHECK));
        long wait = Math.min(Duration.between(now, next).toMillis(), IDLE_CHECK.toMillis());
        boolean busy = handedOut || lanes.values().stream().anyMatch(l -> l.busy.get());
        awaitWake(busy ? Math.min(Math.max(wait, 10), BUSY_POLL.toMillis()) : Math.max(50, wait));
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
    Optional<Instant> due = outbox.nextDue(now);
    if (due.isEmpty()) {
      return due;
    }
    if (due.get().isAfter(now)) {
      return due;
    }
    // Rows are due. A channel that may send now goes now (its retry fell due a moment ago, say): only when
    // every due row's channel waits (a 429's Retry-After) is the wake the first of those waits' ends.
    boolean someoneMaySend = outbox.due(now, DUE_CHANNELS_LOOKED_AT).stream()
        .anyMatch(row -> !blockedUntil.getOrDefault(row.channel(), Instant.MIN).isAfter(now));
    if (someoneMaySend) {
      return Optional.of(now);
    }
    return blockedUntil.values().stream().filter(t -> t.isAfter(now)).min(Instant::compareTo).or(() -> Optional.of(now));
  }

  private int pendingCount() {
    return outbox.countsByChannel().values().stream().mapToInt(c -> c.pending()).sum();
  }

  /** The one place an outbox row becomes what a channel sends. */
  static Delivery delivery(OutboxRow row) {
    return new Delivery(row.deliveryId(), Event.ofWireName(row.event()), row.subject(), row.payload(), row.attempts() + 1);
  }

  /** Article events of a digest channel go out as one message; everything else one by one. */
  private static List<List<OutboxRow>> messages(List<OutboxRow> rows, boolean digest) {
    List<List<OutboxRow>> messages = new ArrayList<>();
    List<OutboxRow> digestRows = new ArrayList<>();
    for (OutboxRow row : rows) {
      if (digest && row.event().equals(Event.ARTICLE_NEW.wireName())) {
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
      Instant next = e.permanent() ? null : retries.nextAttempt(row.attempts() + 1, row.createdAt(), now, e.retryAfter());
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
    if (failed > 0) {
      listener.attempted(channel, DeliveryOutcome.FAILED, failed);
    }
    if (dead > 0) {
      listener.attempted(channel, DeliveryOutcome.DEAD, dead);
    }
    if (earliestRetry != null) {
      blockedUntil.put(channel, earliestRetry);
    }
    return new DeliveryReport(0, failed, dead, 0);
  }
}
