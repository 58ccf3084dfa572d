package org.industriallmonitor.fetch;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps requests to one host polite across every job of the process: at most
 * {@code maxInFlight} at once, and starts at least {@code delay} apart (or the host's robots.txt
 * {@code Crawl-delay}, when longer). One pacer lives as long as the process; a new configuration
 * changes its limits in place, so crawls in flight and new ones keep sharing them.
 */
public final class HostPacer {
  private final ConcurrentMap<String, Host> hosts = new ConcurrentHashMap<>();
  private volatile Limits limits;

  public HostPacer(Duration delay, int maxInFlight) {
    this.limits = new Limits(delay.toNanos(), maxInFlight);
  }

  private record Limits(long delayNanos, int maxInFlight) {}

  /** Applies a new {@code request_delay} and {@code max_connections_per_host} from the next request on. */
  public void configure(Duration delay, int maxInFlight) {
    limits = new Limits(delay.toNanos(), maxInFlight);
    hosts.values().forEach(h -> h.configure(limits));
  }

  /** Waits for a turn to start a request to {@code host}; close the permit when the response was read. */
  public Permit acquire(String host) throws InterruptedException {
    Host h = host(host);
    h.enter();
    try {
      long waitNanos = h.reserveStart();
      if (waitNanos > 0) {
        TimeUnit.NANOSECONDS.sleep(waitNanos);
      }
    } catch (InterruptedException e) {
      h.leave();
      throw e;
    }
    return h::leave;
  }

  /** Raises the gap between request starts for one host, as a robots.txt {@code Crawl-delay} asks. */
  public void requireDelay(String host, Duration atLeast) {
    host(host).requireDelay(atLeast.toNanos());
  }

  /** The gap currently kept between request starts to {@code host}. */
  public Duration delayFor(String host) {
    Host h = hosts.get(host);
    return Duration.ofNanos(h == null ? limits.delayNanos() : h.delayNanos());
  }

  private Host host(String name) {
    return hosts.computeIfAbsent(name, k -> new Host(limits));
  }

  /** A turn to talk to a host; closing it lets the next request in. */
  @FunctionalInterface
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Host {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition slotFree = lock.newCondition();
    private Limits limits;
    private long robotsDelayNanos;
    private int inFlight;
    private long nextStart = Long.MIN_VALUE;
    private long lastStart = Long.MIN_VALUE;

    Host(Limits limits) {
      this.limits = limits;
    }

    void configure(Limits next) {
      lock.lock();
      try {
        limits = next;
        rebook();
        slotFree.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void enter() throws InterruptedException {
      lock.lockInterruptibly();
      try {
        while (inFlight >= limits.maxInFlight()) {
          slotFree.await();
        }
        inFlight++;
      } finally {
        lock.unlock();
      }
    }

    void leave() {
      lock.lock();
      try {
        inFlight--;
        slotFree.signal();
      } finally {
        lock.unlock();
      }
    }

    long delayNanos() {
      lock.lock();
      try {
        return Math.max(limits.delayNanos(), robotsDelayNanos);
      } finally {
        lock.unlock();
      }
    }

    /** The longer gap applies from the last start on, so the very next request already waits for it. */
    void requireDelay(long nanos) {
      lock.lock();
      try {
        robotsDelayNanos = Math.max(robotsDelayNanos, nanos);
        rebook();
      } finally {
        lock.unlock();
      }
    }

    private void rebook() {
      if (lastStart != Long.MIN_VALUE) {
        nextStart = lastStart + delayNanos();
      }
    }

    /** Books the next start time and returns how long the caller must wait for it. */
    long reserveStart() {
      lock.lock();
      try {
        long now = System.nanoTime();
        long start = nextStart == Long.MIN_VALUE ? now : Math.max(now, nextStart);
        nextStart = start + delayNanos();
        lastStart = start;
        return start - now;
      } finally {
        lock.unlock();
      }
    }
  }
}
