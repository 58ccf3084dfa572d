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
 * Takes one new article from its listing item to the archive and the database: fetch, parse
 * (with the fallback extractor when allowed), write the files, then record the row and its
 * alerts in one transaction. Articles that are gone are remembered and checked once a day.
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
    /** Fetching, archiving or recording failed: tried again next cycle. */
    FAILED
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

  Result archive(SiteReader site, ListingItem item, CountryConfig country, boolean baseline) throws InterruptedException {
    String url = site.urls().article(item.slug());
    FetchResult page;
    try {
      page = site.fetcher().fetch(url, Validators.NONE);
    } catch (PageGoneException e) {
      boolean first = problems.markGone(item.slug(), url, e.status(), clock.instant());
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
      article = site.articleParser().parse(page.body(), url, item.slug());
    } catch (LayoutException e) {
      Optional<Article> rescued = site.fallbackArchive()
          ? site.fallback().article(page.body(), url, item.slug(), new Region(country.region(), country.name()))
          : Optional.empty();
      if (rescued.isEmpty()) {
        problems.markDegraded(item.slug(), url, item.title(), country.region(), e.getMessage(), clock.instant());
        return new Result(Kind.LAYOUT, e.getMessage());
      }
      log.warn("{}: {}; archived with the fallback extractor (degraded)", country.name(), e.getMessage());
      article = rescued.get();
      degraded = true;
      layoutProblem = e.getMessage();
    }
    Result stored = store(article, page.validators(), degraded, fetchedAt, country, baseline);
    // Archived by the fallback: the layout still changed, and the user must hear of it.
    return stored.kind() == Kind.ARCHIVED && layoutProblem != null ? new Result(Kind.ARCHIVED, layoutProblem) : stored;
  }

  private Result store(Article article, Validators validators, boolean degraded, Instant fetchedAt, CountryConfig country,
      boolean baseline) {
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
    String countries = article.countries().stream().map(Region::name).collect(Collectors.joining(", "));
    NewArticle row = new NewArticle(article.slug(), article.url(), article.title(), article.published().toString(),
        countries.isEmpty() ? country.name() : countries, files.textPath(), files.sidecarPath(), files.sha256(), baseline,
        degraded, validators.etag(), validators.lastModified(), fetchedAt, country.region());
    List<OutboxEntry> alertRows = baseline ? List.of() : alerts.rowsFor(article, files, degraded, country.region(), detectedAt);
    try {
      Optional<Long> id = articles.recordNew(row, detectedAt, alertRows);
      if (id.isEmpty()) {
        articles.idOf(article.slug()).ifPresent(existing -> articles.link(List.of(existing), country.region(), detectedAt));
        return new Result(Kind.RECORDED_ELSEWHERE, null);
      }
      log.info("{}: archived {} ({}){}{}", country.name(), article.title(), files.textPath(), baseline ? " [baseline]" : "",
          degraded ? " [degraded]" : "");
      return new Result(Kind.ARCHIVED, null);
    } catch (StorageFailure e) {
      throw e;
    } catch (StoreException e) {
      return new Result(Kind.FAILED, "cannot record " + article.url() + ": " + e.getMessage());
    }
  }
}
