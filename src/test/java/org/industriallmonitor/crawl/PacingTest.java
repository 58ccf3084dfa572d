package org.industriallmonitor.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Monitor;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two countries crawled at once, and the early warning polled meanwhile, share one host's limits:
 * request spacing and connections in flight.
 */
class PacingTest {
  private static final long DELAY_MS = 50;
  /** Loopback latency between the client's start and WireMock's log stamp varies by a few ms. */
  private static final long CLOCK_SLACK_MS = 15;

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void requestsToOneHostAreSpacedAndBoundedAcrossConcurrentCrawls() throws Exception {
    WireMockServer site = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    site.start();
    try {
      site.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString()).withFixedDelay(120)));
      Path configFile = TestConfig.site(URI.create(site.baseUrl())).site("request_delay", DELAY_MS + "ms")
          .site("max_connections_per_host", "2").country("Kyrgyzstan", 364).country("Uzbekistan", 366).writeTo(dir);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try (Components parts = Components.of(new ConfigLoader(System::getenv).load(configFile))) {
        Monitor monitor = parts.monitor();
        List<Future<CrawlReport>> crawls = monitor.config().countries().stream()
            .map((CountryConfig c) -> pool.submit(() -> monitor.crawl(c))).toList();
        Future<Integer> polls = pool.submit(() -> {
          int answered = 0;
          for (int i = 0; i < 5; i++) {
            answered += monitor.pollEarlyWarning(false).orElseThrow().sourceAnswered() ? 1 : 0;
          }
          return answered;
        });
        for (Future<CrawlReport> crawl : crawls) {
          assertThat(crawl.get().succeeded()).isTrue();
        }
        assertThat(polls.get()).isEqualTo(5);
      } finally {
        pool.shutdown();
      }

      List<ServeEvent> events = site.getAllServeEvents().stream()
          .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
      assertThat(events).hasSizeGreaterThan(50);
      assertThat(events).filteredOn(e -> e.getRequest().getUrl().equals("/rss.xml")).hasSize(5);
      int maxInFlight = 0;
      for (int i = 0; i < events.size(); i++) {
        long start = events.get(i).getRequest().getLoggedDate().getTime();
        // A request can be late, so neighbours may sit closer than the delay; the pacer
        // guarantees that the i-th request never starts before i delays have passed.
        long first = events.get(0).getRequest().getLoggedDate().getTime();
        assertThat(start - first).as("start of request %d", i).isGreaterThanOrEqualTo(i * DELAY_MS - CLOCK_SLACK_MS);
        int overlapping = 0;
        for (ServeEvent other : events) {
          long otherStart = other.getRequest().getLoggedDate().getTime();
          long otherEnd = otherStart + other.getTiming().getTotalTime();
          if (otherStart <= start && start < otherEnd) {
            overlapping++;
          }
        }
        maxInFlight = Math.max(maxInFlight, overlapping);
      }
      assertThat(maxInFlight).as("requests in flight at once").isLessThanOrEqualTo(2).isEqualTo(2);
    } finally {
      site.stop();
    }
  }
}
