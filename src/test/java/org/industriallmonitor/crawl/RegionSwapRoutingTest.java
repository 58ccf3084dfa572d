package org.industriallmonitor.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The site swaps two configured countries' ids: a new article goes to the channels of its own country only. */
class RegionSwapRoutingTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Components parts;

  @AfterEach
  void close() {
    if (parts != null) {
      parts.close();
    }
  }

  /** Two webhook channels, kg and kz (nothing listens: the outbox tells who would hear). */
  private TestConfig withChannels() {
    return TestConfig.site(replica.baseUrl()).walksOnly()
        .topLevel("notifications:\n  channels:\n"
            + "    - {id: kg, type: webhook, url: \"http://127.0.0.1:9/kg\", secret: s}\n"
            + "    - {id: kz, type: webhook, url: \"http://127.0.0.1:9/kz\", secret: s}\n");
  }

  @Test
  void anArticleTaggedWithAnotherCountrysOldIdIsAlertedToItsOwnCountrysChannelsOnly() throws Exception {
    Path file = withChannels()
        .country("Kyrgyzstan", 364, "notify: [kg]").country("Kazakhstan", 169, "notify: [kz]").writeTo(dir);
    MonitorConfig config = new ConfigLoader(name -> null).load(file);
    parts = Components.of(config);
    for (CountryConfig country : config.countries()) {
      assertThat(parts.monitor().crawl(country).succeeded()).isTrue();
    }
    replica.catalog().renumberRegions(Map.of(364, 169, 169, 364));
    ReplicaArticle kazakh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);

    for (CountryConfig country : config.countries()) {
      CrawlReport report = parts.monitor().crawl(country);
      assertThat(report.succeeded()).as(report.problems().toString()).isTrue();
    }

    Path db = dir.resolve("state/monitor.db");
    assertThat(Sql.column(db, "SELECT region FROM article_countries WHERE article_id = (SELECT id FROM articles WHERE slug = '"
        + kazakh.slug() + "')")).containsExactly("169");
    assertThat(Sql.column(db, "SELECT channel FROM outbox WHERE event = 'article.new'")).as("Kazakhstan's channel only")
        .containsExactly("kz");
  }

  @Test
  void whenTheUserWritesBothSwappedIdsEachStateContinuesUnderItsCountrysNewIdAndWhatWasPublishedMeanwhileIsAlerted()
      throws Exception {
    MonitorConfig config = baselinesAtTheirFirstIds();
    replica.catalog().renumberRegions(Map.of(364, 169, 169, 364));
    for (CountryConfig country : config.countries()) {
      assertThat(parts.monitor().crawl(country).succeeded()).isTrue();
    }
    Path db = dir.resolve("state/monitor.db");
    assertThat(Sql.column(db, "SELECT region || ':' || site_region FROM region_moves WHERE active = 1 ORDER BY region"))
        .containsExactly("169:364", "364:169");
    ReplicaArticle kyrgyz = replica.catalog().publishNew(List.of(169), LocalDate.now(), 0);
    ReplicaArticle kazakh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);

    writeTheSwappedIdsAndCrawl();

    assertEachStateUnderItsNewIdWithoutASecondBaseline(db);
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM region_moves")).isZero();
    assertLinkedUnderTheirOwnCountry(db, kyrgyz, kazakh);
    assertThat(Sql.column(db, "SELECT channel FROM outbox WHERE event = 'article.new' ORDER BY channel")).containsExactly("kg", "kz");
  }

  @Test
  void aSwapWithOnlyOneMoveRecordedCarriesBothStatesOverWhenTheUserWritesBothIds() throws Exception {
    MonitorConfig config = baselinesAtTheirFirstIds();
    Path db = dir.resolve("state/monitor.db");
    String history = "SELECT a.slug FROM article_countries c JOIN articles a ON a.id = c.article_id WHERE c.region = ";
    List<String> kyrgyzHistory = Sql.column(db, history + "364 ORDER BY a.slug");
    List<String> kazakhHistory = Sql.column(db, history + "169 ORDER BY a.slug");
    assertThat(kyrgyzHistory).isNotEmpty().isNotEqualTo(kazakhHistory);
    replica.catalog().renumberRegions(Map.of(364, 169, 169, 364));
    // Only Kyrgyzstan's crawl runs before the user writes both ids: Kazakhstan's move is never recorded.
    assertThat(parts.monitor().crawl(config.countries().get(0)).succeeded()).isTrue();
    assertThat(Sql.column(db, "SELECT region || ':' || site_region FROM region_moves WHERE active = 1")).containsExactly("364:169");
    ReplicaArticle kyrgyz = replica.catalog().publishNew(List.of(169), LocalDate.now(), 0);
    ReplicaArticle kazakh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);

    writeTheSwappedIdsAndCrawl();

    assertEachStateUnderItsNewIdWithoutASecondBaseline(db);
    assertLinkedUnderTheirOwnCountry(db, kyrgyz, kazakh);
    assertThat(Sql.column(db, history + "169 ORDER BY a.slug")).as("Kyrgyzstan's history under its new id").containsAll(kyrgyzHistory);
    assertThat(Sql.column(db, history + "364 ORDER BY a.slug")).as("Kazakhstan's history under its new id").containsAll(kazakhHistory);
    // Kyrgyzstan crawled three times, Kazakhstan twice: the runs tell whose state each id holds.
    assertThat(Sql.column(db, "SELECT region || ':' || COUNT(*) FROM crawl_runs GROUP BY region ORDER BY region"))
        .as("each country's crawl runs under its own new id").containsExactly("169:3", "364:2");
    assertThat(Sql.column(db, "SELECT channel FROM outbox WHERE event = 'article.new' ORDER BY channel")).containsExactly("kg", "kz");
  }

  @Test
  void aChainWhoseCarryOverFailsOnceIsRefusedThenContinuesWithNothingCrossedOrOrphaned() throws Exception {
    MonitorConfig config = baselinesAtTheirFirstIds();
    // A chain: Kyrgyzstan takes Kazakhstan's old id, Kazakhstan a new one.
    replica.catalog().renumberRegions(Map.of(364, 169, 169, 9169));
    for (CountryConfig country : config.countries()) {
      assertThat(parts.monitor().crawl(country).succeeded()).isTrue();
    }
    Path db = dir.resolve("state/monitor.db");
    ReplicaArticle kyrgyz = replica.catalog().publishNew(List.of(169), LocalDate.now(), 0);
    ReplicaArticle kazakh = replica.catalog().publishNew(List.of(9169), LocalDate.now(), 0);

    // The carry-over fails once (a busy database, say): the countries' ids cannot change.
    Sql.execute(db, "CREATE TRIGGER busy BEFORE UPDATE OF region ON countries BEGIN SELECT RAISE(ABORT, 'database is busy'); END");
    MonitorConfig written = new ConfigLoader(name -> null).load(
        withChannels().country("Kyrgyzstan", 169, "notify: [kg]").country("Kazakhstan", 9169, "notify: [kz]").writeTo(dir));
    parts.monitor().apply(written);
    for (CountryConfig country : written.countries()) {
      CrawlReport refused = parts.monitor().crawl(country);
      assertThat(refused.succeeded()).as("refused while its state cannot continue").isFalse();
      assertThat(String.join("; ", refused.problems())).contains("region");
    }
    assertThat(Sql.column(db, "SELECT region || ':' || name FROM countries ORDER BY region")).as("nothing renamed, nothing new")
        .containsExactly("169:Kazakhstan", "364:Kyrgyzstan");

    Sql.execute(db, "DROP TRIGGER busy");
    for (CountryConfig country : written.countries()) {
      CrawlReport report = parts.monitor().crawl(country);
      assertThat(report.succeeded()).as(report.problems().toString()).isTrue();
      assertThat(report.baseline()).isFalse();
    }
    assertThat(Sql.column(db, "SELECT region || ':' || name FROM countries ORDER BY region")).containsExactly("169:Kyrgyzstan",
        "9169:Kazakhstan");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE baseline = 1")).as("no second baseline").isEqualTo(2);
    // Three crawls each (a refused one records no run): the runs tell whose state each id holds.
    assertThat(Sql.column(db, "SELECT region || ':' || COUNT(*) FROM crawl_runs GROUP BY region ORDER BY region"))
        .containsExactly("169:3", "9169:3");
    assertThat(Sql.column(db, "SELECT a.slug || ':' || c.region FROM article_countries c JOIN articles a ON a.id = c.article_id"
        + " WHERE a.slug IN ('" + kyrgyz.slug() + "', '" + kazakh.slug() + "') ORDER BY c.region"))
        .containsExactly(kyrgyz.slug() + ":169", kazakh.slug() + ":9169");
    assertThat(Sql.column(db, "SELECT channel FROM outbox WHERE event = 'article.new' ORDER BY channel")).containsExactly("kg", "kz");
  }

  @Test
  void newIdsWrittenDuringACrawlTakeEffectWhenItEndsSoItsArticleStaysItsCountrysAndIsAlertedToItsChannelsOnly()
      throws Exception {
    MonitorConfig config = baselinesAtTheirFirstIds();
    replica.catalog().renumberRegions(Map.of(364, 169, 169, 9169));
    for (CountryConfig country : config.countries()) {
      assertThat(parts.monitor().crawl(country).succeeded()).isTrue();
    }
    ReplicaArticle kazakh = replica.catalog().publishNew(List.of(9169), LocalDate.now(), 0);
    MonitorConfig written = new ConfigLoader(name -> null).load(
        withChannels().country("Kyrgyzstan", 169, "notify: [kg]").country("Kazakhstan", 9169, "notify: [kz]").writeTo(dir));
    // While Kazakhstan's crawl (under 169) fetches its new article, the user's new ids are applied (the config watcher's thread).
    Thread applying = new Thread(() -> parts.monitor().apply(written));
    replica.tweaks().onRequest("/" + kazakh.slug(), () -> {
      applying.start();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> applying.getState() == Thread.State.TERMINATED
          || applying.getState() == Thread.State.WAITING);
    });
    assertThat(parts.monitor().crawl(config.countries().get(1)).succeeded()).isTrue();
    applying.join(10_000);
    assertThat(applying.isAlive()).isFalse();
    for (CountryConfig country : written.countries()) {
      CrawlReport report = parts.monitor().crawl(country);
      assertThat(report.succeeded()).as(report.problems().toString()).isTrue();
    }

    Path db = dir.resolve("state/monitor.db");
    assertThat(Sql.column(db, "SELECT region || ':' || name FROM countries ORDER BY region")).containsExactly("169:Kyrgyzstan",
        "9169:Kazakhstan");
    assertThat(Sql.column(db, "SELECT c.region FROM article_countries c JOIN articles a ON a.id = c.article_id WHERE a.slug = '"
        + kazakh.slug() + "'")).containsExactly("9169");
    assertThat(Sql.column(db, "SELECT channel FROM outbox WHERE event = 'article.new'")).as("Kazakhstan's channel only")
        .containsExactly("kz");
  }

  /** Kyrgyzstan at 364 and Kazakhstan at 169, each with its own channel, crawled once: their baselines. */
  private MonitorConfig baselinesAtTheirFirstIds() throws Exception {
    MonitorConfig config = new ConfigLoader(name -> null).load(withChannels()
        .country("Kyrgyzstan", 364, "notify: [kg]").country("Kazakhstan", 169, "notify: [kz]").writeTo(dir));
    parts = Components.of(config);
    for (CountryConfig country : config.countries()) {
      assertThat(parts.monitor().crawl(country).succeeded()).isTrue();
    }
    return config;
  }

  /** The user writes both swapped ids: the monitor applies them and crawls each country, none of them a baseline. */
  private void writeTheSwappedIdsAndCrawl() throws Exception {
    MonitorConfig written = new ConfigLoader(name -> null).load(
        withChannels().country("Kyrgyzstan", 169, "notify: [kg]").country("Kazakhstan", 364, "notify: [kz]").writeTo(dir));
    parts.monitor().apply(written);
    for (CountryConfig country : written.countries()) {
      CrawlReport report = parts.monitor().crawl(country);
      assertThat(report.succeeded()).as(report.problems().toString()).isTrue();
      assertThat(report.baseline()).isFalse();
    }
  }

  private static void assertEachStateUnderItsNewIdWithoutASecondBaseline(Path db) {
    assertThat(Sql.column(db, "SELECT region || ':' || name FROM countries ORDER BY region")).containsExactly("169:Kyrgyzstan",
        "364:Kazakhstan");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE baseline = 1")).as("no second baseline").isEqualTo(2);
  }

  /** Kyrgyzstan's new article linked under its new id 169, Kazakhstan's under 364, each to its own country only. */
  private static void assertLinkedUnderTheirOwnCountry(Path db, ReplicaArticle kyrgyz, ReplicaArticle kazakh) {
    assertThat(Sql.column(db, "SELECT a.slug || ':' || c.region FROM article_countries c JOIN articles a ON a.id = c.article_id"
        + " WHERE a.slug IN ('" + kyrgyz.slug() + "', '" + kazakh.slug() + "') ORDER BY c.region"))
        .containsExactly(kyrgyz.slug() + ":169", kazakh.slug() + ":364");
  }
}
