package org.industriallmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.crawl.SiteCountries;
import org.industriallmonitor.crawl.RegionMoveAlerts;
import org.industriallmonitor.crawl.SiteRegions;
import org.industriallmonitor.notify.AlertQueue;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.query.TextFilter;
import org.industriallmonitor.store.ArticleAudience;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.RecheckRepository.Target;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing of one article reads one configuration: a reload while it routes (a channel added with
 * {@code match:}, another narrowed to a language) never mixes the old configuration's channels with the new one's filters.
 */
class AlertRoutingTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  private MonitorConfig before;
  private MonitorConfig after;
  private AlertRouting routing;

  @BeforeEach
  void configurations() {
    ConfigLoader loader = new ConfigLoader(System::getenv);
    before = loader.load(TestConfig.site(URI.create("http://127.0.0.1:9")).country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n    - {id: everything, type: webhook, url: \"http://127.0.0.1:9/all\"}\n")
        .writeTo(dir.resolve("a")));
    // The reload: a channel with match, and the first channel now for Spanish articles only.
    after = loader.load(TestConfig.site(URI.create("http://127.0.0.1:9")).country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n"
            + "    - {id: everything, type: webhook, url: \"http://127.0.0.1:9/all\", languages: [es]}\n"
            + "    - {id: x, type: webhook, url: \"http://127.0.0.1:9/x\", match: cobalt}\n")
        .writeTo(dir.resolve("b")));
    Store store = stores.open(Databases.SQLITE, dir.resolve("db"), new ClusterConfig("node-a", Duration.ofSeconds(15)));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    AtomicInteger reads = new AtomicInteger();
    // The configuration in force is the first one for the first read, the reloaded one for every later read.
    Supplier<MonitorConfig> reloadedAfterFirstRead = () -> reads.getAndIncrement() == 0 ? before : after;
    SiteRegions regions = new SiteRegions(new SiteCountries(), store, RegionMoveAlerts.NONE, clock);
    routing = new AlertRouting(reloadedAfterFirstRead, new AlertQueue(clock), regions);
  }

  @Test
  void aNewArticlesAudienceComesFromTheConfigurationItsRoutingStartedWith() {
    Article article = new Article("https://x/en/kyrgyzstan-miners", "kyrgyzstan-miners", "Miners strike", LocalDate.of(2026, 12, 2),
        "2 December, 2026", "A strike.", List.of("Workers stopped."), List.of(new Region(364, "Kyrgyzstan")), List.of(), List.of());

    ArticleAudience audience = routing.audience(article, new ArchivedArticle("a.txt", "a.json", "00", "text"), false, 364, NOW, false);

    assertThat(audience.channels()).as("the first configuration's one channel, without a filter").containsOnlyKeys("everything");
    assertThat(audience.channels().get("everything")).isEqualTo(TextFilter.NONE);
    assertThat(audience.rows(java.util.Map.of("everything", ""))).extracting(OutboxEntry::channel).containsExactly("everything");
  }

  @Test
  void aRemovedArticleIsToldToTheChannelsOfOneConfiguration() {
    Target target = new Target(1, "kyrgyzstan-miners", "https://x/en/kyrgyzstan-miners", "Miners strike", "2026-12-02", "Kyrgyzstan",
        "a.txt", "a.json", "00", 1, null, null, List.of(364));

    List<OutboxEntry> rows = routing.removed(target, 404, NOW);

    assertThat(rows).extracting(OutboxEntry::channel).as("the first configuration's channel, for every language").containsExactly("everything");
  }
}
