package org.industriallmonitor.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.app.ArchiveReferences;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One crawl after the site renumbered its countries: walked at the new id in each language, counted once, state kept. */
class RegionMoveCrawlTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Components parts;
  private CountryConfig kyrgyzstan;
  private Path db;

  @BeforeEach
  void baseline() throws Exception {
    replica.catalog().publishTranslation(null, new ReplicaArticle("es/noticia-1", "Noticia 1", LocalDate.of(2022, 1, 1),
        "Una noticia.", List.of("Texto."), List.of(364), List.of(1201)), 0);
    Path file = TestConfig.site(replica.baseUrl()).walksOnly().topLevel("languages: [en, es]").country("Kyrgyzstan", 364).writeTo(dir);
    MonitorConfig config = new ConfigLoader(System::getenv).load(file);
    parts = Components.of(config);
    kyrgyzstan = config.countries().get(0);
    db = dir.resolve("state/monitor.db");
  }

  @AfterEach
  void close() {
    parts.close();
  }

  @Test
  void aWalkThatFindsTheCountryMovedStartsAgainThereAndCountsOnlyThatWalk() throws Exception {
    CrawlReport first = parts.monitor().crawl(kyrgyzstan);
    assertThat(first.succeeded()).as(first.problems().toString()).isTrue();
    long pageStates = Sql.count(db, "SELECT COUNT(*) FROM listing_pages WHERE region = 364");
    replica.catalog().renumberRegions(Map.of(364, 9364, 169, 9169, 366, 9366));
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(9364), LocalDate.now(), 0);

    CrawlReport moved = parts.monitor().crawl(kyrgyzstan);

    assertThat(moved.succeeded()).as(moved.problems().toString()).isTrue();
    assertThat(moved.baseline()).isFalse();
    assertThat(moved.notes()).containsExactly("the site lists Kyrgyzstan as region 9364 now, not 364; followed there, its state kept"
        + " under 364; write `- { name: Kyrgyzstan, region: 9364 }` into the configuration");
    assertThat(moved.pages()).as("the walks at the old id are not counted").isEqualTo(first.pages());
    assertThat(moved.seen()).isEqualTo(first.seen() + 1);
    assertThat(moved.archived()).isEqualTo(1);
    assertThat(Sql.column(db, "SELECT region FROM article_countries WHERE article_id = (SELECT id FROM articles WHERE slug = '"
        + fresh.slug() + "')")).containsExactly("364");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM listing_pages WHERE region = 364")).isEqualTo(pageStates);
    assertThat(Sql.column(db, "SELECT url FROM listing_pages WHERE region = 364")).allMatch(url -> url.contains("regions=9364"));
    assertThat(Sql.column(db, "SELECT region || ':' || site_region FROM region_moves")).containsExactly("364:9364");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM countries")).isEqualTo(1);

    List<String> recorded = Sql.column(db, "SELECT detected_at FROM region_moves");
    CrawlReport again = parts.monitor().crawl(kyrgyzstan);
    assertThat(again.succeeded()).isTrue();
    assertThat(again.newArticles()).isZero();
    assertThat(again.pages()).isEqualTo(first.pages());
    assertThat(Sql.column(db, "SELECT detected_at FROM region_moves")).as("recorded once").isEqualTo(recorded);
  }

  @Test
  void theListReadAtStartSendsTheWalksStraightToTheNewId() throws Exception {
    parts.monitor().crawl(kyrgyzstan);
    replica.catalog().renumberRegions(Map.of(364, 9364));
    String oldFirstPage = "/search?regions=364&language=en&sort=relevance&from=0";
    int oldFirstPageBefore = replica.tweaks().requestsFor(oldFirstPage);
    assertThat(oldFirstPageBefore).as("the address as the walks ask for it").isEqualTo(1);
    int before = replica.tweaks().requestCount();

    parts.monitor().readSiteCountries(true);
    CrawlReport moved = parts.monitor().crawl(kyrgyzstan);

    assertThat(moved.succeeded()).as(moved.problems().toString()).isTrue();
    assertThat(replica.tweaks().requestsFor(oldFirstPage)).isEqualTo(oldFirstPageBefore);
    assertThat(replica.tweaks().requestCount() - before).as("two country lists, then the walks").isGreaterThan(2);
  }

  @Test
  void aListingGoneWithItsOldIdSendsTheWalkToTheCountrysNewId() throws Exception {
    CrawlReport first = parts.monitor().crawl(kyrgyzstan);
    replica.catalog().renumberRegions(Map.of(364, 9364));
    replica.tweaks().goneListing(364);

    CrawlReport moved = parts.monitor().crawl(kyrgyzstan);

    assertThat(moved.succeeded()).as(moved.problems().toString()).isTrue();
    assertThat(moved.pages()).isEqualTo(first.pages());
    assertThat(Sql.column(db, "SELECT region || ':' || site_region FROM region_moves")).containsExactly("364:9364");
    assertThat(replica.tweaks().requestsFor("/search?language=en&sort=relevance")).as("the English country list, once").isEqualTo(1);
  }

  @Test
  void anIdGivenToAnotherCountryIsNotWalkedAsThisCountrys() throws Exception {
    parts.monitor().crawl(kyrgyzstan);
    replica.catalog().renumberRegions(Map.of(364, 1364));
    replica.catalog().renumberRegions(Map.of(169, 364));

    CrawlReport moved = parts.monitor().crawl(kyrgyzstan);

    assertThat(moved.succeeded()).as(moved.problems().toString()).isTrue();
    assertThat(moved.newArticles()).as("Kazakhstan's articles, now at 364, are not Kyrgyzstan's").isZero();
    assertThat(Sql.column(db, "SELECT region || ':' || site_region FROM region_moves")).containsExactly("364:1364");
  }

  @Test
  void afterTheUserWritesTheNewIdTheNextWalkArchivesAListingSnapshotUnderIt() throws Exception {
    parts.monitor().crawl(kyrgyzstan);
    replica.catalog().renumberRegions(Map.of(364, 9364));
    assertThat(parts.monitor().crawl(kyrgyzstan).succeeded()).isTrue();
    assertThat(ArchiveReferences.firstListingPage(parts.archive(), 364, 9364).listings()).isNotEmpty();

    Path written = TestConfig.site(replica.baseUrl()).walksOnly().topLevel("languages: [en, es]").country("Kyrgyzstan", 9364)
        .writeTo(dir);
    MonitorConfig next = new ConfigLoader(System::getenv).load(written);
    parts.monitor().apply(next);
    CrawlReport continued = parts.monitor().crawl(next.countries().get(0));

    assertThat(continued.succeeded()).as(continued.problems().toString()).isTrue();
    assertThat(continued.baseline()).isFalse();
    assertThat(ArchiveReferences.firstListingPage(parts.archive(), 9364).listings())
        .as("self-repair and calibrate find a listing reference under the id written").isNotEmpty();
  }
}
