package org.industriallmonitor.crawl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import org.industriallmonitor.fetch.PageGoneException;
import org.industriallmonitor.fetch.RobotsUnavailableException;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.parse.ListingPage;
import org.industriallmonitor.parse.ResultRange;
import org.industriallmonitor.site.SiteReader;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.ListingPageRepository;
import org.industriallmonitor.store.ListingPageState;
import org.industriallmonitor.store.ProblemArticleRepository;
import org.industriallmonitor.store.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a country's whole listing, page by page, until its summary line says the last result
 * was reached (or {@code max_pages}): a page answered 304 or with the same bytes is not parsed
 * again, a changed one is parsed and its snapshot archived. When the layout breaks, the fallback
 * extractor looks for new articles. Writes nothing that marks an article seen.
 */
final class ListingWalker {
  private static final Logger log = LoggerFactory.getLogger(ListingWalker.class);

  private final Archive archive;
  private final ListingPageRepository listingPages;
  private final ArticleRepository articles;
  private final ProblemArticleRepository problems;
  private final SiteRegions regions;
  private final Clock clock;

  ListingWalker(Archive archive, ListingPageRepository listingPages, ArticleRepository articles, ProblemArticleRepository problems,
      SiteRegions regions, Clock clock) {
    this.archive = archive;
    this.listingPages = listingPages;
    this.articles = articles;
    this.problems = problems;
    this.regions = regions;
    this.clock = clock;
  }

  /**
   * What the walk has found so far; {@code walked} is the region id whose listing it walks (the site's
   * id of the country now), {@code relocated} the id to walk instead, once the first page showed the
   * country is listed there now.
   */
  private static final class Found {
    final Map<String, ListingItem> items = new LinkedHashMap<>();
    final Map<ListingPageState, Set<String>> pages = new LinkedHashMap<>();
    final int walked;
    Integer relocated;

    Found(int walked) {
      this.walked = walked;
    }

    Map<String, ListingItem> items() {
      return items;
    }

    Map<ListingPageState, Set<String>> pages() {
      return pages;
    }
  }

  /** Where a page says the listing goes on. */
  private record PageOutcome(Integer total, String nextUrl, int itemCount, Set<String> slugs) {}

  Listing walk(SiteReader site, CountryConfig country, CrawlReport.Builder report, CrawlProgress progress)
      throws InterruptedException {
    return walk(site, country, "en", report, progress);
  }

  /**
   * Walks the country's listing in {@code language}: its own pages, states and snapshots, all under the
   * configured id, at the id the site lists the country under now. When the first page's country list
   * says the country is listed under another id now, the walk starts again there, once.
   */
  Listing walk(SiteReader site, CountryConfig country, String language, CrawlReport.Builder report, CrawlProgress progress)
      throws InterruptedException {
    int walked = regions.resolve(country, language).siteRegion();
    for (int attempt = 0; ; attempt++) {
      int pages = report.pages();
      int seen = report.seenSoFar();
      Found found = walkAt(site, country, walked, attempt == 0, language, report, progress);
      if (found.relocated == null) {
        if (walked != country.region() && language.equals(country.languages().get(0))) {
          report.note("the site lists " + country.name() + " as region " + walked + " now, not " + country.region()
              + "; followed there, its state kept under " + country.region() + "; write `" + country.yamlLine(walked)
              + "` into the configuration");
        }
        return new Listing(found.items(), found.pages());
      }
      report.uncount(report.pages() - pages, report.seenSoFar() - seen);
      log.info("{}: the site lists it as region {} now, not {}; walking its {} listing there", country.name(), found.relocated,
          walked, language);
      walked = found.relocated;
    }
  }

  private Found walkAt(SiteReader site, CountryConfig country, int walked, boolean mayRelocate, String language,
      CrawlReport.Builder report, CrawlProgress progress) throws InterruptedException {
    Found found = new Found(walked);
    int from = 0;
    Set<String> previousSlugs = Set.of();
    Integer knownTotal = null;
    int pageSize = 0;
    Map<Integer, ListingPageState> storedPages = listingPages.allFor(country.region(), language);
    for (int page = 0; ; page++) {
      if (page >= site.maxPages()) {
        report.note("stopped at max_pages (" + site.maxPages() + ") before the end of the listing");
        break;
      }
      String url = site.urls().listing(walked, from, language);
      Optional<ListingPageState> stored = Optional.ofNullable(storedPages.get(from));
      FetchResult result;
      try {
        result = site.fetcher().fetch(url, stored.map(s -> new Validators(s.etag(), s.lastModified())).orElse(Validators.NONE));
      } catch (RobotsUnavailableException e) {
        // Every page of the host would fail alike: one error for the crawl, not one per page.
        report.error("listing " + e.getMessage());
        break;
      } catch (FetchException e) {
        if (from == 0 && mayRelocate && e instanceof PageGoneException) {
          // A CMS may answer 404 for an id it no longer has: its country list says where the country went.
          Integer moved = movedAfterGone(site, country, language, walked);
          if (moved != null) {
            found.relocated = moved;
            break;
          }
        }
        report.error("listing " + e.getMessage());
        // Skip the failed page when the listing is known to go on: its articles are found next time.
        Integer total = knownTotal != null ? knownTotal : stored.map(ListingPageState::total).orElse(null);
        int step = stored.map(ListingPageState::itemCount).filter(n -> n > 0).orElse(pageSize);
        if (total != null && step > 0 && from + step < total) {
          from += step;
          continue;
        }
        break;
      }
      report.page();
      PageOutcome outcome;
      if (result.notModified() && stored.isPresent()) {
        outcome = unchanged(stored.get(), result.validators(), found, report);
      } else {
        String bodyHash = Hashes.sha256(result.bytes());
        if (stored.isPresent() && stored.get().bodyHash().equals(bodyHash)) {
          outcome = unchanged(stored.get(), result.validators(), found, report);
        } else {
          try {
            outcome = parsed(site, country, language, url, from, result, bodyHash, stored, previousSlugs, found, report, mayRelocate);
          } catch (LayoutException e) {
            report.layout(e.getMessage());
            log.warn("{}: {}", country.name(), e.getMessage());
            useFallback(site, country, result.body(), url, e.getMessage(), found, report);
            break;
          }
          if (outcome == null || found.relocated != null) {
            break;
          }
          previousSlugs = outcome.slugs();
        }
      }
      if (outcome.total() != null) {
        knownTotal = outcome.total();
      }
      if (from == 0 && Integer.valueOf(0).equals(outcome.total())) {
        report.warning(CrawlReport.noResults(walked));
      }
      pageSize = Math.max(pageSize, outcome.itemCount());
      progress.listing(country.name(), report.pages(), knownTotal == null || pageSize == 0 ? 0
          : Math.min(site.maxPages(), (knownTotal + pageSize - 1) / pageSize));
      Integer next = nextFrom(from, outcome);
      if (next == null) {
        break;
      }
      from = next;
    }
    return found;
  }

  /**
   * The listing of {@code walked} is gone (404, 410): reads the site's country list in {@code language}
   * (one request) and returns the id the country is listed under now, or null when it is not elsewhere.
   */
  private Integer movedAfterGone(SiteReader site, CountryConfig country, String language, int walked) throws InterruptedException {
    String url = site.urls().facets(language);
    try {
      Map<Integer, String> countries = site.listingParser().regions(site.fetcher().fetch(url, Validators.NONE).body(), url);
      SiteRegions.Resolution listed = regions.listed(country, language, countries);
      return listed.siteRegion() != walked && countries.containsKey(listed.siteRegion()) ? listed.siteRegion() : null;
    } catch (FetchException | LayoutException e) {
      log.info("{}: the site's country list could not be read after its listing was gone: {}", country.name(), e.getMessage());
      return null;
    }
  }

  private PageOutcome unchanged(ListingPageState state, Validators validators, Found found, CrawlReport.Builder report) {
    report.seen(state.itemCount());
    if (!validators.isEmpty() && (!same(validators.etag(), state.etag()) || !same(validators.lastModified(), state.lastModified()))) {
      found.pages().put(new ListingPageState(state.region(), state.language(), state.from(), state.url(), validators.etag(),
          validators.lastModified(), state.bodyHash(), state.textHash(), state.total(), state.nextUrl(),
          state.itemCount(), clock.instant()), Set.of());
    }
    return new PageOutcome(state.total(), state.nextUrl(), state.itemCount(), Set.of());
  }

  /** Parses a changed page; returns null when the walk must stop here. */
  private PageOutcome parsed(SiteReader site, CountryConfig country, String language, String url, int from, FetchResult result,
      String bodyHash,
      Optional<ListingPageState> stored, Set<String> previousSlugs, Found found, CrawlReport.Builder report, boolean mayRelocate)
      throws LayoutException {
    ListingPage page = site.listingParser().parse(result.body(), url);
    if (page.items().size() > site.maxItemsPerPage()) {
      // Hours of fetching at the site's pace, asked for by one page: not the listing the monitor knows.
      report.layout("layout changed at " + url + ": the page lists " + page.items().size() + " results, more than "
          + "site.max_items_per_page (" + site.maxItemsPerPage() + "); nothing on it was fetched");
      return null;
    }
    Set<String> slugs = new LinkedHashSet<>();
    for (ListingItem item : page.items()) {
      if (item.slug() == null) {
        report.error("listing " + url + ": the result '" + item.title() + "' "
            + (site.urls().isOnSite(item.url()) ? "has a link that is not a usable address" : "links off the site")
            + " (" + item.url() + "); skipped");
        continue;
      }
      slugs.add(item.slug());
    }
    if (!slugs.isEmpty() && slugs.equals(previousSlugs)) {
      report.error("listing " + url + ": the page repeats the results of the previous page; stopped the walk there");
      return null;
    }
    for (ListingItem item : page.items()) {
      if (item.slug() != null) {
        found.items().putIfAbsent(item.slug(), item);
      }
    }
    report.seen(slugs.size());
    Integer total = page.range().map(ResultRange::total).orElse(null);
    PageOutcome outcome = new PageOutcome(total, page.nextUrl(), page.items().size(), slugs);
    SiteRegions.Resolution listed = from == 0 && !page.countries().isEmpty()
        ? regions.listed(country, language, page.countries()) : new SiteRegions.Resolution(found.walked, null);
    if (mayRelocate && listed.siteRegion() != found.walked && page.regions().contains(listed.siteRegion())) {
      // The country is listed under another id now (its own gone, or given to another country): walk there.
      found.relocated = listed.siteRegion();
      return outcome;
    }
    if (!page.regions().isEmpty() && !page.regions().contains(found.walked)) {
      // The page's state is not saved: every crawl reads it again, and says so again, until the id is fixed.
      report.error("region " + found.walked + (found.walked == country.region() ? ""
          : " (where the site listed " + country.name() + ", configured as region " + country.region() + ")")
          + " is not in the site's list of countries on " + url
          + " (is the id right? `countries` lists them)" + (listed.problem() == null ? "" : "; " + listed.problem()));
      return outcome;
    }
    String text = ArchiveText.listing(page);
    String textHash = Hashes.sha256(text.getBytes(StandardCharsets.UTF_8));
    if (stored.isEmpty() || !stored.get().textHash().equals(textHash)) {
      try {
        archive.writeListingSnapshot(country.region(), language, from, text, clock.instant());
      } catch (IOException e) {
        Optional<StorageFailure> disk = StorageFailure.of(archive.root(), e);
        if (disk.isPresent()) {
          throw disk.get();
        }
        // The page's state is not saved, so the next cycle parses it and writes its snapshot again.
        report.error("cannot write the listing snapshot of " + url + ": " + e.getMessage());
        return outcome;
      }
    }
    found.pages().put(new ListingPageState(country.region(), language, from, url, result.validators().etag(),
        result.validators().lastModified(), bodyHash, textHash, total, page.nextUrl(), page.items().size(),
        clock.instant()), slugs);
    return outcome;
  }

  /** Where the next page starts, or null when this page was the last. */
  private static Integer nextFrom(int from, PageOutcome page) {
    if (page.itemCount() == 0) {
      return null;
    }
    int next = from + page.itemCount();
    if (page.total() != null) {
      return next >= page.total() ? null : next;
    }
    return page.nextUrl() != null ? next : null;
  }

  /**
   * The listing's layout broke: find what looks like articles in the page's main content.
   * They are archived when {@code site.fallback_archive} allows, else recorded as degraded.
   */
  private void useFallback(SiteReader site, CountryConfig country, String html, String url, String reason, Found found,
      CrawlReport.Builder report) {
    List<ListingItem> candidates = site.fallback().listingLinks(html, url);
    Map<String, Long> known = articles.known(candidates.stream().map(ListingItem::slug).toList());
    int unknown = 0;
    for (ListingItem item : candidates) {
      if (known.containsKey(item.slug())) {
        continue;
      }
      unknown++;
      if (site.fallbackArchive()) {
        found.items().putIfAbsent(item.slug(), item);
      } else {
        problems.markDegraded(item.slug(), item.url(), item.title(), country.region(), reason, clock.instant());
      }
    }
    if (unknown > 0) {
      report.note(unknown + " new article" + (unknown == 1 ? "" : "s") + " found by the fallback extractor (degraded)"
          + (site.fallbackArchive() ? "; archiving them" : "; not archived until site.selectors are fixed, or set site.fallback_archive: true"));
    }
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }
}
