package org.industriallmonitor.crawl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.site.SiteReader;
import org.industriallmonitor.store.CrawlCounts;
import org.industriallmonitor.store.ListingPageState;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.store.StorageFailure;
import org.industriallmonitor.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One crawl of one country: walk its whole listing ({@link ListingWalker}), record the articles
 * the database has not seen ({@link ArticleRecorder}: file first, then the row with its alerts),
 * save the states of the pages whose every article is recorded, and report. Nothing is marked
 * seen unless it was archived.
 */
public final class CountryCrawler {
  private static final Logger log = LoggerFactory.getLogger(CountryCrawler.class);

  private final Supplier<SiteReader> site;
  private final Store store;
  private final Clock clock;
  private final ListingWalker walker;
  private final ArticleRecorder recorder;

  /** {@code site} gives the reader each crawl starts with: the one of the configuration in force. */
  public CountryCrawler(Supplier<SiteReader> site, Archive archive, Store store, NewArticleAlerts alerts, SlugLocks slugLocks,
      SiteRegions regions, Clock clock) {
    this.site = site;
    this.store = store;
    this.clock = clock;
    this.walker = new ListingWalker(archive, store.listingPages(), store.articles(), store.problems(), regions, clock);
    this.recorder = new ArticleRecorder(new ArticleArchiver(archive, store.articles(), store.problems(), alerts, clock),
        store.articles(), slugLocks, clock);
  }

  public CrawlReport crawl(CountryConfig country) throws InterruptedException {
    return crawl(country, CrawlProgress.NONE);
  }

  public CrawlReport crawl(CountryConfig country, CrawlProgress progress) throws InterruptedException {
    return crawl(country, progress, null);
  }

  /**
   * A crawl that fetches nothing (too little free space, say): recorded as a failed crawl run with
   * {@code problem}; no listing page state changes, so the next crawl finds everything.
   */
  public CrawlReport refuse(CountryConfig country, String problem) {
    try {
      return crawl(country, CrawlProgress.NONE, problem);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * A crawl not even started: nothing is written (no crawl run, no countries row), since the country's id
   * may hold another country's state; the report carries {@code problem}.
   */
  public CrawlReport decline(CountryConfig country, String problem) {
    Instant started = clock.instant();
    CrawlReport.Builder report = new CrawlReport.Builder(country.name(), country.region(), false);
    report.error(problem);
    return report.build(Duration.between(started, clock.instant()));
  }

  private CrawlReport crawl(CountryConfig country, CrawlProgress progress, String refusal) throws InterruptedException {
    SiteReader reader = site.get();
    Instant started = clock.instant();
    boolean baseline;
    Map<String, Boolean> baselines = new LinkedHashMap<>();
    long runId;
    try {
      boolean english = !store.countries().ensure(country.region(), country.name(), started);
      for (String language : country.languages()) {
        baselines.put(language, language.equals("en") ? english : !store.countries().languageBaselineComplete(country.region(), language));
      }
      // The crawl counts as a baseline when its first language's listing is walked for the first time.
      baseline = baselines.get(country.languages().get(0));
      runId = store.runs().start(country.region(), baseline, started);
    } catch (StorageFailure e) {
      CrawlReport.Builder report = new CrawlReport.Builder(country.name(), country.region(), false);
      report.storageFailure(e.getMessage());
      progress.finished(country.name());
      return report.build(Duration.between(started, clock.instant()));
    }
    CrawlReport.Builder report = new CrawlReport.Builder(country.name(), country.region(), baseline);
    if (refusal != null) {
      report.error(refusal);
      progress.finished(country.name());
      return finish(report, country, baselines, runId, started);
    }
    try {
      // Each language's listing is walked in turn, its articles (their own slugs: es/..., fr/...) recorded as it goes.
      for (Map.Entry<String, Boolean> language : baselines.entrySet()) {
        Listing listing = walker.walk(reader, country, language.getKey(), report, progress);
        Set<String> unrecorded = recorder.record(reader, listing.items().values(), country, language.getValue(), report, progress);
        saveCompletePages(listing, unrecorded);
      }
    } catch (InterruptedException e) {
      report.error("interrupted: the crawl was stopped before it finished");
      finish(report, country, baselines, runId, started);
      throw e;
    } catch (StorageFailure e) {
      // Nothing more can be kept: no more fetching, no page state saved; what was written is whole.
      log.error("{}: {}", country.name(), e.getMessage());
      report.storageFailure(e.getMessage());
    } catch (StoreException e) {
      report.error(e.getMessage());
    } finally {
      progress.finished(country.name());
    }
    return finish(report, country, baselines, runId, started);
  }

  /** A page's new state is saved only when every article on it is recorded: else it is parsed again next time. */
  private void saveCompletePages(Listing listing, Set<String> unrecorded) {
    List<ListingPageState> complete = new ArrayList<>();
    for (Map.Entry<ListingPageState, Set<String>> page : listing.pages().entrySet()) {
      if (page.getValue().stream().noneMatch(unrecorded::contains)) {
        complete.add(page.getKey());
      }
    }
    store.listingPages().saveAll(complete);
  }

  private CrawlReport finish(CrawlReport.Builder builder, CountryConfig country, Map<String, Boolean> baselines, long runId,
      Instant started) {
    Instant now = clock.instant();
    CrawlReport report = builder.build(Duration.between(started, now));
    try {
      store.runs().finish(runId, new CrawlCounts(report.pages(), report.seen(), report.newArticles(), report.archived()),
          report.succeeded() ? null : String.join("; ", report.problems()), now);
      if (report.succeeded()) {
        for (Map.Entry<String, Boolean> language : baselines.entrySet()) {
          if (language.getValue()) {
            store.countries().markBaselineComplete(country.region(), language.getKey(), now);
          }
        }
      }
    } catch (StoreException e) {
      log.error("{}: cannot record the end of the crawl: {}", country.name(), e.getMessage());
    }
    return report;
  }
}
