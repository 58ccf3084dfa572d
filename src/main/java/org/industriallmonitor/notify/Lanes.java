package org.industriallmonitor.notify;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lane per channel: one thread that sends the channel's deliveries one at a time, in order, so
 * that a slow or dead receiver delays only itself.
 */
final class Lanes {
  private final Map<String, Lane> byChannel = new ConcurrentHashMap<>();

  /** One channel's thread, and whether it has work. */
  static final class Lane {
    private final ExecutorService executor;
    private final AtomicBoolean busy = new AtomicBoolean();

    private Lane(String channel) {
      executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "deliver-" + channel);
        t.setDaemon(true);
        return t;
      });
    }

    /** Runs {@code work} on the lane, which is free again when it ends (then {@code done} runs). */
    <T> Future<T> run(Callable<T> work, Runnable done) {
      return executor.submit(() -> {
        try {
          return work.call();
        } finally {
          busy.set(false);
          done.run();
        }
      });
    }

    /** Gives the lane back unused. */
    void release() {
      busy.set(false);
    }
  }

  /** The channel's lane, now taken for this caller; empty while it is busy. */
  Optional<Lane> take(String channel) {
    Lane lane = byChannel.computeIfAbsent(channel, Lane::new);
    return lane.busy.compareAndSet(false, true) ? Optional.of(lane) : Optional.empty();
  }

  boolean anyBusy() {
    return byChannel.values().stream().anyMatch(l -> l.busy.get());
  }

  /** Stops waiting for what is in flight: its lane is interrupted and let go, a new one takes the channel's next rows. */
  void abandonBusy() {
    byChannel.values().removeIf(lane -> {
      if (lane.busy.get()) {
        lane.executor.shutdownNow();
        return true;
      }
      return false;
    });
  }

  /** Ends every lane: a delivery in flight gets {@code grace}, then is interrupted. */
  void close(Duration grace) {
    try {
      long deadline = System.nanoTime() + grace.toNanos();
      for (Lane lane : byChannel.values()) {
        lane.executor.shutdown();
        if (!lane.busy.get()) {
          continue;
        }
        if (!lane.executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          lane.executor.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      byChannel.values().forEach(lane -> lane.executor.shutdownNow());
      Thread.currentThread().interrupt();
    }
  }
}
