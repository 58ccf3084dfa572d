package org.industriallmonitor.crawl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.site.SiteReader;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.StorageFailure;

/**
 * Records the articles a listing walk found: known ones are linked to the country; the unknown
 * ones are archived a batch at a time (a listing page's worth), under their slugs' locks so that
 * two countries crawled at once never take the same article twice: each fetched and its files
 * written, then the batch's folders synced once and its rows committed in one transaction.
 * Returns the slugs that are not recorded yet.
 */
final class ArticleRecorder {
  /** Articles recorded per commit: the site's page of results. */
  static final int BATCH = 10;

  private final ArticleArchiver archiver;
  private final ArticleRepository articles;
  private final SlugLocks slugLocks;
  private final Clock clock;

  ArticleRecorder(ArticleArchiver archiver, ArticleRepository articles, SlugLocks slugLocks, Clock clock) {
    this.archiver = archiver;
    this.articles = articles;
    this.slugLocks = slugLocks;
    this.clock = clock;
  }

  /** Records {@code items}; returns the slugs left unrecorded (failed, refused, unreadable) for the next cycle. */
  Set<String> record(SiteReader site, Collection<ListingItem> items, CountryConfig country, boolean baseline,
      CrawlReport.Builder report, CrawlProgress progress) throws InterruptedException {
    Map<String, Long> known = articles.known(items.stream().map(ListingItem::slug).toList());
    articles.link(known.values(), country.region(), clock.instant());
    List<ListingItem> unknown = items.stream().filter(item -> !known.containsKey(item.slug())).toList();
    Set<String> unrecorded = new LinkedHashSet<>();
    List<Long> recordedElsewhere = new ArrayList<>();
    int done = 0;
    for (int from = 0; from < unknown.size(); from += BATCH) {
      List<ListingItem> batch = unknown.subList(from, Math.min(unknown.size(), from + BATCH));
      List<ArticleArchiver.Prepared> prepared = new ArrayList<>();
      List<String> preparedSlugs = new ArrayList<>();
      boolean hostUnavailable = false;
      try (SlugLocks.Held held = slugLocks.lockAll(batch.stream().map(ListingItem::slug).toList())) {
        for (ListingItem item : batch) {
          progress.articles(country.name(), done++, unknown.size());
          Optional<Long> recordedMeanwhile = articles.idOf(item.slug());
          if (recordedMeanwhile.isPresent()) {
            // Another country's crawl recorded it while this one walked: link it with the others below.
            recordedElsewhere.add(recordedMeanwhile.get());
            continue;
          }
          if (archiver.recentlyGone(item.slug())) {
            continue;
          }
          report.newArticle();
          ArticleArchiver.Step step;
          try {
            step = archiver.prepare(site, item, country, baseline);
          } catch (StorageFailure e) {
            // The disk is full: what was written before is whole, so it is recorded; nothing more is fetched.
            try {
              record(prepared, preparedSlugs, unrecorded, report);
            } catch (StorageFailure alsoFull) {
              // The database is on the full disk too: the files stay, and the next cycle records them.
            }
            throw e;
          }
          if (step.prepared() != null) {
            prepared.add(step.prepared());
            preparedSlugs.add(item.slug());
            continue;
          }
          ArticleArchiver.Result result = step.result();
          if (!result.handled()) {
            unrecorded.add(item.slug());
          }
          if (result.kind() == ArticleArchiver.Kind.HOST_UNAVAILABLE) {
            // The rest would fail alike: one error, and they are all tried next cycle.
            report.error(result.message());
            hostUnavailable = true;
            break;
          }
          count(result, report);
        }
        record(prepared, preparedSlugs, unrecorded, report);
      }
      if (hostUnavailable) {
        // Their pages are read again next cycle; what was recorded is known then.
        unknown.stream().map(ListingItem::slug).forEach(unrecorded::add);
        break;
      }
    }
    articles.link(recordedElsewhere, country.region(), clock.instant());
    return unrecorded;
  }

  /** Records a batch's prepared articles ({@code slugs} in order) and counts what became of each. */
  private void record(List<ArticleArchiver.Prepared> prepared, List<String> slugs, Set<String> unrecorded, CrawlReport.Builder report) {
    List<ArticleArchiver.Result> recorded = archiver.record(prepared);
    for (int i = 0; i < recorded.size(); i++) {
      if (!recorded.get(i).handled()) {
        unrecorded.add(slugs.get(i));
      }
      count(recorded.get(i), report);
    }
  }

  private static void count(ArticleArchiver.Result result, CrawlReport.Builder report) {
    switch (result.kind()) {
      case ARCHIVED -> {
        report.archived();
        if (result.message() != null) {
          report.layout(result.message());
        }
      }
      case FAILED -> report.error(result.message());
      case LAYOUT -> report.layout(result.message());
      default -> {
        if (result.message() != null) {
          report.note(result.message());
        }
      }
    }
  }
}
