package org.industriallmonitor.notify;

import java.time.Duration;

/**
 * How the outbox pump waits between its passes: until it is woken (new deliveries, a lane that
 * finished) or a time has passed. Injected so that tests run the pump on a fake clock that
 * advances at once instead of waiting.
 */
public interface PumpWaiter {
  /** Waits until {@link #wake()} is called or {@code atMost} has passed; a wake since the last {@link #clearWakes()} returns at once. */
  void awaitWake(Duration atMost) throws InterruptedException;

  /** Ends the current wait, or the next one. */
  void wake();

  /** Forgets the wakes so far: the pass about to start sees what they announced. */
  void clearWakes();

  /** Waits {@code duration} whatever wakes come (the pause after a database error). */
  void pause(Duration duration) throws InterruptedException;

  /** Waits in real time. */
  static PumpWaiter real() {
    return new RealWaiter();
  }

  /** Waits on the wall's time; its wakes are {@link PumpWakes}. */
  final class RealWaiter implements PumpWaiter {
    private final PumpWakes wakes = new PumpWakes();

    private RealWaiter() {}

    @Override
    public void awaitWake(Duration atMost) throws InterruptedException {
      if (!atMost.isNegative() && !atMost.isZero()) {
        wakes.await(atMost);
      }
      wakes.clear();
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
    public void pause(Duration duration) throws InterruptedException {
      Thread.sleep(duration.toMillis());
    }
  }
}
