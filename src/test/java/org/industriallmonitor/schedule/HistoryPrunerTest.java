package org.industriallmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The daemon's repeated pruning: one that fails, even with an Error, never ends the repetition; a stop interrupts one in flight. */
class HistoryPrunerTest {

  @Test
  void aPruningThatThrowsAnErrorDoesNotCancelTheNextOnes() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch third = new CountDownLatch(3);
    Runnable prune = () -> {
      runs.incrementAndGet();
      third.countDown();
      if (runs.get() == 1) {
        throw new AssertionError("a bug in the pruning");
      }
      if (runs.get() == 2) {
        throw new IllegalStateException("the database said no");
      }
    };
    try (HistoryPruner pruner = new HistoryPruner(prune, Duration.ofMillis(10))) {
      pruner.start();
      assertThat(third.await(20, TimeUnit.SECONDS)).as("a third pruning after two failed ones").isTrue();
    }
  }

  @Test
  void stoppingInterruptsAPruningInFlightAndWaitsForItToEnd() throws Exception {
    CountDownLatch pruning = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    Runnable prune = () -> {
      pruning.countDown();
      // Batch after batch until interrupted, as the retention's loops do.
      while (!Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
      ended.countDown();
    };
    HistoryPruner pruner = new HistoryPruner(prune, Duration.ofHours(1));
    pruner.start();
    assertThat(pruning.await(20, TimeUnit.SECONDS)).isTrue();
    long started = System.nanoTime();

    pruner.close();

    assertThat(ended.getCount()).as("the pruning ended before close returned").isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not the whole stop wait").isLessThan(Duration.ofSeconds(4));
  }
}
