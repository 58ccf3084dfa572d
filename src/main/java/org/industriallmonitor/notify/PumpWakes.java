package org.industriallmonitor.notify;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The wakes of the outbox pump, for a {@link PumpWaiter}: a permit stands for "woken", and there is
 * at most one, so that any number of wakes before a wait end that one wait. The real waiter and the
 * tests' fake time both wait on it, so that they agree on what a wake is.
 */
final class PumpWakes {
  private final Semaphore woken = new Semaphore(0);

  /** Ends the current wait, or the next one. */
  void wake() {
    // At most one permit: a burst of wakes is one wake.
    if (woken.availablePermits() == 0) {
      woken.release();
    }
  }

  /** Waits up to {@code atMost} for a wake: true when one came (it is used up). */
  boolean await(Duration atMost) throws InterruptedException {
    return woken.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Forgets the wakes so far. */
  void clear() {
    woken.drainPermits();
  }
}
