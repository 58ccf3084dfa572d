package org.industriallmonitor.app;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.AtomicFiles;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.NotificationsConfig;
import org.industriallmonitor.crawl.ArticleRechecker;
import org.industriallmonitor.crawl.CountryCrawler;
import org.industriallmonitor.crawl.EarlyWarningPoller;
import org.industriallmonitor.crawl.SiteCountries;
import org.industriallmonitor.crawl.SiteRegions;
import org.industriallmonitor.crawl.SlugLocks;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.notify.AlertQueue;
import org.industriallmonitor.notify.Channels;
import org.industriallmonitor.notify.DigestCountries;
import org.industriallmonitor.notify.DeliveryPolicy;
import org.industriallmonitor.notify.Dispatcher;
import org.industriallmonitor.notify.MonitorAlerts;
import org.industriallmonitor.notify.SiteMoveAlerts;
import org.industriallmonitor.schedule.CrawlScheduler;
import org.industriallmonitor.schedule.HistoryPruner;
import org.industriallmonitor.schedule.NodeHeartbeat;
import org.industriallmonitor.schedule.Daemon;
import org.industriallmonitor.site.Site;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.metrics.ConsoleMetrics;

/**
 * The composition root: builds each part of the monitor from a configuration, once, when a
 * command first asks for it, and connects the parts; it holds no application logic (that is
 * {@link Monitor}). A command takes only what it needs: {@code countries} the site alone,
 * {@code status} the store alone, {@code once} the whole monitor. Closing it closes what was built.
 */
public final class Components implements AutoCloseable {
  private static final Duration WEBHOOK_CONNECT = Duration.ofSeconds(10);
  private static final Duration WEBHOOK_READ = Duration.ofSeconds(15);
  private static final Duration WEBHOOK_CALL = Duration.ofSeconds(30);

  private final MonitorConfig config;
  private final Clock clock;
  private final Archive.Writer archiveWriter;
  private final CompletableFuture<OkHttpClient> pendingHttp;
  private OkHttpClient http;
  private OkHttpClient webhookHttp;
  /** Volatile: read, without the lock, by the metrics' count of each site request. */
  private volatile Site site;
  private Store store;
  private Archive archive;
  private Dispatcher dispatcher;
  private Monitor monitor;
  /** Only for the daemon with its web console: {@code once} never loads the metrics classes. */
  private final ConsoleMetrics metrics;

  private Components(Builder builder) {
    this.config = builder.config;
    this.clock = builder.clock;
    this.archiveWriter = builder.archiveWriter;
    this.pendingHttp = builder.http != null ? builder.http : HttpClients.createInBackground();
    this.metrics = builder.consoleMetrics ? new ConsoleMetrics(this::store, clock) : null;
  }

  /** The parts of {@code config}, on the system clock, writing the archive durably. */
  public static Components of(MonitorConfig config) {
    return builder(config).build();
  }

  /**
   * The base HTTP client, built in the background (its TLS set-up takes a while) while a command reads its
   * configuration; give it to {@link Builder#http}.
   */
  public static CompletableFuture<OkHttpClient> httpInBackground() {
    return HttpClients.createInBackground();
  }

  public static Builder builder(MonitorConfig config) {
    return new Builder(config);
  }

  /** Options of the parts: mostly for tests (a failing archive writer) and for a client built ahead. */
  public static final class Builder {
    private final MonitorConfig config;
    private Clock clock = Clock.systemUTC();
    private Archive.Writer archiveWriter = AtomicFiles::place;
    private CompletableFuture<OkHttpClient> http;
    private boolean consoleMetrics;

    private Builder(MonitorConfig config) {
      this.config = config;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How archive files reach the disk (storage-fault tests fail it on purpose). */
    public Builder archiveWriter(Archive.Writer writer) {
      this.archiveWriter = writer;
      return this;
    }

    /** The base HTTP client, being built in the background while the command reads its configuration. */
    public Builder http(CompletableFuture<OkHttpClient> client) {
      this.http = client;
      return this;
    }

    /** Counts requests, crawls and deliveries for the web console's {@code /metrics} (the daemon's). */
    public Builder consoleMetrics(boolean enabled) {
      this.consoleMetrics = enabled;
      return this;
    }

    public Components build() {
      return new Components(this);
    }
  }

  public MonitorConfig config() {
    return config;
  }

  private synchronized OkHttpClient http() {
    if (http == null) {
      http = HttpClients.await(pendingHttp);
    }
    return http;
  }

  /** The site with its pacer and robots.txt cache: all that {@code countries} and {@code validate --online} need. */
  public synchronized Site site() {
    if (site == null) {
      String siteHost = config.site().baseUrl().getHost();
      // A host the site moved to is the site's too; the site is built after its client, hence the field read late.
      OkHttpClient client = metrics == null ? http()
          : http().newBuilder().addInterceptor(metrics.siteRequests(host -> host.equalsIgnoreCase(siteHost) || movedToHost(host))).build();
      site = new Site(config.site(), learnedSelectors(), client, clock);
    }
    return site;
  }

  private boolean movedToHost(String host) {
    Site built = site;
    return built != null && built.movedTo().map(base -> host.equalsIgnoreCase(java.net.URI.create(base).getHost())).orElse(false);
  }

  /** The selectors {@code calibrate} learned, when the state has a database (none is created for it). */
  private Map<String, String> learnedSelectors() {
    if (store == null && !config.storage().hasDatabase()) {
      return Map.of();
    }
    Map<String, String> learned = new LinkedHashMap<>();
    storeForReading().learnedSelectors().all().forEach((key, l) -> learned.put(key, l.selector()));
    return learned;
  }

  /** The database, opened (and migrated when its schema is behind) at the first call. */
  public synchronized Store store() {
    if (store == null) {
      store = Store.open(config.storage(), config.cluster());
    }
    return store;
  }

  /** The outbox's deliveries ({@code outbox list}, {@code outbox retry}), in the database opened by {@link #store()}. */
  public Deliveries deliveries() {
    return new Deliveries(store());
  }

  /** Learning the site's selectors from known pages ({@code calibrate}), and keeping them in the state. */
  public Calibration calibration() {
    return new Calibration(this, clock);
  }

  /** The archive's full-text index ({@code search}), in the database opened for reading. */
  public ArchiveSearch archiveSearch() {
    return new ArchiveSearch(storeForReading(), config);
  }

  /** The database for reading only ({@code status}): it works on a state folder that may not be written. */
  public synchronized Store storeForReading() {
    if (store == null) {
      store = Store.openForReading(config.storage());
    }
    return store;
  }

  /**
   * The SQLite database as it is, never migrated, read beside the daemon ({@code backup}): see
   * {@link Store#openForCopying}.
   */
  public synchronized Store storeForCopying() {
    if (store == null) {
      store = Store.openForCopying(config.storage());
    }
    return store;
  }

  public synchronized Archive archive() {
    if (archive == null) {
      archive = new Archive(config.storage().archive(), archiveWriter);
    }
    return archive;
  }

  /** The channels of {@code notifications:} as {@code next} configures them. */
  public synchronized Channels channels(MonitorConfig next) {
    if (webhookHttp == null) {
      webhookHttp = HttpClients.withTimeouts(http(), WEBHOOK_CONNECT, WEBHOOK_READ, WEBHOOK_CALL);
    }
    return Channels.from(next.notifications(), webhookHttp, next.site().userAgent(), DigestCountries.of(next.countries()));
  }

  /** A test event sent to one channel of the configuration now ({@code notify-test}). */
  public ChannelCheck channelCheck() {
    return new ChannelCheck(channels(config), clock);
  }

  public synchronized Dispatcher dispatcher() {
    if (dispatcher == null) {
      dispatcher = new Dispatcher(store().outbox(), channels(config), deliveryPolicy(config.notifications()), clock);
      if (metrics != null) {
        dispatcher.setListener(metrics);
      }
    }
    return dispatcher;
  }

  static DeliveryPolicy deliveryPolicy(NotificationsConfig notifications) {
    return new DeliveryPolicy(notifications.maxAttempts(), notifications.maxAge(), notifications.retryBackoff());
  }

  /** The application, with everything it crawls, records and alerts with. */
  public synchronized Monitor monitor() {
    if (monitor == null) {
      AtomicReference<MonitorConfig> current = new AtomicReference<>(config);
      Site site = site();
      MonitorAlerts monitorAlerts = new MonitorAlerts(store().health(), store().earlyWarning(), store().diskHealth(), store().outbox(), new AlertQueue(clock),
          clock);
      // One site country list for the process: the crawls, the early warning and the routing place countries alike.
      SiteRegions siteRegions = new SiteRegions(new SiteCountries(), store(), (country, siteRegion, siteName, at) ->
          monitorAlerts.regionMoved(country.name(), country.region(), siteRegion, siteName, country.yamlLine(siteRegion),
              String.valueOf(current.get().source()), current.get().notifications().alerts(), at), clock);
      AlertRouting routing = new AlertRouting(current::get, new AlertQueue(clock), siteRegions);
      SlugLocks slugLocks = new SlugLocks();
      CountryCrawler crawler = new CountryCrawler(site::reader, archive(), store(), routing, slugLocks, siteRegions, clock);
      EarlyWarningPoller poller = new EarlyWarningPoller(site::reader, archive(), store(), routing, slugLocks, siteRegions, clock);
      ArticleRechecker rechecker = new ArticleRechecker(site::reader, archive(), store().rechecks(), routing, slugLocks, clock);
      LayoutRepair repair = new LayoutRepair(site, store(), archive(), clock);
      monitor = new Monitor(current, site, crawler, poller, rechecker, repair, monitorAlerts, dispatcher(), this::channels, store(), archive(),
          siteRegions, clock);
      site.onMove(new SiteMoveRecorder(current::get, new SiteMoveAlerts(store().siteMoves(), new AlertQueue(clock), clock),
          dispatcher()::wake));
      if (metrics != null) {
        monitor.setListener(metrics);
      }
    }
    return monitor;
  }

  /** One round of the monitor by hand ({@code once}), over {@link #monitor()}. */
  public OnceRound onceRound() {
    return new OnceRound(this);
  }

  /**
   * The daemon over the monitor: one scheduled job per country on {@code threads} threads, the
   * early-warning poll on one more, the configuration file watched; {@code adjust} is applied to each reloaded configuration.
   */
  public synchronized Daemon daemon(int threads, ConfigLoader loader, UnaryOperator<MonitorConfig> adjust) {
    Monitor app = monitor();
    // After each crawl, the articles that are due are fetched again (one pass at a time; most find none due).
    CrawlScheduler scheduler = new CrawlScheduler(region -> {
      app.crawl(region);
      app.recheck();
    }, () -> app.pollEarlyWarning(true), store().schedule(), clock, threads,
        config.storage().isPostgres() ? new CrawlScheduler.JobStore(config.storage().postgres(), config.cluster())
            : CrawlScheduler.JobStore.IN_MEMORY);
    // storage.prune_every is read at start, as the rest of storage:
    HistoryPruner pruner = new HistoryPruner(app::pruneHistory, config.storage().pruneEvery());
    return new Daemon(config.source(), loader, scheduler, dispatcher(), next -> app.apply(adjust.apply(next)), pruner);
  }

  /** This process as a node of the state (not started): {@code run} and {@code once} check in while they work. */
  public NodeHeartbeat heartbeat() {
    return new NodeHeartbeat(store(), config.cluster(), clock);
  }

  /** The metrics of {@link Builder#consoleMetrics}; empty when they were not asked for. */
  public Optional<ConsoleMetrics> metrics() {
    return Optional.ofNullable(metrics);
  }

  @Override
  public synchronized void close() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (http != null) {
      HttpClients.shutdown(http);
    } else {
      pendingHttp.thenAccept(HttpClients::shutdown);
    }
    if (store != null) {
      store.close();
    }
  }
}
