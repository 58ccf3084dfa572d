package org.industriallmonitor.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.store.Timestamps;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The user writes the new ids of countries whose moves chain (one country's new id is another's old
 * one) or swap: each country's state continues under its own new id, none is orphaned or taken by
 * the other, no second baseline.
 */
class RegionMoveContinuationTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
  private static final String T = "'" + Timestamps.format(NOW) + "'";

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;
  private final List<String> alerted = new ArrayList<>();
  private StorageConfig storage;
  private Store store;
  private SiteRegions regions;

  private void open(Databases database) {
    storage = stores.storage(database, dir);
    store = stores.open(storage, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    regions = new SiteRegions(new SiteCountries(), store, (country, siteRegion, siteName, at) -> {
      alerted.add(country.name() + " " + country.region() + "->" + siteRegion);
      return List.<OutboxEntry>of();
    }, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A crawled country: baseline complete, one article, its first page's state and one crawl run. */
  private void crawled(int region, String name, String slug) {
    store.countries().ensure(region, name, NOW);
    store.countries().markBaselineComplete(region, NOW);
    Sql.execute(storage,
        "INSERT INTO articles(slug, url, title, published, countries, archive_path, sidecar_path, sha256, baseline, fetched_at,"
            + " detected_at) VALUES ('" + slug + "', 'u', 't', '2026-12-01', '" + name + "', 'p', 's', 'h', 1, " + T + ", " + T + ")",
        "INSERT INTO article_countries(article_id, region, first_seen_at) SELECT id, " + region + ", " + T
            + " FROM articles WHERE slug = '" + slug + "'",
        "INSERT INTO listing_pages(region, language, from_offset, url, body_hash, text_hash, item_count, fetched_at)"
            + " VALUES (" + region + ", 'en', 0, 'u-" + slug + "', 'b', 't', 10, " + T + ")",
        "INSERT INTO crawl_runs(region, started_at, finished_at, baseline) VALUES (" + region + ", " + T + ", " + T + ", 1)");
  }

  private List<String> column(String sql) {
    return Sql.column(storage, sql);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aChainOfMovesContinuesEachCountrysStateUnderItsOwnNewId(Databases database) {
    open(database);
    CountryConfig argentina = new CountryConfig("Argentina", 169);
    CountryConfig brazil = new CountryConfig("Brazil", 170);
    crawled(169, "Argentina", "ar-1");
    crawled(170, "Brazil", "br-1");
    regions.read("en", Map.of(170, "Argentina", 171, "Brazil"));
    assertThat(regions.resolve(argentina).siteRegion()).isEqualTo(170);
    assertThat(regions.resolve(brazil).siteRegion()).isEqualTo(171);

    CountryConfig argentinaNow = new CountryConfig("Argentina", 170);
    CountryConfig brazilNow = new CountryConfig("Brazil", 171);
    List<CountryConfig> configured = List.of(argentinaNow, brazilNow);
    // As the crawls of the new configuration do, Argentina first.
    regions.continueState(argentinaNow, configured);
    assertThat(regions.resolve(argentinaNow).siteRegion()).isEqualTo(170);
    regions.continueState(brazilNow, configured);
    assertThat(regions.resolve(brazilNow).siteRegion()).isEqualTo(171);

    assertThat(column("SELECT region || ':' || name FROM countries ORDER BY region")).containsExactly("170:Argentina", "171:Brazil");
    assertThat(column("SELECT a.slug || ':' || c.region FROM article_countries c JOIN articles a ON a.id = c.article_id ORDER BY a.slug"))
        .containsExactly("ar-1:170", "br-1:171");
    assertThat(column("SELECT url || ':' || region FROM listing_pages ORDER BY url")).containsExactly("u-ar-1:170", "u-br-1:171");
    assertThat(column("SELECT region FROM crawl_runs ORDER BY region")).containsExactly("170", "171");
    assertThat(column("SELECT COUNT(*) FROM countries WHERE baseline_completed_at IS NULL")).as("no second baseline").containsExactly("0");
    assertThat(store.regionMoves().all()).isEmpty();
    assertThat(alerted).containsExactly("Argentina 169->170", "Brazil 170->171");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aSwapOfTwoIdsContinuesEachCountrysStateUnderTheOthersOldId(Databases database) {
    open(database);
    CountryConfig kyrgyzstan = new CountryConfig("Kyrgyzstan", 364);
    CountryConfig kazakhstan = new CountryConfig("Kazakhstan", 169);
    crawled(364, "Kyrgyzstan", "kg-1");
    crawled(169, "Kazakhstan", "kz-1");
    regions.read("en", Map.of(364, "Kazakhstan", 169, "Kyrgyzstan"));
    assertThat(regions.resolve(kyrgyzstan).siteRegion()).isEqualTo(169);
    assertThat(regions.resolve(kazakhstan).siteRegion()).isEqualTo(364);

    CountryConfig kyrgyzstanNow = new CountryConfig("Kyrgyzstan", 169);
    CountryConfig kazakhstanNow = new CountryConfig("Kazakhstan", 364);
    List<CountryConfig> configured = List.of(kyrgyzstanNow, kazakhstanNow);
    regions.continueState(kyrgyzstanNow, configured);
    regions.continueState(kazakhstanNow, configured);

    assertThat(column("SELECT region || ':' || name FROM countries ORDER BY region")).containsExactly("169:Kyrgyzstan", "364:Kazakhstan");
    assertThat(column("SELECT a.slug || ':' || c.region FROM article_countries c JOIN articles a ON a.id = c.article_id ORDER BY a.slug"))
        .containsExactly("kg-1:169", "kz-1:364");
    assertThat(column("SELECT url || ':' || region FROM listing_pages ORDER BY url")).containsExactly("u-kg-1:169", "u-kz-1:364");
    assertThat(column("SELECT COUNT(*) FROM crawl_runs WHERE region < 0")).containsExactly("0");
    assertThat(store.regionMoves().all()).isEmpty();
    assertThat(regions.resolve(kyrgyzstanNow).siteRegion()).isEqualTo(169);
    assertThat(regions.resolve(kazakhstanNow).siteRegion()).isEqualTo(364);
    assertThat(alerted).hasSize(2);
  }
}
