package org.industriallmonitor.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.Durations;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.NotificationsConfig;
import org.industriallmonitor.crawl.ArticleRechecker;
import org.industriallmonitor.crawl.CountryCrawler;
import org.industriallmonitor.crawl.CrawlListener;
import org.industriallmonitor.crawl.CrawlProgress;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.crawl.EarlyWarningPoller;
import org.industriallmonitor.crawl.PollReport;
import org.industriallmonitor.crawl.SiteRegions;
import org.industriallmonitor.config.EarlyWarningConfig;
import org.industriallmonitor.store.RetentionRepository;
import org.industriallmonitor.store.SourceState;
import org.industriallmonitor.notify.Channels;
import org.industriallmonitor.notify.Dispatcher;
import org.industriallmonitor.notify.SelectorChange;
import org.industriallmonitor.notify.MonitorAlerts;
import org.industriallmonitor.site.Site;
import org.industriallmonitor.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application: crawl a country (archive and record what is new, with its alerts), or poll
 * the early-warning source, then count the outcome towards monitor alerts and wake the
 * dispatcher; and take a new configuration while running. Built by {@link Components}; every command and the daemon's
 * jobs come through here.
 */
public final class Monitor {
  private static final Logger log = LoggerFactory.getLogger(Monitor.class);
  /** The longest wait between polls of a failing source: it is retried less often, never given up. */
  static final Duration MAX_POLL_BACKOFF = Duration.ofMinutes(30);

  private final AtomicReference<MonitorConfig> config;
  /**
   * Crawls hold its read lock; a new configuration and carrying moved states over to new ids take the write
   * lock: a crawl under way keeps writing under the ids, and routing by the channels, it started with.
   */
  private final ReentrantReadWriteLock crawls = new ReentrantReadWriteLock();
  private final Site site;
  private final CountryCrawler crawler;
  private final EarlyWarningPoller poller;
  private final ArticleRechecker rechecker;
  private final LayoutRepair repair;
  private final MonitorAlerts monitorAlerts;
  private final Dispatcher dispatcher;
  private final Function<MonitorConfig, Channels> channels;
  private final Store store;
  private final Archive archive;
  private final SiteRegions siteRegions;
  private final Clock clock;
  private volatile CrawlProgress progress = CrawlProgress.NONE;
  private volatile CrawlListener listener = CrawlListener.NONE;

  Monitor(AtomicReference<MonitorConfig> config, Site site, CountryCrawler crawler, EarlyWarningPoller poller, ArticleRechecker rechecker,
      LayoutRepair repair, MonitorAlerts monitorAlerts, Dispatcher dispatcher, Function<MonitorConfig, Channels> channels, Store store, Archive archive,
      SiteRegions siteRegions, Clock clock) {
    this.config = config;
    this.site = site;
    this.crawler = crawler;
    this.poller = poller;
    this.rechecker = rechecker;
    this.repair = repair;
    this.monitorAlerts = monitorAlerts;
    this.dispatcher = dispatcher;
    this.channels = channels;
    this.store = store;
    this.archive = archive;
    this.siteRegions = siteRegions;
    this.clock = clock;
  }

  /** The configuration in force. */
  public MonitorConfig config() {
    return config.get();
  }

  /** Temporary files live for the moment of a write: one this old on a shared archive was left by a killed node. */
  private static final java.time.Duration SHARED_LEFTOVER_AGE = java.time.Duration.ofHours(1);

  /** Removes what a killed process left behind: temporary archive files and open crawl runs. */
  public void recoverFromCrash() throws IOException {
    // On an archive the nodes of a cluster share, a young temporary file may be another node's, being written.
    int files = archive.removeLeftovers(store.isShared() ? SHARED_LEFTOVER_AGE : java.time.Duration.ZERO);
    int runsClosed = store.runs().closeAbandoned(clock.instant());
    if (files > 0 || runsClosed > 0) {
      log.warn("recovered from an interrupted run: removed {} temporary files, closed {} crawl runs", files, runsClosed);
    }
  }

  /**
   * At the start of {@code run} (and of {@code once} when a move is recorded: {@code always} false): reads
   * the site's country list in each configured language (one request each), so that the walks go straight
   * to the id the site lists a country under now and the early warning places articles by it. A failure
   * is logged; the walks read the list from their first pages anyway, and a walk at an id the site no
   * longer lists starts again at the new one. Nothing is fetched while the disk is short of space. When a
   * configured country has never been crawled, the items the early warning left aside as outside the
   * configured countries are looked at again.
   */
  public void readSiteCountries(boolean always) {
    MonitorConfig current = config.get();
    try {
      java.util.Set<Integer> crawled = store.countries().names().keySet();
      if (current.countries().stream().anyMatch(c -> !crawled.contains(c.region()))) {
        siteRegions.configuredCountriesChanged();
      }
      if (!always && store.regionMoves().all().isEmpty()) {
        return; // `once`'s requests stay what they were: its walks read the list from their first pages
      }
    } catch (RuntimeException e) {
      log.warn("the state's countries could not be read before the first crawl: {}", e.getMessage());
    }
    if (DiskSpace.shortage(current.storage()).isPresent()) {
      return;
    }
    java.util.Set<String> languages = new java.util.LinkedHashSet<>();
    current.countries().forEach(c -> languages.addAll(c.languages()));
    for (String language : languages) {
      OnlineCheck.CountryList list;
      try {
        list = OnlineCheck.countryList(site.reader(), language);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (list.problem() == null) {
        siteRegions.read(language, list.regions());
      } else {
        log.warn("the site's country list in {} could not be read ({}); the walks read it from their first pages", language,
            list.problem());
      }
    }
  }

  /** Shows the progress of the crawls that follow (`once` and `demo` on a terminal). */
  public void setProgress(CrawlProgress progress) {
    this.progress = progress;
  }

  /** Tells {@code listener} of every crawl that follows (the daemon's console counts them). */
  public void setListener(CrawlListener listener) {
    this.listener = listener;
  }

  /** Crawls the country with this region id as the configuration in force describes it (a scheduled job). */
  public Optional<CrawlReport> crawl(int region) throws InterruptedException {
    Optional<CountryConfig> country = config.get().countries().stream().filter(c -> c.region() == region).findFirst();
    if (country.isEmpty()) {
      log.info("region {} is no longer configured; not crawling it", region);
      return Optional.empty();
    }
    return Optional.of(crawl(country.get()));
  }

  /** One crawl of a country, logged in one line, then its monitor alerts; wakes the dispatcher for what was queued. */
  public CrawlReport crawl(CountryConfig country) throws InterruptedException {
    Optional<MonitorAlerts.DiskShortage> shortage = shortOfSpace();
    if (shortage.isPresent()) {
      CrawlReport refused = crawler.refuse(country, shortage.get().problem());
      progress.finished(country.name());
      listener.crawled(refused, false);
      log.warn("crawl {}: {}", refused.summaryLine(), String.join("; ", refused.problems()));
      return refused;
    }
    // The moves in force, read again (another node may have recorded or ended one); the user wrote the id the
    // site lists a country under now: its state continues there (no second baseline).
    MonitorConfig before = config.get();
    List<CountryConfig> configured = before.countries();
    Lock crawling = crawls.readLock();
    // A carry-over re-keys states: only while no crawl of this process writes under the old ids. When this
    // country's own state waits for one, the crawl waits for the crawls under way (else it would only be refused,
    // perhaps every time while crawls overlap); otherwise it carries over only if no crawl runs.
    boolean exclusive;
    if (siteRegions.refusal(country, configured).isPresent()) {
      crawls.writeLock().lockInterruptibly();
      exclusive = true;
    } else {
      exclusive = crawls.writeLock().tryLock();
    }
    if (exclusive) {
      try {
        siteRegions.continueStates(configured);
        crawling.lock();
      } finally {
        crawls.writeLock().unlock();
      }
    } else {
      crawling.lock();
    }
    try {
      MonitorConfig now = config.get();
      if (now != before && now.countries().stream().noneMatch(c -> c.region() == country.region() && c.name().equals(country.name()))) {
        // A new configuration came while this crawl waited for the lock: its country is no longer configured so (its id
        // was changed, say, and its state carried over): crawling it now would write a state under the id it left.
        log.info("{} (region {}) is no longer configured; not crawling it", country.name(), country.region());
        return crawler.decline(country, "no longer configured as region " + country.region());
      }
      return crawlHolding(country, now.countries());
    } finally {
      crawling.unlock();
    }
  }

  private CrawlReport crawlHolding(CountryConfig country, List<CountryConfig> configured) throws InterruptedException {
    Optional<String> refusal = siteRegions.refusal(country, configured);
    if (refusal.isPresent()) {
      CrawlReport refused = crawler.decline(country, refusal.get());
      progress.finished(country.name());
      listener.crawled(refused, false);
      log.warn("crawl {}: {}", refused.summaryLine(), String.join("; ", refused.problems()));
      return refused;
    }
    CrawlReport report = crawler.crawl(country, progress);
    String layoutProblem = report.layoutProblem();
    boolean repairedLayout = false;
    if (layoutProblem != null && report.storageFailure() == null) {
      Optional<LayoutRepair.Outcome> repaired = repair.attempt(country,
          siteRegions.resolve(country).siteRegion(), config.get().site(), layoutProblem);
      if (repaired.isPresent() && repaired.get().applied()) {
        log.warn("crawl {}: {}; repaired, crawling again", report.summaryLine(), layoutProblem);
        report = crawler.crawl(country, progress).withNote("layout repaired: " + repaired.get().changes());
        monitorAlerts.repaired(country.region(), country.name(),
            repaired.get().changes().stream().map(c -> new SelectorChange(c.key(), c.before(), c.after())).toList(),
            config.get().notifications().alerts());
        layoutProblem = report.layoutProblem();
        repairedLayout = true;
      } else if (repaired.isPresent()) {
        layoutProblem = layoutProblem + "; " + repaired.get().proposal();
      }
    }
    listener.crawled(report, repairedLayout);
    if (report.succeeded()) {
      log.info("crawl {}", report.summaryLine());
    } else {
      log.warn("crawl {}: {}", report.summaryLine(), String.join("; ", report.problems()));
    }
    if (report.storageFailure() != null) {
      // Nothing can be written now, a monitor alert neither: the command stops with the failure (exit 5).
      return report;
    }
    NotificationsConfig notifications = config.get().notifications();
    monitorAlerts.afterCrawl(new MonitorAlerts.Outcome(country.region(), country.name(), report.succeeded(),
        String.join("; ", report.problems()), layoutProblem), notifications.alerts(), notifications.failureThreshold());
    dispatcher.wake();
    return report;
  }

  /**
   * One poll of the early-warning source, when {@code site.early_warning} has one: logged, its
   * health counted towards a {@code source} monitor alert, the dispatcher woken for what it
   * queued. {@code scheduled}: a daemon's poll, which a failing source spaces out (doubling up to
   * {@link #MAX_POLL_BACKOFF}); {@code once} always polls.
   */
  public Optional<PollReport> pollEarlyWarning(boolean scheduled) throws InterruptedException {
    MonitorConfig current = config.get();
    EarlyWarningConfig earlyWarning = current.site().earlyWarning();
    if (!earlyWarning.enabled() || (scheduled && backingOff(earlyWarning))) {
      return Optional.empty();
    }
    if (shortOfSpace().isPresent()) {
      return Optional.empty();
    }
    // As a crawl: a new configuration (its states carried over to new ids) waits for the poll, and the poll places its
    // articles by the countries configured once it holds the lock, never under an id a carry-over just left.
    PollReport report;
    Lock polling = crawls.readLock();
    polling.lockInterruptibly();
    try {
      report = poller.poll(config.get().site().earlyWarning(), config.get().countries());
    } finally {
      polling.unlock();
    }
    if (report.storageFailure() != null) {
      return Optional.of(report);
    }
    switch (report.outcome()) {
      case NOT_MODIFIED, UNCHANGED -> log.debug("{}", report.summaryLine());
      case FAILED -> log.warn("{}: {}", report.summaryLine(), report.problem());
      default -> log.info("{}", report.summaryLine());
    }
    report.errors().forEach(error -> log.warn("early warning {}: {} (tried again at the next poll)", report.source(), error));
    report.notes().forEach(note -> log.info("early warning {}: {}", report.source(), note));
    NotificationsConfig notifications = current.notifications();
    monitorAlerts.afterPoll(report.state(), new MonitorAlerts.SourceOutcome(report.problem(), report.vanished()),
        notifications.alerts(), notifications.failureThreshold());
    dispatcher.wake();
    return Optional.of(report);
  }

  /**
   * Fetches again the archived articles that are due ({@code site.recheck_window},
   * {@code site.recheck_every}), paced with the crawls; wakes the dispatcher for what it queued.
   */
  public ArticleRechecker.Report recheck() throws InterruptedException {
    if (shortOfSpace().isPresent()) {
      log.warn("re-check: not now, too little free space (storage.min_free); the articles stay due");
      return new ArticleRechecker.Report(0, 0, 0, 0, java.util.List.of());
    }
    ArticleRechecker.Report report = rechecker.recheckDue(config.get().site().recheck());
    report.errors().forEach(error -> log.warn("re-check: {} (tried again at the next re-check)", error));
    dispatcher.wake();
    return report;
  }

  /**
   * Reads the free space ({@code storage.min_free}) before anything is fetched: too little queues
   * one {@code monitor.alert} of kind {@code disk} (none while one is open); room again, one
   * {@code monitor.recovered}. Returns what there is too little of.
   */
  private Optional<MonitorAlerts.DiskShortage> shortOfSpace() {
    MonitorConfig current = config.get();
    Optional<MonitorAlerts.DiskShortage> shortage = DiskSpace.shortage(current.storage());
    boolean queued = shortage.isPresent()
        ? monitorAlerts.diskShort(shortage.get(), current.notifications().alerts())
        : monitorAlerts.diskRoom(current.notifications().alerts());
    if (queued) {
      dispatcher.wake();
    }
    return shortage;
  }

  private boolean backingOff(EarlyWarningConfig earlyWarning) {
    Optional<SourceState> state = store.earlyWarning().read(earlyWarning.source().id());
    if (state.isEmpty() || state.get().consecutiveFailures() == 0 || state.get().lastPollAt() == null) {
      return false;
    }
    Duration wait = earlyWarning.every().multipliedBy(1L << Math.min(state.get().consecutiveFailures() - 1, 20));
    wait = wait.compareTo(MAX_POLL_BACKOFF) > 0 ? MAX_POLL_BACKOFF : wait;
    // A little short of the wait: the poll that falls due just before it ends takes place.
    return clock.instant().isBefore(state.get().lastPollAt().plus(wait).minus(earlyWarning.every().dividedBy(2)));
  }

  /**
   * Makes a database made before incremental vacuum give pruned history's space back from now on, once, at the
   * start of {@code run} and {@code once} (they hold the state folder's lock: nothing waits for the rewrite). A
   * failure, such as a disk without room for the rewrite, is logged and the monitor goes on without it: the
   * pruned history's space is reused by later writes, and the next start tries again.
   */
  public void switchToIncrementalVacuum() {
    long started = System.nanoTime();
    try {
      if (store.retention().switchToIncrementalVacuum()) {
        log.info("the database was switched to incremental vacuum in {} (one VACUUM, once): pruned history's space is given"
            + " back from now on", Durations.format(Duration.ofNanos(System.nanoTime() - started)));
      }
    } catch (RuntimeException e) {
      long bytes = databaseBytes();
      log.warn("the database could not be switched to incremental vacuum ({}); it needs about {} free beside {} (its"
          + " write-ahead log) and as much in the temporary folder for one rewrite. The monitor goes on: pruned history's"
          + " space is reused but not given back to the disk; the next start tries again", rootMessage(e),
          bytes < 0 ? "the database's size" : DiskSpace.size(bytes), store.describe());
    }
  }

  /** The database's own words: a storage failure's message speaks of a crawl, which this is not. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** The database's size in bytes; -1 when it cannot be read. */
  private long databaseBytes() {
    try {
      return store.retention().kept().databaseBytes();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * Deletes the history older than {@code storage.retention} (never articles) and gives its space
   * back. A failure is logged and the next pruning tries again: it is never fatal.
   *
   * @return what was pruned; empty when the pruning failed
   */
  public Optional<RetentionRepository.Pruned> pruneHistory() {
    Instant now = clock.instant();
    Duration retention = config.get().storage().retention();
    try {
      RetentionRepository.Pruned pruned = store.retention().prune(now.minus(retention), now);
      if (pruned.total() > 0) {
        log.info("history older than {} pruned: {} crawl runs, {} deliveries, {} remembered feed items, {} nodes ({} batches)",
            Durations.format(retention), pruned.crawlRuns(), pruned.deliveries(), pruned.feedItems(), pruned.nodes(), pruned.batches());
      }
      store.retention().reclaimSpace();
      return Optional.of(pruned);
    } catch (RuntimeException e) {
      log.warn("pruning the history failed (tried again at the next pruning): {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** What places an article under a configured country: its ids, names and aliases. */
  private static java.util.List<Object> placing(MonitorConfig config) {
    return config.countries().stream().map(c -> (Object) java.util.List.of(c.region(), c.name(), c.aliases())).toList();
  }

  /**
   * Takes a new configuration: the next crawls use its countries and {@code site:}, deliveries its channels.
   * Waits for the crawls in progress to end: a crawl keeps the ids and channels it started with (its articles
   * were linked to its country's id and routed by the configuration of that moment, crossed with new ids).
   */
  public void apply(MonitorConfig next) {
    boolean exclusive;
    try {
      crawls.writeLock().lockInterruptibly();
      exclusive = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exclusive = false;
    }
    try {
      applyHolding(next, exclusive);
    } finally {
      if (exclusive) {
        crawls.writeLock().unlock();
      }
    }
  }

  private void applyHolding(MonitorConfig next, boolean exclusive) {
    MonitorConfig current = config.get();
    if (!next.storage().equals(current.storage())) {
      log.warn("storage: changed in {}; the database and archive stay where they are until the monitor restarts", next.source());
      next = next.withStorage(current.storage());
    }
    if (!next.notifications().equals(current.notifications()) || !next.site().userAgent().equals(current.site().userAgent())) {
      dispatcher.setChannels(channels.apply(next), Components.deliveryPolicy(next.notifications()));
      log.info("notifications: changed; deliveries use the new channels from now on");
    }
    if (!next.site().equals(current.site())) {
      site.reconfigure(next.site());
      log.info("site: changed; the next crawls use the new settings");
    }
    config.set(next);
    // Ids written in place of the moved ones: every such state carries over now, chains and swaps at once
    // (else before the next crawl, which tries again).
    if (exclusive) {
      try {
        siteRegions.continueStates(next.countries());
      } catch (RuntimeException e) {
        log.warn("the states of moved countries could not continue under the ids written now ({}); tried again before the next crawl",
            e.getMessage());
      }
    }
    if (!placing(next).equals(placing(current))) {
      // What the early warning left aside as outside the configured countries may be inside now.
      siteRegions.configuredCountriesChanged();
    }
  }
}
