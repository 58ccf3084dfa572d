package org.industriallmonitor.app;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.config.ChannelFilter;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.crawl.ArticleRechecker;
import org.industriallmonitor.crawl.NewArticleAlerts;
import org.industriallmonitor.crawl.SiteRegions;
import org.industriallmonitor.notify.Event;
import org.industriallmonitor.notify.Payloads;
import org.industriallmonitor.store.RecheckRepository.Target;
import org.industriallmonitor.notify.AlertQueue;
import org.industriallmonitor.notify.ArticleEvent;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.parse.Theme;
import org.industriallmonitor.query.TextFilter;
import org.industriallmonitor.store.ArticleAudience;
import org.industriallmonitor.store.OutboxEntry;

/**
 * Which channels hear of a new article: those of every configured country it belongs to (the
 * listing it was found in, and the countries it is tagged with) whose languages and filters it passes,
 * one delivery per channel; the text filters are asked in the article's own transaction.
 */
final class AlertRouting implements NewArticleAlerts, ArticleRechecker.Alerts {
  private final Supplier<MonitorConfig> config;
  private final AlertQueue queue;
  private final SiteRegions siteRegions;

  AlertRouting(Supplier<MonitorConfig> config, AlertQueue queue, SiteRegions siteRegions) {
    this.config = config;
    this.queue = queue;
    this.siteRegions = siteRegions;
  }

  @Override
  public ArticleAudience audience(Article article, ArchivedArticle archived, boolean degraded, int region, Instant detectedAt,
      boolean baseline) {
    // One configuration for the whole decision: a reload half-way would pair a new channel with no filter (the
    // old configuration has none for it), and the article's channels are recorded for good.
    MonitorConfig current = config.get();
    Set<Integer> regions = new HashSet<>();
    regions.add(region);
    // A tag names a configured country by its name, or the id the site lists it under now (never an id
    // the site gave another configured country).
    siteRegions.placed(article.countries(), current.countries()).forEach(c -> regions.add(c.region()));
    // A channel with languages: hears only of articles in those languages; with filters, of those that pass them.
    List<Integer> themeIds = article.themes().stream().map(Theme::id).toList();
    List<String> themeNames = article.themes().stream().map(Theme::name).toList();
    Map<String, TextFilter> channels = new LinkedHashMap<>();
    for (String id : hearing(current, channelsOf(current, regions), article.slug())) {
      ChannelFilter filter = current.notifications().filter(id);
      if (filter.passesCountries(regions) && filter.passesThemes(themeIds, themeNames)) {
        channels.put(id, filter.text());
      }
    }
    if (channels.isEmpty()) {
      return ArticleAudience.NONE;
    }
    List<String> countryNames = article.countries().stream().map(Region::name).toList();
    List<String> countries = countryNames.isEmpty()
        ? current.countries().stream().filter(c -> c.region() == region).map(CountryConfig::name).toList() : countryNames;
    ArticleEvent event = new ArticleEvent(article.url(), article.slug(), article.title(), article.published().toString(),
        article.lede(), countries, themeNames, archived.textPath(), degraded, detectedAt,
        SiteUrls.languageOf(article.slug()), article.translations());
    // The store gives a channel without match: an empty snippet: its alerts say what they always said.
    return ArticleAudience.of(channels, snippets -> baseline ? List.of() : queue.articleRows(event, snippets, current.notifications()));
  }

  /**
   * An archived article changed on the site: the channels that were sent it hear of it (those configured still);
   * for an article archived before the channels were recorded, those of the countries it is listed under.
   */
  @Override
  public List<OutboxEntry> updated(Target target, Article article, ArchivedArticle files, int version, String diff, Instant at) {
    List<String> channelIds = channelsOf(config.get(), target);
    ArticleEvent event = new ArticleEvent(article.url(), article.slug(), article.title(), article.published().toString(),
        article.lede(), countriesOf(target), article.themes().stream().map(Theme::name).toList(), files.textPath(), false, at);
    return queue.monitorRows(Event.ARTICLE_UPDATED, null, channelIds,
        id -> Payloads.articleUpdated(id, event, version, target.archivePath(), diff));
  }

  /** An archived article is gone from the site: the channels of {@link #channelsOf(Target)} hear of it, once. */
  @Override
  public List<OutboxEntry> removed(Target target, int status, Instant at) {
    List<String> channelIds = channelsOf(config.get(), target);
    return queue.monitorRows(Event.ARTICLE_REMOVED, null, channelIds, id -> Payloads.articleRemoved(id, target.url(), target.slug(),
        target.title(), target.published(), countriesOf(target), target.archivePath(), status, at));
  }

  /**
   * The channels that hear of a change to an archived article: those it was recorded for, which are configured now
   * (in the configuration's order); an article recorded before they were, those of its countries and language.
   * All of it read in {@code current}, the one configuration the caller took.
   */
  private static List<String> channelsOf(MonitorConfig current, Target target) {
    if (!target.channelsRecorded()) {
      return hearing(current, channelsOf(current, new HashSet<>(target.regions())), target.slug());
    }
    Set<String> recorded = new HashSet<>(target.channels());
    return current.notifications().channelIds().stream().filter(recorded::contains).toList();
  }

  /** The channels of {@code channelIds} that hear of articles in {@code slug}'s language. */
  private static List<String> hearing(MonitorConfig current, List<String> channelIds, String slug) {
    String language = SiteUrls.languageOf(slug);
    return channelIds.stream().filter(id -> current.notifications().wants(id, language)).toList();
  }

  private static List<String> channelsOf(MonitorConfig current, Set<Integer> regions) {
    Set<String> wanted = new HashSet<>();
    for (CountryConfig c : current.countries()) {
      if (regions.contains(c.region())) {
        wanted.addAll(c.channels());
      }
    }
    return current.notifications().channelIds().stream().filter(wanted::contains).toList();
  }

  private static List<String> countriesOf(Target target) {
    return java.util.Arrays.stream(target.countries().split(",\\s*")).filter(c -> !c.isBlank()).toList();
  }
}
