package org.industriallmonitor.crawl;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.PageGoneException;
import org.industriallmonitor.fetch.RobotsDisallowedException;
import org.industriallmonitor.fetch.RobotsUnavailableException;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.site.SiteReader;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.NewArticle;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.ProblemArticleRepository;
import org.industriallmonitor.store.StorageFailure;
import org.industriallmonitor.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one new article from its slug to the archive and the database: fetch, parse (with the
 * fallback extractor when allowed), see which configured countries it belongs to, write the
 * files, then record the row, its links and its alerts in one transaction. Articles that are
 * gone are remembered and checked once a day.
 */
final class ArticleArchiver {
  private static final Logger log = LoggerFactory.getLogger(ArticleArchiver.class);
  static final Duration GONE_RECHECK = Duration.ofDays(1);

  private final Archive archive;
  private final ArticleRepository articles;
  private final ProblemArticleRepository problems;
  private final NewArticleAlerts alerts;
  private final Clock clock;

  ArticleArchiver(Archive archive, ArticleRepository articles, ProblemArticleRepository problems, NewArticleAlerts alerts, Clock clock) {
    this.archive = archive;
    this.articles = articles;
    this.problems = problems;
    this.alerts = alerts;
    this.clock = clock;
  }

  enum Kind {
    /** Archived and recorded now (the message is the layout problem when the fallback read it). */
    ARCHIVED,
    /** Another crawl recorded it first; it is now linked to this country too. */
    RECORDED_ELSEWHERE,
    /** Gone (404/410); counts as handled, and is not fetched again for a day. */
    GONE,
    /** robots.txt does not let us fetch it. */
    DISALLOWED,
    /** robots.txt of the host cannot be read: no article of it can be fetched now. */
    HOST_UNAVAILABLE,
    /** The page loaded, but the selectors (and the fallback, if allowed) could not read it. */
    LAYOUT,
    /** Read, but tagged only with countries that are not configured: not archived. */
    OUTSIDE,
    /** Read, but tagged with no country at all: not archived (a walk places it by its listing). */
    UNTAGGED,
    /** Fetching, archiving or recording failed: tried again next cycle. */
    FAILED
  }

  /**
   * Which configured countries an article belongs to, read from its page: the first is the one it
   * is recorded under, all are linked. Empty: it is not archived.
   */
  @FunctionalInterface
  interface Placement {
    List<CountryConfig> countriesOf(Article article);
  }

  /** What became of one article; {@code message} is for the report, null when there is nothing to say. */
  record Result(Kind kind, String message) {
    boolean handled() {
      return kind == Kind.ARCHIVED || kind == Kind.RECORDED_ELSEWHERE || kind == Kind.GONE;
    }
  }

  /** True when the article is known to be gone and was checked less than a day ago. */
  boolean recentlyGone(String slug) {
    return problems.goneCheckedAt(slug).map(at -> at.plus(GONE_RECHECK).isAfter(clock.instant())).orElse(false);
  }

  /** Archives the article of a listing walk: it belongs to the walked country, and the fallback may read it. */
  Result archive(SiteReader site, ListingItem item, CountryConfig country, boolean baseline) throws InterruptedException {
    return archive(site, item.slug(), item.title(), article -> List.of(country), country, baseline);
  }

  /**
   * Fetches, reads and archives the article {@code slug}. {@code fallbackCountry}: the country
   * whose listing linked it, for the fallback extractor and the degraded list; null when the
   * article came from no listing (the early warning), which leaves unreadable pages to the walks.
   */
  Result archive(SiteReader site, String slug, String title, Placement placement, CountryConfig fallbackCountry, boolean baseline)
      throws InterruptedException {
    String url = site.urls().article(slug);
    FetchResult page;
    try {
      page = site.fetcher().fetch(url, Validators.NONE);
    } catch (PageGoneException e) {
      boolean first = problems.markGone(slug, url, e.status(), clock.instant());
      return new Result(Kind.GONE, first ? "gone: " + url + " (HTTP " + e.status() + "); checked again once a day" : null);
    } catch (RobotsUnavailableException e) {
      return new Result(Kind.HOST_UNAVAILABLE, "article " + e.getMessage());
    } catch (RobotsDisallowedException e) {
      return new Result(Kind.DISALLOWED, "skipped " + url + ": disallowed by robots.txt");
    } catch (FetchException e) {
      return new Result(Kind.FAILED, "article " + e.getMessage());
    }
    Instant fetchedAt = clock.instant();
    Article article;
    boolean degraded = false;
    String layoutProblem = null;
    try {
      article = site.articleParser().parse(page.body(), url, slug);
    } catch (LayoutException e) {
      if (fallbackCountry == null) {
        return new Result(Kind.LAYOUT, e.getMessage());
      }
      Optional<Article> rescued = site.fallbackArchive()
          ? site.fallback().article(page.body(), url, slug, new Region(fallbackCountry.region(), fallbackCountry.name()))
          : Optional.empty();
      if (rescued.isEmpty()) {
        problems.markDegraded(slug, url, title, fallbackCountry.region(), e.getMessage(), clock.instant());
        return new Result(Kind.LAYOUT, e.getMessage());
      }
      log.warn("{}: {}; archived with the fallback extractor (degraded)", fallbackCountry.name(), e.getMessage());
      article = rescued.get();
      degraded = true;
      layoutProblem = e.getMessage();
    }
    List<CountryConfig> countries = placement.countriesOf(article);
    if (countries.isEmpty()) {
      String tags = article.countries().stream().map(Region::name).collect(Collectors.joining(", "));
      return tags.isEmpty() ? new Result(Kind.UNTAGGED, url + " names no country")
          : new Result(Kind.OUTSIDE, url + " is about " + tags + ", which the configuration does not watch");
    }
    Result stored = store(article, page.validators(), degraded, fetchedAt, countries, baseline);
    // Archived by the fallback: the layout still changed, and the user must hear of it.
    return stored.kind() == Kind.ARCHIVED && layoutProblem != null ? new Result(Kind.ARCHIVED, layoutProblem) : stored;
  }

  private Result store(Article article, Validators validators, boolean degraded, Instant fetchedAt, List<CountryConfig> countries,
      boolean baseline) {
    CountryConfig country = countries.get(0);
    List<Integer> regions = countries.stream().map(CountryConfig::region).toList();
    ArchivedArticle files;
    try {
      files = archive.writeArticle(article, fetchedAt, degraded);
    } catch (IOException e) {
      // A full or read-only disk stops the crawl here; another failure (a bad name, say) is this article's alone.
      Optional<StorageFailure> disk = StorageFailure.of(archive.root(), e);
      if (disk.isPresent()) {
        throw disk.get();
      }
      return new Result(Kind.FAILED, "cannot archive " + article.url() + ": " + e);
    }
    Instant detectedAt = clock.instant();
    String tags = article.countries().stream().map(Region::name).collect(Collectors.joining(", "));
    NewArticle row = new NewArticle(article.slug(), article.url(), article.title(), article.published().toString(),
        tags.isEmpty() ? country.name() : tags, files.textPath(), files.sidecarPath(), files.sha256(), baseline,
        degraded, validators.etag(), validators.lastModified(), fetchedAt, regions);
    List<OutboxEntry> alertRows = baseline ? List.of() : alerts.rowsFor(article, files, degraded, country.region(), detectedAt);
    try {
      Optional<Long> id = articles.recordNew(row, detectedAt, alertRows);
      if (id.isEmpty()) {
        articles.idOf(article.slug()).ifPresent(existing -> regions.forEach(region -> articles.link(List.of(existing), region, detectedAt)));
        return new Result(Kind.RECORDED_ELSEWHERE, null);
      }
      log.info("{}: archived {} ({}){}{}", countries.stream().map(CountryConfig::name).collect(Collectors.joining(", ")), article.title(), files.textPath(), baseline ? " [baseline]" : "",
          degraded ? " [degraded]" : "");
      return new Result(Kind.ARCHIVED, null);
    } catch (StorageFailure e) {
      throw e;
    } catch (StoreException e) {
      return new Result(Kind.FAILED, "cannot record " + article.url() + ": " + e.getMessage());
    }
  }
}
