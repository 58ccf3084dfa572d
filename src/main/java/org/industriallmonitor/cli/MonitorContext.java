package org.industriallmonitor.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.AtomicFiles;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.NotificationsConfig;
import org.industriallmonitor.notify.AlertQueue;
import org.industriallmonitor.notify.ArticleEvent;
import org.industriallmonitor.notify.Channel;
import org.industriallmonitor.notify.Channels;
import org.industriallmonitor.notify.DeliveryPolicy;
import org.industriallmonitor.notify.Dispatcher;
import org.industriallmonitor.notify.MonitorAlerts;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.parse.Theme;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.store.OutboxRepository;
import org.industriallmonitor.crawl.CountryCrawler;
import org.industriallmonitor.crawl.CrawlProgress;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.crawl.Crawler;
import org.industriallmonitor.crawl.SlugLocks;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.fetch.PageFetcher;
import org.industriallmonitor.site.Site;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.CrawlRunRepository;
import org.industriallmonitor.schedule.CrawlScheduler;
import org.industriallmonitor.schedule.Daemon;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds the monitor's parts from a configuration and wires them together.
 * The database and archive live as long as the context; the site-facing pipeline (client,
 * fetcher, parsers, crawler) is rebuilt when {@code site:} changes in a running daemon.
 */
public final class MonitorContext implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MonitorContext.class);

  private final AtomicReference<MonitorConfig> config;
  private final Clock clock;
  private final Store store;
  private final Archive archive;
  private final CrawlRunRepository runs;
  private final ArticleRepository articles;
  private final SlugLocks slugLocks = new SlugLocks();
  private final Site site;
  private final Crawler crawler;
  private final OkHttpClient http;
  private final OkHttpClient webhookHttp;
  private final AlertQueue alertQueue;
  private final MonitorAlerts monitorAlerts;
  private final OutboxRepository outbox;
  private final Dispatcher dispatcher;
  private volatile CrawlProgress progress = CrawlProgress.NONE;

  private MonitorContext(MonitorConfig config, Clock clock, Archive.Writer archiveWriter, CompletableFuture<OkHttpClient> http) {
    this.config = new AtomicReference<>(config);
    this.clock = clock;
    this.store = Store.open(config.storage());
    this.http = HttpClients.await(http);
    this.archive = new Archive(config.storage().archive(), archiveWriter);
    this.runs = store.runs();
    this.articles = store.articles();
    this.webhookHttp = HttpClients.withTimeouts(this.http, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30));
    this.alertQueue = new AlertQueue(clock);
    this.monitorAlerts = new MonitorAlerts(store.health(), alertQueue, clock);
    this.outbox = store.outbox();
    this.dispatcher = new Dispatcher(outbox, channels(config), policy(config.notifications()), clock);
    this.site = new Site(config.site(), this.http, clock);
    this.crawler = new Crawler(new CountryCrawler(site::reader, archive, store, this::alertRows, slugLocks, clock));
  }

  private Channels channels(MonitorConfig config) {
    return Channels.from(config.notifications(), webhookHttp, config.site().userAgent());
  }

  private static DeliveryPolicy policy(NotificationsConfig n) {
    return new DeliveryPolicy(n.maxAttempts(), n.maxAge(), n.retryBackoff());
  }

  public static MonitorContext open(MonitorConfig config, Clock clock) {
    return open(config, clock, HttpClients.createInBackground());
  }

  /** A context on the base HTTP client {@code http} will give (see {@link HttpClients#createInBackground}). */
  public static MonitorContext open(MonitorConfig config, Clock clock, CompletableFuture<OkHttpClient> http) {
    return new MonitorContext(config, clock, AtomicFiles::writeAll, http);
  }

  /** A context whose archive files are written by {@code archiveWriter} (storage-fault tests). */
  public static MonitorContext open(MonitorConfig config, Clock clock, Archive.Writer archiveWriter) {
    return new MonitorContext(config, clock, archiveWriter, HttpClients.createInBackground());
  }

  public MonitorConfig config() {
    return config.get();
  }

  public Store store() {
    return store;
  }

  public PageFetcher fetcher() {
    return site.reader().fetcher();
  }

  public Archive archive() {
    return archive;
  }

  public ArticleRepository articles() {
    return articles;
  }

  public Crawler crawler() {
    return crawler;
  }

  /** Removes what a killed process left behind: temporary archive files and open crawl runs. */
  public void recoverFromCrash() throws IOException {
    int files = archive.removeLeftovers();
    int runsClosed = runs.closeAbandoned(clock.instant());
    if (files > 0 || runsClosed > 0) {
      log.warn("recovered from an interrupted run: removed {} temporary files, closed {} crawl runs", files, runsClosed);
    }
  }

  /** Crawls the country with this region id as the current configuration describes it. */
  public Optional<CrawlReport> crawl(int region) throws InterruptedException {
    Optional<CountryConfig> country = config.get().countries().stream().filter(c -> c.region() == region).findFirst();
    if (country.isEmpty()) {
      log.info("region {} is no longer configured; not crawling it", region);
      return Optional.empty();
    }
    return Optional.of(crawl(country.get()));
  }

  /** Shows the progress of the crawls that follow (`once` and `demo` on a terminal). */
  public void setProgress(CrawlProgress progress) {
    this.progress = progress;
  }

  /** One crawl of a country, then its monitor alerts; wakes the dispatcher for what was queued. */
  public CrawlReport crawl(CountryConfig country) throws InterruptedException {
    CrawlReport report = crawler().crawl(country, progress);
    NotificationsConfig notifications = config.get().notifications();
    monitorAlerts.afterCrawl(new MonitorAlerts.Outcome(country.region(), country.name(), report.succeeded(),
        String.join("; ", report.problems()), report.layoutProblem()), notifications.alerts(), notifications.failureThreshold());
    dispatcher.wake();
    return report;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** A channel of the current configuration, to send to directly (`notify-test`). */
  public Optional<Channel> channel(String id) {
    return channels(config.get()).get(id);
  }

  /** The alert rows of a new article: one per channel of every configured country it belongs to. */
  private List<OutboxEntry> alertRows(Article article, ArchivedArticle archived, boolean degraded, int region, Instant detectedAt) {
    MonitorConfig current = config.get();
    Set<Integer> regions = new HashSet<>();
    regions.add(region);
    article.countries().forEach(r -> regions.add(r.id()));
    Set<String> wanted = new HashSet<>();
    for (CountryConfig c : current.countries()) {
      if (regions.contains(c.region())) {
        wanted.addAll(c.channels());
      }
    }
    List<String> channelIds = current.notifications().channelIds().stream().filter(wanted::contains).toList();
    List<String> countries = article.countries().stream().map(Region::name).toList();
    if (countries.isEmpty()) {
      countries = current.countries().stream().filter(c -> c.region() == region).map(CountryConfig::name).toList();
    }
    ArticleEvent event = new ArticleEvent(article.url(), article.slug(), article.title(), article.published().toString(),
        article.lede(), countries, article.themes().stream().map(Theme::name).toList(), archived.textPath(), degraded, detectedAt);
    return alertQueue.articleRows(event, channelIds, current.notifications());
  }

  /**
   * Starts the daemon on this context: one scheduled job per country, the configuration file
   * watched every {@code watchPeriod}; {@code adjust} is applied to each reloaded configuration.
   */
  public Daemon startDaemon(Duration watchPeriod, int threads, ConfigLoader loader, UnaryOperator<MonitorConfig> adjust)
      throws SchedulerException {
    CrawlScheduler scheduler = new CrawlScheduler(region -> crawl(region), store.schedule(), clock, threads);
    dispatcher.start();
    Daemon daemon = new Daemon(config().source(), loader, scheduler, next -> reconfigure(adjust.apply(next)));
    daemon.start(config(), watchPeriod);
    return daemon;
  }

  /** Takes a new configuration: the next crawls use its countries and its {@code site:} settings. */
  public void reconfigure(MonitorConfig next) {
    MonitorConfig current = config.get();
    if (!next.storage().equals(current.storage())) {
      log.warn("storage: changed in {}; the database and archive stay where they are until the monitor restarts", next.source());
      next = next.withStorage(current.storage());
    }
    if (!next.notifications().equals(current.notifications()) || !next.site().userAgent().equals(current.site().userAgent())) {
      dispatcher.setChannels(channels(next), policy(next.notifications()));
      log.info("notifications: changed; deliveries use the new channels from now on");
    }
    if (!next.site().equals(current.site())) {
      site.reconfigure(next.site());
      log.info("site: changed; the next crawls use the new settings");
    }
    config.set(next);
  }

  @Override
  public void close() {
    dispatcher.close();
    HttpClients.shutdown(http);
    store.close();
  }
}
