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

/**
 * Records the articles a listing walk found: known ones are linked to the country; each unknown
 * one is archived and recorded under its slug's lock, so that two countries crawled at once never
 * take the same article twice. Returns the slugs that are not recorded yet.
 */
final class ArticleRecorder {
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
    Set<String> unrecorded = new LinkedHashSet<>();
    List<Long> recordedElsewhere = new ArrayList<>();
    int total = items.size() - known.size();
    int done = 0;
    for (ListingItem item : items) {
      if (known.containsKey(item.slug())) {
        continue;
      }
      progress.articles(country.name(), done++, total);
      try (SlugLocks.Held held = slugLocks.lock(item.slug())) {
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
        ArticleArchiver.Result result = archiver.archive(site, item, country, baseline);
        if (!result.handled()) {
          unrecorded.add(item.slug());
        }
        if (result.kind() == ArticleArchiver.Kind.HOST_UNAVAILABLE) {
          // The rest would fail alike: one error, and they are all tried next cycle.
          report.error(result.message());
          items.stream().map(ListingItem::slug).filter(slug -> !known.containsKey(slug)).forEach(unrecorded::add);
          break;
        }
        count(result, report);
      }
    }
    articles.link(recordedElsewhere, country.region(), clock.instant());
    return unrecorded;
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
