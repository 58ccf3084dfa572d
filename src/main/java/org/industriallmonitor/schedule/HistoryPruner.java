package org.industriallmonitor.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's pruning of old history ({@code storage.prune_every}): once as it starts, then at
 * that interval, on a thread of its own so that neither the start nor a crawl waits for it.
 */
public final class HistoryPruner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HistoryPruner.class);
  /** How long a stop waits for a pruning in flight: one batch is a short transaction. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final Runnable prune;
  private final Duration every;
  private ScheduledExecutorService timer;

  /** {@code prune} logs its own failures; one that escapes it is logged here, and the next pruning runs all the same. */
  public HistoryPruner(Runnable prune, Duration every) {
    this.prune = prune;
    this.every = every;
  }

  /**
   * A scheduled task that throws is never run again, silently: whatever escapes is logged and swallowed, an
   * Error too (a bug in one pruning must not end them all), except the JVM's own (out of memory, say).
   */
  private void pruneOnce() {
    try {
      prune.run();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      log.error("pruning the history failed (tried again at the next pruning)", e);
    }
  }

  /** Prunes now (on the pruner's thread), then every {@code every}. */
  public void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "history-pruner");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::pruneOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops pruning: a pruning in flight is interrupted, finishes its batch (its loops stop between two) and is
   * waited for, so that the store closes after it.
   */
  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("the history pruning did not stop within {} s", STOP_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
