package org.industriallmonitor.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.industriallmonitor.crawl.CrawlListener;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.notify.DeliveryListener;
import org.industriallmonitor.notify.DeliveryOutcome;
import org.industriallmonitor.store.ChannelCounts;
import org.industriallmonitor.store.CountryStatus;
import org.industriallmonitor.store.Store;

/**
 * The daemon's metrics for {@code /metrics}, in Prometheus's text format. What happens in this
 * process (requests, crawls, deliveries) is counted as it happens; what the database holds
 * (articles, pages, the outbox, the last successes) is read once per scrape, so it survives restarts.
 */
public final class ConsoleMetrics implements CrawlListener, DeliveryListener {
  private static final String PREFIX = "industriall_";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Counter crawls;
  private final Histogram crawlDuration;
  private final Counter layoutErrors;
  private final Counter layoutRepairs;
  private final Counter deliveries;
  private final Supplier<Store> store;
  private final Clock clock;
  /** What the database said at the scrape in progress; read by the callbacks of that scrape only. */
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  private record Snapshot(List<CountryStatus> countries, Map<Integer, Long> pages, Map<String, ChannelCounts> channels) {
    static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), Map.of());
  }

  public ConsoleMetrics(Supplier<Store> store, Clock clock) {
    this.store = store;
    this.clock = clock;
    requests = Counter.builder().name(PREFIX + "site_requests_total")
        .help("HTTP requests to the site, by response status (failed: no response)").labelNames("status").register(registry);
    crawls = Counter.builder().name(PREFIX + "crawls_total")
        .help("Crawls finished by this daemon, by country and outcome (ok or failed)").labelNames("country", "outcome").register(registry);
    crawlDuration = Histogram.builder().name(PREFIX + "crawl_duration_seconds").help("How long a country's crawl took")
        .labelNames("country").classicOnly().classicUpperBounds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900)
        .register(registry);
    layoutErrors = Counter.builder().name(PREFIX + "layout_errors_total")
        .help("Crawls that ended on a page the selectors could not read, by country").labelNames("country").register(registry);
    layoutRepairs = Counter.builder().name(PREFIX + "layout_repairs_total")
        .help("Layouts repaired by self-repair (site.self_repair), by country").labelNames("country").register(registry);
    deliveries = Counter.builder().name(PREFIX + "deliveries_total")
        .help("Delivery attempts' events by channel and outcome (delivered, failed: retried later, dead)")
        .labelNames("channel", "outcome").register(registry);
    CounterWithCallback.builder().name(PREFIX + "listing_pages_total").help("Listing pages read, by country, over every recorded crawl")
        .labelNames("country").callback(cb -> {
          Snapshot s = snapshot;
          for (CountryStatus c : s.countries()) {
            cb.call(s.pages().getOrDefault(c.region(), 0L), c.name());
          }
        }).register(registry);
    GaugeWithCallback.builder().name(PREFIX + "articles").help("Archived articles listed under each country").labelNames("country")
        .callback(cb -> snapshot.countries().forEach(c -> cb.call(c.articles(), c.name()))).register(registry);
    GaugeWithCallback.builder().name(PREFIX + "seconds_since_last_success")
        .help("Seconds since each country's last successful crawl (no sample before the first)").labelNames("country")
        .callback(cb -> {
          for (CountryStatus c : snapshot.countries()) {
            if (c.lastSuccess() != null) {
              cb.call(Duration.between(c.lastSuccess(), clock.instant()).toMillis() / 1000.0, c.name());
            }
          }
        }).register(registry);
    GaugeWithCallback.builder().name(PREFIX + "outbox_pending").help("Deliveries waiting, by channel").labelNames("channel")
        .callback(cb -> snapshot.channels().values().forEach(c -> cb.call(c.pending(), c.channel()))).register(registry);
    GaugeWithCallback.builder().name(PREFIX + "outbox_dead").help("Dead deliveries (outbox retry sends them again), by channel")
        .labelNames("channel").callback(cb -> snapshot.channels().values().forEach(c -> cb.call(c.dead(), c.channel())))
        .register(registry);
  }

  /** Counts the responses of requests to {@code siteHost}; added to the site's HTTP client. */
  public Interceptor siteRequests(String siteHost) {
    return siteRequests(host -> host.equalsIgnoreCase(siteHost));
  }

  /** Counts the responses of requests to the hosts {@code isSiteHost} takes (the site's, and one it moved to). */
  public Interceptor siteRequests(java.util.function.Predicate<String> isSiteHost) {
    return chain -> {
      boolean site = isSiteHost.test(chain.request().url().host());
      try {
        Response response = chain.proceed(chain.request());
        if (site) {
          requests.labelValues(String.valueOf(response.code())).inc();
        }
        return response;
      } catch (IOException | RuntimeException e) {
        if (site) {
          requests.labelValues("failed").inc();
        }
        throw e;
      }
    };
  }

  @Override
  public void crawled(CrawlReport report, boolean repaired) {
    crawls.labelValues(report.country(), report.succeeded() ? "ok" : "failed").inc();
    crawlDuration.labelValues(report.country()).observe(report.duration().toMillis() / 1000.0);
    if (report.layoutProblem() != null) {
      layoutErrors.labelValues(report.country()).inc();
    }
    if (repaired) {
      layoutRepairs.labelValues(report.country()).inc();
    }
  }

  @Override
  public void attempted(String channel, DeliveryOutcome outcome, int events) {
    deliveries.labelValues(channel, outcome.label()).inc(events);
  }

  /** Every metric now, in the Prometheus text format (version 0.0.4). */
  public synchronized byte[] scrape() {
    Store s = store.get();
    snapshot = new Snapshot(s.runs().status(), s.runs().pagesByRegion(), s.outbox().countsByChannel());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
