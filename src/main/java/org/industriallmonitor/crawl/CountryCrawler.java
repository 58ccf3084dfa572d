package org.industriallmonitor.crawl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.PageFetcher;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.parse.ListingPage;
import org.industriallmonitor.parse.ListingParser;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.CountryRepository;
import org.industriallmonitor.store.CrawlCounts;
import org.industriallmonitor.store.CrawlRunRepository;
import org.industriallmonitor.store.ListingPageRepository;
import org.industriallmonitor.store.ListingPageState;
import org.industriallmonitor.store.NewArticle;
import org.industriallmonitor.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One crawl of one country: walk its whole listing, find the articles the database has not seen,
 * fetch, archive (file first) and record them (then the row, with its alerts), and report.
 * Nothing is marked seen unless it was archived.
 */
public final class CountryCrawler {
  private static final Logger log = LoggerFactory.getLogger(CountryCrawler.class);

  private final PageFetcher fetcher;
  private final SiteUrls urls;
  private final ListingParser listingParser;
  private final ArticleParser articleParser;
  private final Archive archive;
  private final Repositories store;
  private final NewArticleAlerts alerts;
  private final SlugLocks slugLocks;
  private final Clock clock;
  private final int maxPages;

  public CountryCrawler(PageFetcher fetcher, SiteUrls urls, ListingParser listingParser, ArticleParser articleParser,
      Archive archive, Repositories store, NewArticleAlerts alerts, SlugLocks slugLocks, Clock clock, int maxPages) {
    this.fetcher = fetcher;
    this.urls = urls;
    this.listingParser = listingParser;
    this.articleParser = articleParser;
    this.archive = archive;
    this.store = store;
    this.alerts = alerts;
    this.slugLocks = slugLocks;
    this.clock = clock;
    this.maxPages = maxPages;
  }

  /** The repositories a crawl writes to. */
  public record Repositories(
      CountryRepository countries, ArticleRepository articles, ListingPageRepository listingPages, CrawlRunRepository runs) {}

  public CrawlReport crawl(CountryConfig country) throws InterruptedException {
    Instant started = clock.instant();
    boolean baseline = !store.countries().ensure(country.region(), country.name(), started);
    long runId = store.runs().start(country.region(), baseline, started);
    Crawl crawl = new Crawl(country, baseline);
    try {
      crawl.walkListing();
      crawl.recordArticles();
      crawl.saveCompletePages();
    } catch (InterruptedException e) {
      crawl.errors.add("interrupted: the crawl was stopped before it finished");
      finish(crawl, runId, started);
      throw e;
    } catch (StoreException e) {
      crawl.errors.add(e.getMessage());
    }
    return finish(crawl, runId, started);
  }

  private CrawlReport finish(Crawl crawl, long runId, Instant started) {
    Instant now = clock.instant();
    CrawlReport report = new CrawlReport(crawl.country.name(), crawl.country.region(), crawl.baseline, crawl.pages,
        crawl.seen, crawl.newArticles, crawl.archived, crawl.errors, crawl.layoutProblem, crawl.notes,
        Duration.between(started, now));
    try {
      store.runs().finish(runId, new CrawlCounts(crawl.pages, crawl.seen, crawl.newArticles, crawl.archived),
          report.succeeded() ? null : String.join("; ", report.problems()), now);
      if (crawl.baseline && report.succeeded()) {
        store.countries().markBaselineComplete(crawl.country.region(), now);
      }
    } catch (StoreException e) {
      log.error("{}: cannot record the end of the crawl: {}", crawl.country.name(), e.getMessage());
    }
    return report;
  }

  /** The state of one crawl while it runs. */
  private final class Crawl {
    final CountryConfig country;
    final boolean baseline;
    final List<String> errors = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String layoutProblem;
    int pages;
    int seen;
    int newArticles;
    int archived;
    /** Articles of the parsed pages, by slug, in listing order. */
    final Map<String, ListingItem> items = new LinkedHashMap<>();
    /** New page states, saved only once every article on the page is recorded. */
    final Map<ListingPageState, Set<String>> pendingPages = new LinkedHashMap<>();
    final Set<String> unrecorded = new LinkedHashSet<>();

    Crawl(CountryConfig country, boolean baseline) {
      this.country = country;
      this.baseline = baseline;
    }

    void walkListing() throws InterruptedException {
      int from = 0;
      Set<String> previousSlugs = Set.of();
      Integer knownTotal = null;
      int pageSize = 0;
      for (int page = 0; ; page++) {
        if (page >= maxPages) {
          notes.add("stopped at max_pages (" + maxPages + ") before the end of the listing");
          return;
        }
        String url = urls.listing(country.region(), from);
        Optional<ListingPageState> stored = store.listingPages().get(country.region(), from);
        FetchResult result;
        try {
          result = fetcher.fetch(url, stored.map(s -> new Validators(s.etag(), s.lastModified())).orElse(Validators.NONE));
        } catch (FetchException e) {
          errors.add("listing " + e.getMessage());
          // Skip the failed page when the listing is known to go on: its articles are found next time.
          Integer total = knownTotal != null ? knownTotal : stored.map(ListingPageState::total).orElse(null);
          int step = stored.map(ListingPageState::itemCount).filter(n -> n > 0).orElse(pageSize);
          if (total != null && step > 0 && from + step < total) {
            from += step;
            continue;
          }
          return;
        }
        pages++;
        PageOutcome outcome;
        if (result.notModified() && stored.isPresent()) {
          outcome = unchanged(stored.get(), result.validators());
        } else {
          String bodyHash = Hashes.sha256(result.bytes());
          if (stored.isPresent() && stored.get().bodyHash().equals(bodyHash)) {
            outcome = unchanged(stored.get(), result.validators());
          } else {
            try {
              outcome = parsed(url, from, result, bodyHash, stored, previousSlugs);
            } catch (LayoutException e) {
              layoutProblem = e.getMessage();
              log.warn("{}: {}", country.name(), e.getMessage());
              return;
            }
            if (outcome == null) {
              return;
            }
            previousSlugs = outcome.slugs;
          }
        }
        if (outcome.total != null) {
          knownTotal = outcome.total;
        }
        pageSize = Math.max(pageSize, outcome.itemCount);
        OptionalNext next = next(from, outcome);
        if (next.done) {
          return;
        }
        from = next.from;
      }
    }

    private PageOutcome unchanged(ListingPageState state, Validators validators) {
      seen += state.itemCount();
      if (!validators.isEmpty() && (!same(validators.etag(), state.etag()) || !same(validators.lastModified(), state.lastModified()))) {
        pendingPages.put(new ListingPageState(state.region(), state.from(), state.url(), validators.etag(),
            validators.lastModified(), state.bodyHash(), state.textHash(), state.total(), state.nextUrl(),
            state.itemCount(), clock.instant()), Set.of());
      }
      return new PageOutcome(state.total(), state.nextUrl(), state.itemCount(), Set.of());
    }

    /** Parses a changed page; returns null when the walk must stop here. */
    private PageOutcome parsed(String url, int from, FetchResult result, String bodyHash,
        Optional<ListingPageState> stored, Set<String> previousSlugs) throws LayoutException {
      ListingPage page = listingParser.parse(result.body(), url);
      Set<String> slugs = new LinkedHashSet<>();
      for (ListingItem item : page.items()) {
        if (item.slug() == null) {
          errors.add("listing " + url + ": the result '" + item.title() + "' links off the site (" + item.url() + "); skipped");
          continue;
        }
        slugs.add(item.slug());
      }
      if (!slugs.isEmpty() && slugs.equals(previousSlugs)) {
        notes.add("the page at from=" + from + " repeats the previous page; stopped there");
        return null;
      }
      for (ListingItem item : page.items()) {
        if (item.slug() != null) {
          items.putIfAbsent(item.slug(), item);
        }
      }
      seen += slugs.size();
      String text = ArchiveText.listing(page);
      String textHash = Hashes.sha256(text.getBytes(StandardCharsets.UTF_8));
      if (stored.isEmpty() || !stored.get().textHash().equals(textHash)) {
        try {
          archive.writeListingSnapshot(country.region(), from, text, clock.instant());
        } catch (IOException e) {
          errors.add("cannot write the listing snapshot of " + url + ": " + e.getMessage());
          return new PageOutcome(page.range().map(r -> r.total()).orElse(null), page.nextUrl(), page.items().size(), slugs);
        }
      }
      Integer total = page.range().map(r -> r.total()).orElse(null);
      pendingPages.put(new ListingPageState(country.region(), from, url, result.validators().etag(),
          result.validators().lastModified(), bodyHash, textHash, total, page.nextUrl(), page.items().size(),
          clock.instant()), slugs);
      return new PageOutcome(total, page.nextUrl(), page.items().size(), slugs);
    }

    private OptionalNext next(int from, PageOutcome page) {
      if (page.itemCount == 0) {
        return OptionalNext.DONE;
      }
      int nextFrom = from + page.itemCount;
      if (page.total != null) {
        return nextFrom >= page.total ? OptionalNext.DONE : new OptionalNext(false, nextFrom);
      }
      return page.nextUrl != null ? new OptionalNext(false, nextFrom) : OptionalNext.DONE;
    }

    void recordArticles() throws InterruptedException {
      Map<String, Long> known = store.articles().known(items.keySet());
      newArticles = 0;
      store.articles().link(known.values(), country.region(), clock.instant());
      for (ListingItem item : items.values()) {
        if (known.containsKey(item.slug())) {
          continue;
        }
        try (SlugLocks.Held held = slugLocks.lock(item.slug())) {
          Optional<Long> recordedMeanwhile = store.articles().idOf(item.slug());
          if (recordedMeanwhile.isPresent()) {
            store.articles().link(List.of(recordedMeanwhile.get()), country.region(), clock.instant());
            continue;
          }
          newArticles++;
          if (!fetchArchiveRecord(item)) {
            unrecorded.add(item.slug());
          }
        }
      }
    }

    /** Returns true when the article is archived and recorded. */
    private boolean fetchArchiveRecord(ListingItem item) throws InterruptedException {
      String url = urls.article(item.slug());
      Article article;
      Instant fetchedAt;
      try {
        FetchResult page = fetcher.fetch(url, Validators.NONE);
        fetchedAt = clock.instant();
        article = articleParser.parse(page.body(), url, item.slug());
      } catch (FetchException e) {
        errors.add("article " + e.getMessage());
        return false;
      } catch (LayoutException e) {
        if (layoutProblem == null) {
          layoutProblem = e.getMessage();
        }
        log.warn("{}: {}", country.name(), e.getMessage());
        return false;
      }
      ArchivedArticle archivedArticle;
      try {
        archivedArticle = archive.writeArticle(article, fetchedAt);
      } catch (IOException e) {
        errors.add("cannot archive " + url + ": " + e.getMessage());
        return false;
      }
      Instant detectedAt = clock.instant();
      String countries = article.countries().stream().map(Region::name).collect(Collectors.joining(", "));
      NewArticle row = new NewArticle(article.slug(), url, article.title(), article.published().toString(),
          countries.isEmpty() ? country.name() : countries, archivedArticle.textPath(), archivedArticle.sidecarPath(),
          archivedArticle.sha256(), baseline, fetchedAt, country.region());
      try {
        Optional<Long> id = store.articles().recordNew(row, detectedAt,
            baseline ? null : alerts.rowsFor(article, archivedArticle, country.region(), detectedAt));
        if (id.isEmpty()) {
          store.articles().idOf(article.slug())
              .ifPresent(existing -> store.articles().link(List.of(existing), country.region(), detectedAt));
        } else {
          archived++;
          log.info("{}: archived {} ({}){}", country.name(), article.title(), archivedArticle.textPath(), baseline ? " [baseline]" : "");
        }
        return true;
      } catch (StoreException e) {
        errors.add("cannot record " + url + ": " + e.getMessage());
        return false;
      }
    }

    void saveCompletePages() {
      List<ListingPageState> complete = new ArrayList<>();
      for (Map.Entry<ListingPageState, Set<String>> page : pendingPages.entrySet()) {
        if (page.getValue().stream().noneMatch(unrecorded::contains)) {
          complete.add(page.getKey());
        }
      }
      store.listingPages().saveAll(complete);
    }
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  private record PageOutcome(Integer total, String nextUrl, int itemCount, Set<String> slugs) {}

  private record OptionalNext(boolean done, int from) {
    static final OptionalNext DONE = new OptionalNext(true, 0);
  }
}
