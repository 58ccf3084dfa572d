package org.industriallmonitor.fetch;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Keeps requests to one host polite across every job of the process: at most
 * {@code maxInFlight} at once, and starts at least {@code delay} apart.
 */
public final class HostPacer {
  private final Duration delay;
  private final int maxInFlight;
  private final ConcurrentMap<String, Host> hosts = new ConcurrentHashMap<>();

  public HostPacer(Duration delay, int maxInFlight) {
    this.delay = delay;
    this.maxInFlight = maxInFlight;
  }

  /** Waits for a turn to start a request to {@code host}; close the permit when the response was read. */
  public Permit acquire(String host) throws InterruptedException {
    Host h = hosts.computeIfAbsent(host, k -> new Host(maxInFlight, delay));
    h.inFlight.acquire();
    try {
      long waitNanos = h.reserveStart();
      if (waitNanos > 0) {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      }
    } catch (InterruptedException e) {
      h.inFlight.release();
      throw e;
    }
    return h.inFlight::release;
  }

  /** Raises the gap between request starts for one host, as a robots.txt {@code Crawl-delay} asks. */
  public void requireDelay(String host, Duration atLeast) {
    hosts.computeIfAbsent(host, k -> new Host(maxInFlight, delay)).raiseDelay(atLeast);
  }

  /** The gap currently kept between request starts to {@code host}. */
  public Duration delayFor(String host) {
    Host h = hosts.get(host);
    return h == null ? delay : Duration.ofNanos(h.delayNanos());
  }

  /** A turn to talk to a host; closing it lets the next request in. */
  @FunctionalInterface
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Host {
    final Semaphore inFlight;
    private long delayNanos;
    private long nextStart = Long.MIN_VALUE;
    private long lastStart = Long.MIN_VALUE;

    Host(int maxInFlight, Duration delay) {
      this.inFlight = new Semaphore(maxInFlight, true);
      this.delayNanos = delay.toNanos();
    }

    synchronized long delayNanos() {
      return delayNanos;
    }

    /** The longer gap applies from the last start on, so the very next request already waits for it. */
    synchronized void raiseDelay(Duration atLeast) {
      delayNanos = Math.max(delayNanos, atLeast.toNanos());
      if (lastStart != Long.MIN_VALUE) {
        nextStart = Math.max(nextStart, lastStart + delayNanos);
      }
    }

    /** Books the next start time and returns how long the caller must wait for it. */
    synchronized long reserveStart() {
      long now = System.nanoTime();
      long start = nextStart == Long.MIN_VALUE ? now : Math.max(now, nextStart);
      nextStart = start + delayNanos;
      lastStart = start;
      return start - now;
    }
  }
}
