package org.industriallmonitor.app;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.crawl.NewArticleAlerts;
import org.industriallmonitor.notify.AlertQueue;
import org.industriallmonitor.notify.ArticleEvent;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.parse.Theme;
import org.industriallmonitor.store.OutboxEntry;

/**
 * Which channels hear of a new article: those of every configured country it belongs to (the
 * listing it was found in, and the countries it is tagged with), one delivery per channel.
 */
final class AlertRouting implements NewArticleAlerts {
  private final Supplier<MonitorConfig> config;
  private final AlertQueue queue;

  AlertRouting(Supplier<MonitorConfig> config, AlertQueue queue) {
    this.config = config;
    this.queue = queue;
  }

  @Override
  public List<OutboxEntry> rowsFor(Article article, ArchivedArticle archived, boolean degraded, int region, Instant detectedAt) {
    MonitorConfig current = config.get();
    Set<Integer> regions = new HashSet<>();
    regions.add(region);
    article.countries().forEach(r -> regions.add(r.id()));
    Set<String> wanted = new HashSet<>();
    for (CountryConfig c : current.countries()) {
      if (regions.contains(c.region())) {
        wanted.addAll(c.channels());
      }
    }
    List<String> channelIds = current.notifications().channelIds().stream().filter(wanted::contains).toList();
    if (channelIds.isEmpty()) {
      return List.of();
    }
    List<String> countries = article.countries().stream().map(Region::name).toList();
    if (countries.isEmpty()) {
      countries = current.countries().stream().filter(c -> c.region() == region).map(CountryConfig::name).toList();
    }
    ArticleEvent event = new ArticleEvent(article.url(), article.slug(), article.title(), article.published().toString(),
        article.lede(), countries, article.themes().stream().map(Theme::name).toList(), archived.textPath(), degraded, detectedAt);
    return queue.articleRows(event, channelIds, current.notifications());
  }
}
