package org.industriallmonitor.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's pruning of old history ({@code storage.prune_every}): once as it starts, then at
 * that interval, on a thread of its own so that neither the start nor a crawl waits for it.
 */
public final class HistoryPruner implements AutoCloseable {
  /** How long a stop waits for a pruning in flight: one batch is a short transaction. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final Runnable prune;
  private final Duration every;
  private ScheduledExecutorService timer;

  /** {@code prune} logs its own failures: one that throws would end the repetition. */
  public HistoryPruner(Runnable prune, Duration every) {
    this.prune = prune;
    this.every = every;
  }

  /** Prunes now (on the pruner's thread), then every {@code every}. */
  public void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "history-pruner");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(prune, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops pruning; a pruning in flight finishes its batch first (the store closes after this). */
  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdown();
    try {
      if (!timer.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
