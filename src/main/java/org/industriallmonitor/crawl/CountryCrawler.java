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
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.parse.ListingPage;
import org.industriallmonitor.parse.ResultRange;
import org.industriallmonitor.site.SiteReader;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.CountryRepository;
import org.industriallmonitor.store.CrawlCounts;
import org.industriallmonitor.store.CrawlRunRepository;
import org.industriallmonitor.store.ListingPageRepository;
import org.industriallmonitor.store.ListingPageState;
import org.industriallmonitor.store.ProblemArticleRepository;
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

  private final SiteReader site;
  private final Repositories store;
  private final SlugLocks slugLocks;
  private final Clock clock;
  private final ArticleArchiver archiver;
  private final Archive archive;

  public CountryCrawler(SiteReader site, Archive archive, Repositories store, NewArticleAlerts alerts, SlugLocks slugLocks,
      Clock clock) {
    this.site = site;
    this.store = store;
    this.slugLocks = slugLocks;
    this.clock = clock;
    this.archiver = new ArticleArchiver(site.fetcher(), site.urls(), site.articleParser(), site.fallback(),
        site.fallbackArchive(), archive, store.articles(), store.problems(), alerts, clock);
    this.archive = archive;
  }

  /** The repositories a crawl writes to. */
  public record Repositories(CountryRepository countries, ArticleRepository articles, ListingPageRepository listingPages,
      CrawlRunRepository runs, ProblemArticleRepository problems) {}

  public CrawlReport crawl(CountryConfig country) throws InterruptedException {
    return crawl(country, CrawlProgress.NONE);
  }

  public CrawlReport crawl(CountryConfig country, CrawlProgress progress) throws InterruptedException {
    Instant started = clock.instant();
    boolean baseline = !store.countries().ensure(country.region(), country.name(), started);
    long runId = store.runs().start(country.region(), baseline, started);
    Crawl crawl = new Crawl(country, baseline, progress);
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
    } finally {
      progress.finished(country.name());
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
    final CrawlProgress progress;

    Crawl(CountryConfig country, boolean baseline, CrawlProgress progress) {
      this.country = country;
      this.baseline = baseline;
      this.progress = progress;
    }

    void walkListing() throws InterruptedException {
      int from = 0;
      Set<String> previousSlugs = Set.of();
      Integer knownTotal = null;
      int pageSize = 0;
      Map<Integer, ListingPageState> storedPages = store.listingPages().allFor(country.region());
      for (int page = 0; ; page++) {
        if (page >= site.maxPages()) {
          notes.add("stopped at max_pages (" + site.maxPages() + ") before the end of the listing");
          return;
        }
        String url = site.urls().listing(country.region(), from);
        Optional<ListingPageState> stored = Optional.ofNullable(storedPages.get(from));
        FetchResult result;
        try {
          result = site.fetcher().fetch(url, stored.map(s -> new Validators(s.etag(), s.lastModified())).orElse(Validators.NONE));
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
              useFallback(result.body(), url, e.getMessage());
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
        progress.listing(country.name(), pages, knownTotal == null || pageSize == 0 ? 0
            : Math.min(site.maxPages(), (knownTotal + pageSize - 1) / pageSize));
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
      ListingPage page = site.listingParser().parse(result.body(), url);
      Set<String> slugs = new LinkedHashSet<>();
      for (ListingItem item : page.items()) {
        if (item.slug() == null) {
          errors.add("listing " + url + ": the result '" + item.title() + "' "
              + (site.urls().isOnSite(item.url()) ? "has a link that is not a usable address" : "links off the site")
              + " (" + item.url() + "); skipped");
          continue;
        }
        slugs.add(item.slug());
      }
      if (!slugs.isEmpty() && slugs.equals(previousSlugs)) {
        errors.add("listing " + url + ": the page repeats the results of the previous page; stopped the walk there");
        return null;
      }
      for (ListingItem item : page.items()) {
        if (item.slug() != null) {
          items.putIfAbsent(item.slug(), item);
        }
      }
      seen += slugs.size();
      Integer total = page.range().map(ResultRange::total).orElse(null);
      PageOutcome outcome = new PageOutcome(total, page.nextUrl(), page.items().size(), slugs);
      String text = ArchiveText.listing(page);
      String textHash = Hashes.sha256(text.getBytes(StandardCharsets.UTF_8));
      if (stored.isEmpty() || !stored.get().textHash().equals(textHash)) {
        try {
          archive.writeListingSnapshot(country.region(), from, text, clock.instant());
        } catch (IOException e) {
          // The page's state is not saved, so the next cycle parses it and writes its snapshot again.
          errors.add("cannot write the listing snapshot of " + url + ": " + e.getMessage());
          return outcome;
        }
      }
      pendingPages.put(new ListingPageState(country.region(), from, url, result.validators().etag(),
          result.validators().lastModified(), bodyHash, textHash, total, page.nextUrl(), page.items().size(),
          clock.instant()), slugs);
      return outcome;
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

    /**
     * The listing's layout broke: find what looks like articles in the page's main content.
     * They are archived when {@code site.fallback_archive} allows, else recorded as degraded.
     */
    private void useFallback(String html, String url, String reason) {
      List<ListingItem> found = site.fallback().listingLinks(html, url);
      Map<String, Long> known = store.articles().known(found.stream().map(ListingItem::slug).toList());
      int unknown = 0;
      for (ListingItem item : found) {
        if (known.containsKey(item.slug())) {
          continue;
        }
        unknown++;
        if (site.fallbackArchive()) {
          items.putIfAbsent(item.slug(), item);
        } else {
          store.problems().markDegraded(item.slug(), item.url(), item.title(), country.region(), reason, clock.instant());
        }
      }
      if (unknown > 0) {
        notes.add(unknown + " new article" + (unknown == 1 ? "" : "s") + " found by the fallback extractor (degraded)"
            + (site.fallbackArchive() ? "; archiving them" : "; not archived until site.selectors are fixed, or set site.fallback_archive: true"));
      }
    }

    void recordArticles() throws InterruptedException {
      Map<String, Long> known = store.articles().known(items.keySet());
      store.articles().link(known.values(), country.region(), clock.instant());
      int total = items.size() - known.size();
      int done = 0;
      List<Long> recordedElsewhere = new ArrayList<>();
      for (ListingItem item : items.values()) {
        if (known.containsKey(item.slug())) {
          continue;
        }
        progress.articles(country.name(), done++, total);
        try (SlugLocks.Held held = slugLocks.lock(item.slug())) {
          Optional<Long> recordedMeanwhile = store.articles().idOf(item.slug());
          if (recordedMeanwhile.isPresent()) {
            // Another country's crawl recorded it while this one walked: link it with the others below.
            recordedElsewhere.add(recordedMeanwhile.get());
            continue;
          }
          if (archiver.recentlyGone(item.slug())) {
            continue;
          }
          newArticles++;
          ArticleArchiver.Result result = archiver.archive(item, country, baseline);
          if (!result.handled()) {
            unrecorded.add(item.slug());
          }
          switch (result.kind()) {
            case ARCHIVED -> {
              archived++;
              if (result.message() != null && layoutProblem == null) {
                layoutProblem = result.message();
              }
            }
            case FAILED -> errors.add(result.message());
            case LAYOUT -> {
              if (layoutProblem == null) {
                layoutProblem = result.message();
              }
            }
            default -> {
              if (result.message() != null) {
                notes.add(result.message());
              }
            }
          }
        }
      }
      store.articles().link(recordedElsewhere, country.region(), clock.instant());
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
