package org.industriallmonitor.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostPacerTest {
  @Test
  void startsAreSpacedAndInFlightIsBounded() throws Exception {
    HostPacer pacer = new HostPacer(Duration.ofMillis(30), 2);
    List<Long> starts = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch done = new CountDownLatch(24);
    long began = System.nanoTime();
    for (int i = 0; i < 24; i++) {
      pool.submit(() -> {
        try (HostPacer.Permit permit = pacer.acquire("site.example")) {
          starts.add(System.nanoTime());
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          // A slow response: longer than the gap, so that a third request would overlap if allowed.
          new CountDownLatch(1).await(80, TimeUnit.MILLISECONDS);
          inFlight.decrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
        return null;
      });
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();

    // A thread can wake late, so two observed starts may sit closer than the gap; what the pacer
    // guarantees is that the i-th request never starts before i gaps have passed.
    List<Long> sorted = new ArrayList<>(starts);
    Collections.sort(sorted);
    for (int i = 0; i < sorted.size(); i++) {
      assertThat(sorted.get(i) - began).as("start of request %d", i).isGreaterThanOrEqualTo(i * Duration.ofMillis(30).toNanos());
    }
    assertThat(maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void hostsArePacedIndependently() throws Exception {
    HostPacer pacer = new HostPacer(Duration.ofSeconds(30), 1);
    long started = System.nanoTime();

    pacer.acquire("a.example").close();
    pacer.acquire("b.example").close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aCrawlDelayAppliesToTheVeryNextRequest() throws Exception {
    HostPacer pacer = new HostPacer(Duration.ZERO, 1);
    pacer.acquire("site.example").close();
    long first = System.nanoTime();

    pacer.requireDelay("site.example", Duration.ofMillis(200));
    pacer.acquire("site.example").close();

    assertThat(System.nanoTime() - first).isGreaterThanOrEqualTo(Duration.ofMillis(195).toNanos());
    assertThat(pacer.delayFor("site.example")).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aNewDelayAppliesInPlaceAndKeepsTheCrawlDelay() throws Exception {
    HostPacer pacer = new HostPacer(Duration.ZERO, 1);
    pacer.requireDelay("site.example", Duration.ofMillis(150));
    pacer.acquire("site.example").close();
    long first = System.nanoTime();

    pacer.configure(Duration.ofMillis(10), 1);
    pacer.acquire("site.example").close();

    assertThat(System.nanoTime() - first).as("the Crawl-delay outlives a new request_delay").isGreaterThanOrEqualTo(Duration.ofMillis(145).toNanos());
    pacer.configure(Duration.ofMillis(300), 1);
    assertThat(pacer.delayFor("site.example")).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aLowerConnectionLimitHoldsBackTheNextRequestWhileOneIsInFlight() throws Exception {
    HostPacer pacer = new HostPacer(Duration.ZERO, 2);
    HostPacer.Permit held = pacer.acquire("site.example");
    pacer.configure(Duration.ZERO, 1);
    CountDownLatch entered = new CountDownLatch(1);
    Thread second = new Thread(() -> {
      try (HostPacer.Permit permit = pacer.acquire("site.example")) {
        entered.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    second.start();

    assertThat(entered.await(200, TimeUnit.MILLISECONDS)).as("waits while the first request is in flight").isFalse();
    held.close();
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    second.join();
  }
}
