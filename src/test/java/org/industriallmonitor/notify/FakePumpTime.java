package org.industriallmonitor.notify;

import java.time.Duration;
import java.time.Instant;
import org.industriallmonitor.testing.MutableClock;

/**
 * The outbox pump's time in tests: a clock that stands still until the pump waits, and then jumps
 * to the end of the wait at once. A wake (a lane that finished) ends a wait without moving the
 * clock; the pump's lanes are real threads, so a wait first gives a lane a moment (real) to wake it.
 */
final class FakePumpTime extends MutableClock implements PumpWaiter {
  /**
   * Real time for a lane in flight to finish and wake the pump (a fake channel answers in microseconds,
   * but a loaded machine may be slow to run its thread): the clock does not move under a send.
   */
  private static final Duration LANE_GRACE = Duration.ofMillis(100);

  private final PumpWakes wakes = new PumpWakes();

  FakePumpTime(Instant start) {
    super(start);
  }

  @Override
  public void awaitWake(Duration atMost) throws InterruptedException {
    if (wakes.await(LANE_GRACE)) {
      wakes.clear();
      return;
    }
    if (!atMost.isNegative() && !atMost.isZero()) {
      advance(atMost);
    }
  }

  @Override
  public void wake() {
    wakes.wake();
  }

  @Override
  public void clearWakes() {
    wakes.clear();
  }

  @Override
  public void pause(Duration duration) {
    advance(duration);
  }
}
