package org.industriallmonitor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
  private static final long LANE_GRACE_MILLIS = 100;

  private final Semaphore woken = new Semaphore(0);

  FakePumpTime(Instant start) {
    super(start);
  }

  @Override
  public void awaitWake(Duration atMost) throws InterruptedException {
    if (woken.tryAcquire(LANE_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
      woken.drainPermits();
      return;
    }
    if (!atMost.isNegative() && !atMost.isZero()) {
      advance(atMost);
    }
  }

  @Override
  public void wake() {
    if (woken.availablePermits() == 0) {
      woken.release();
    }
  }

  @Override
  public void clearWakes() {
    woken.drainPermits();
  }

  @Override
  public void pause(Duration duration) {
    advance(duration);
  }
}
