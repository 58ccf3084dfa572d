package org.industriallmonitor.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The outbox pump's time in tests: a clock that stands still until the pump waits, and then jumps
 * to the end of the wait at once. A wake (a lane that finished) ends a wait without moving the
 * clock; the pump's lanes are real threads, so a wait first gives a lane a moment (real) to wake it.
 */
final class FakePumpTime extends Clock implements PumpWaiter {
  /**
   * Real time for a lane in flight to finish and wake the pump (a fake channel answers in microseconds,
   * but a loaded machine may be slow to run its thread): the clock does not move under a send.
   */
  private static final long LANE_GRACE_MILLIS = 100;

  private volatile Instant now;
  private final Semaphore woken = new Semaphore(0);

  FakePumpTime(Instant start) {
    this.now = start;
  }

  void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock is in UTC");
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
