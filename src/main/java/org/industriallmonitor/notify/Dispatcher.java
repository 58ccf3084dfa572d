package org.industriallmonitor.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.industriallmonitor.store.OutboxRepository;
import org.industriallmonitor.store.OutboxRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox pump: each pass hands the deliveries due now to their channels' {@link Lanes} (a
 * {@link ChannelSender} sends them and records the outcomes); a channel that failed is held until
 * its retry time ({@link ChannelHolds}). Runs on its own thread in the daemon, or drains the outbox
 * for a bounded time after {@code once}. All its waiting goes through the {@link Clock} and the
 * {@link PumpWaiter} it is given, so that tests run it on fake time.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int BATCH = 500;
  private static final Duration IDLE_CHECK = Duration.ofSeconds(30);
  /** How often to look again while a lane is busy and its rows are due: no spinning on them. */
  private static final Duration BUSY_POLL = Duration.ofMillis(250);
  /** The shortest wait while lanes are busy, and the shortest idle wait: a pass is not free. */
  private static final Duration BUSY_MIN = Duration.ofMillis(10);
  private static final Duration IDLE_MIN = Duration.ofMillis(50);
  /** The pause after a failed pass (a locked or full database): the rows are safe. */
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
  /** How long a stopping daemon lets a delivery in flight finish. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);
  /**
   * How long a claim holds against other nodes while this one is alive: far beyond a lane's
   * sending (its timeouts are seconds), so that only a node stuck for that long loses its claims.
   */
  private static final Duration CLAIM_LEASE = Duration.ofMinutes(10);
  /** How many due rows the wake-up looks at to find a channel that may send now. */
  private static final int DUE_CHANNELS_LOOKED_AT = 200;

  private final OutboxRepository outbox;
  private final AtomicReference<Channels> channels;
  private final AtomicReference<DeliveryPolicy> policy;
  private final Clock clock;
  private final PumpWaiter waiter;
  private final ChannelHolds holds = new ChannelHolds();
  private final ChannelSender sender;
  private final Lanes lanes = new Lanes();
  private final Set<String> warnedUnavailable = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private Thread thread;

  public Dispatcher(OutboxRepository outbox, Channels channels, DeliveryPolicy policy, Clock clock) {
    this(outbox, channels, policy, clock, PumpWaiter.real());
  }

  /** {@code waiter} and {@code clock} together are the pump's time: a test gives a fake of both. */
  public Dispatcher(OutboxRepository outbox, Channels channels, DeliveryPolicy policy, Clock clock, PumpWaiter waiter) {
    this.outbox = outbox;
    this.channels = new AtomicReference<>(channels);
    this.policy = new AtomicReference<>(policy);
    this.clock = clock;
    this.waiter = waiter;
    this.sender = new ChannelSender(outbox, holds, clock);
  }

  /** Uses new channels and retry policy from the next pass on (after a configuration change). */
  public void setChannels(Channels next, DeliveryPolicy nextPolicy) {
    channels.set(next);
    policy.set(nextPolicy);
    holds.clear();
    warnedUnavailable.clear();
    wake();
  }

  /** Tells {@code listener} the outcome of every delivery attempt that follows (the daemon's console counts them). */
  public void setListener(DeliveryListener listener) {
    sender.setListener(listener);
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
      if (holds.held(id, now)) {
        continue;
      }
      Optional<Channel> channel = current.get(id);
      Optional<String> unavailable = channel.flatMap(Channel::unavailable);
      if (unavailable.isPresent()) {
        // Nothing is attempted: the rows wait, unchanged, for a monitor started with the secret set.
        if (warnedUnavailable.add(id)) {
          log.warn("deliveries to {} wait in the outbox: {}", id, unavailable.get());
        }
        holds.hold(id, now.plus(IDLE_CHECK));
        continue;
      }
      Optional<Lanes.Lane> free = lanes.take(id);
      if (free.isEmpty()) {
        continue;
      }
      Lanes.Lane lane = free.get();
      boolean handedToLane = false;
      try {
        // Read again now that the lane is ours: a delivery it finished after the read above is due no more,
        // and sending it from that read would send it twice.
        // Claimed for this node: another node sharing the database leaves them alone while it sends.
        List<OutboxRow> rows = outbox.claim(now, BATCH, id, CLAIM_LEASE);
        if (rows.isEmpty()) {
          continue;
        }
        boolean digest = current.digests().containsKey(id);
        handedOut.add(lane.run(() -> {
          try {
            return sender.send(id, channel, rows, digest, current.countries(), retries);
          } catch (RuntimeException e) {
            // A locked or full database, for instance: the rows are safe and tried again.
            log.error("delivering to {} failed: {}", id, e.getMessage(), e);
            return DeliveryReport.NONE;
          }
        }, this::wake));
        handedToLane = true;
      } finally {
        // A claim the database refused (or a lane shut down) must not keep the channel's lane taken for good.
        if (!handedToLane) {
          lane.release();
        }
      }
    }
    return handedOut;
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
      waiter.clearWakes();
      inFlight.addAll(dispatch(quick));
      total = total.plus(finished(inFlight));
      Instant now = clock.instant();
      Optional<Instant> next = nextWake();
      if (!now.isBefore(deadline) || inFlight.isEmpty() && (next.isEmpty() || next.get().isAfter(deadline))) {
        break;
      }
      Instant until = next.filter(t -> t.isBefore(deadline)).orElse(deadline);
      Duration wait = Duration.between(now, until);
      if (!inFlight.isEmpty()) {
        // A lane wakes us when it is done, but its future may be marked done a moment after: look again soon.
        wait = whileBusy(wait);
      }
      Duration toDeadline = atLeast(Duration.between(now, deadline), Duration.ofMillis(1));
      waiter.awaitWake(wait.compareTo(toDeadline) < 0 ? wait : toDeadline);
    }
    total = total.plus(finished(inFlight));
    if (!inFlight.isEmpty()) {
      lanes.abandonBusy();
    }
    return new DeliveryReport(total.delivered(), total.failed(), total.dead(), pendingCount());
  }

  private static Duration atLeast(Duration d, Duration min) {
    return d.compareTo(min) < 0 ? min : d;
  }

  /** The wait while lanes are busy: short, so that their results are seen soon, but never a spin. */
  private static Duration whileBusy(Duration wait) {
    Duration least = atLeast(wait, BUSY_MIN);
    return least.compareTo(BUSY_POLL) < 0 ? least : BUSY_POLL;
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

  /** Starts delivering on a background thread until {@link #close()}. */
  public void start() {
    running = true;
    thread = new Thread(this::loop, "dispatcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells the pump that new deliveries may be due. */
  public void wake() {
    waiter.wake();
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lanes.close(CLOSE_GRACE);
  }

  private void loop() {
    while (running) {
      try {
        boolean handedOut = !dispatch(policy.get()).isEmpty();
        Instant now = clock.instant();
        Instant next = nextWake().orElse(now.plus(IDLE_CHECK));
        Duration wait = Duration.between(now, next);
        wait = wait.compareTo(IDLE_CHECK) < 0 ? wait : IDLE_CHECK;
        waiter.awaitWake(handedOut || lanes.anyBusy() ? whileBusy(wait) : atLeast(wait, IDLE_MIN));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A locked or full database, for instance: try again shortly, the rows are safe.
        log.error("delivering the outbox failed: {}", e.getMessage(), e);
        try {
          waiter.pause(ERROR_PAUSE);
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
    boolean someoneMaySend = outbox.due(now, DUE_CHANNELS_LOOKED_AT).stream().anyMatch(row -> !holds.held(row.channel(), now));
    if (someoneMaySend) {
      return Optional.of(now);
    }
    return holds.firstEnd(now).or(() -> Optional.of(now));
  }

  private int pendingCount() {
    return outbox.countsByChannel().values().stream().mapToInt(c -> c.pending()).sum();
  }
}
