package org.industriallmonitor.crawl;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.industriallmonitor.archive.ArchiveText;
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
import org.industriallmonitor.store.ArticleAudience;
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

  /**
   * An article read and its files written, waiting to be recorded with the others of its batch:
   * its row and alerts, and {@code layoutProblem} when only the fallback extractor could read it.
   */
  record Prepared(ArticleRepository.Recording recording, ArchivedArticle files, List<CountryConfig> countries, String layoutProblem) {}

  /** What {@link #prepare} came to: a {@code result} already (a failure, an article not archived), or a {@code prepared} article. */
  record Step(Result result, Prepared prepared) {
    static Step done(Result result) {
      return new Step(result, null);
    }
  }

  /** Archives the article of a listing walk: it belongs to the walked country, and the fallback may read it. */
  Step prepare(SiteReader site, ListingItem item, CountryConfig country, boolean baseline) throws InterruptedException {
    return prepare(site, item.slug(), item.title(), article -> List.of(country), country, baseline);
  }

  /** Fetches, reads, archives and records one article (its batch of one). */
  Result archive(SiteReader site, String slug, String title, Placement placement, CountryConfig fallbackCountry, boolean baseline)
      throws InterruptedException {
    Step step = prepare(site, slug, title, placement, fallbackCountry, baseline);
    return step.result() != null ? step.result() : record(List.of(step.prepared())).get(0);
  }

  /**
   * Fetches and reads the article {@code slug} and writes its files (their folder not synced
   * yet). {@code fallbackCountry}: the country whose listing linked it, for the fallback extractor
   * and the degraded list; null when the article came from no listing (the early warning), which
   * leaves unreadable pages to the walks.
   */
  Step prepare(SiteReader site, String slug, String title, Placement placement, CountryConfig fallbackCountry, boolean baseline)
      throws InterruptedException {
    String url = site.urls().article(slug);
    FetchResult page;
    try {
      page = site.fetcher().fetch(url, Validators.NONE);
    } catch (PageGoneException e) {
      boolean first = problems.markGone(slug, url, e.status(), clock.instant());
      return Step.done(new Result(Kind.GONE, first ? "gone: " + url + " (HTTP " + e.status() + "); checked again once a day" : null));
    } catch (RobotsUnavailableException e) {
      return Step.done(new Result(Kind.HOST_UNAVAILABLE, "article " + e.getMessage()));
    } catch (RobotsDisallowedException e) {
      return Step.done(new Result(Kind.DISALLOWED, "skipped " + url + ": disallowed by robots.txt"));
    } catch (FetchException e) {
      return Step.done(new Result(Kind.FAILED, "article " + e.getMessage()));
    }
    Instant fetchedAt = clock.instant();
    Article article;
    boolean degraded = false;
    String layoutProblem = null;
    try {
      article = site.articleParser().parse(page.body(), url, slug);
    } catch (LayoutException e) {
      if (fallbackCountry == null) {
        return Step.done(new Result(Kind.LAYOUT, e.getMessage()));
      }
      Optional<Article> rescued = site.fallbackArchive()
          ? site.fallback().article(page.body(), url, slug, new Region(fallbackCountry.region(), fallbackCountry.name()))
          : Optional.empty();
      if (rescued.isEmpty()) {
        problems.markDegraded(slug, url, title, fallbackCountry.region(), e.getMessage(), clock.instant());
        return Step.done(new Result(Kind.LAYOUT, e.getMessage()));
      }
      log.warn("{}: {}; archived with the fallback extractor (degraded)", fallbackCountry.name(), e.getMessage());
      article = rescued.get();
      degraded = true;
      layoutProblem = e.getMessage();
    }
    List<CountryConfig> countries = placement.countriesOf(article);
    String tags = article.countries().stream().map(Region::name).collect(Collectors.joining(", "));
    if (countries.isEmpty()) {
      return Step.done(tags.isEmpty() ? new Result(Kind.UNTAGGED, url + " names no country")
          : new Result(Kind.OUTSIDE, url + " is about " + tags + ", which the configuration does not watch"));
    }
    ArchivedArticle files;
    try {
      files = archive.writeArticle(article, fetchedAt, degraded);
    } catch (IOException e) {
      // A full or read-only disk stops the crawl here; another failure (a bad name, say) is this article's alone.
      Optional<StorageFailure> disk = StorageFailure.of(archive.root(), e);
      if (disk.isPresent()) {
        throw disk.get();
      }
      return Step.done(new Result(Kind.FAILED, "cannot archive " + article.url() + ": " + e));
    }
    CountryConfig first = countries.get(0);
    Instant detectedAt = clock.instant();
    NewArticle row = new NewArticle(article.slug(), article.url(), article.title(), article.published().toString(),
        tags.isEmpty() ? first.name() : tags, files.textPath(), files.sidecarPath(), files.sha256(), baseline,
        degraded, page.validators().etag(), page.validators().lastModified(), fetchedAt,
        countries.stream().map(CountryConfig::region).toList(), ArchiveText.withoutHeader(files.text()), article.themes());
    ArticleAudience audience = alerts.audience(article, files, degraded, first.region(), detectedAt, baseline);
    return new Step(null, new Prepared(new ArticleRepository.Recording(row, detectedAt, audience), files, countries, layoutProblem));
  }

  /**
   * Records prepared articles: their folders synced (once per folder), then their rows, links and
   * alerts in one durable transaction. Results in order; an article another job recorded first is
   * linked to these countries too.
   */
  List<Result> record(List<Prepared> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    // Every file's rename durable before any row says it exists.
    archive.sync(batch.stream().map(Prepared::files).toList());
    List<Optional<Long>> ids;
    try {
      ids = articles.recordAll(batch.stream().map(Prepared::recording).toList());
    } catch (StorageFailure e) {
      throw e;
    } catch (StoreException e) {
      return batch.stream().map(p -> new Result(Kind.FAILED, "cannot record " + p.recording().article().url() + ": " + e.getMessage()))
          .toList();
    }
    List<Result> results = new java.util.ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Prepared p = batch.get(i);
      NewArticle row = p.recording().article();
      if (ids.get(i).isEmpty()) {
        Instant at = p.recording().detectedAt();
        articles.idOf(row.slug()).ifPresent(existing -> row.regions().forEach(region -> articles.link(List.of(existing), region, at)));
        results.add(new Result(Kind.RECORDED_ELSEWHERE, null));
        continue;
      }
      log.info("{}: archived {} ({}){}{}", p.countries().stream().map(CountryConfig::name).collect(Collectors.joining(", ")),
          row.title(), row.archivePath(), row.baseline() ? " [baseline]" : "", row.degraded() ? " [degraded]" : "");
      // Archived by the fallback: the layout still changed, and the user must hear of it.
      results.add(new Result(Kind.ARCHIVED, p.layoutProblem()));
    }
    return results;
  }
}
