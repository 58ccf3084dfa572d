package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard and a country's page show the moves the monitor recorded, the site's words as text. */
class MovesConsoleTest {
  private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");
  private static final String HOSTILE = "<script>alert('x')</script>Kyrgyz\u001bstan";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private ConsoleFixture fixture;
  private Path configFile;

  @BeforeEach
  void start() throws Exception {
    configFile = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
    fixture = ConsoleFixture.start(configFile);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void withoutMovesNothingIsSaid() throws Exception {
    Document page = Jsoup.parse(fixture.get("/").body());

    assertThat(page.select(".notice")).isEmpty();
    assertThat(page.select("#countries .moved")).isEmpty();
    assertThat(page.select("#countries td.name a").eachAttr("href")).containsExactly("/countries/364", "/countries/169");
  }

  @Test
  void theDashboardShowsAMovedCountryAndAMovedSiteEscaped() throws Exception {
    String base = fixture.config.site().base();
    fixture.parts.store().regionMoves().record(new RegionMove(364, "Kyrgyzstan", 9364, HOSTILE, AT), List::of);
    fixture.parts.store().siteMoves().record(base, "http://127.0.0.2:1/\"><b>x</b>", 301, AT, List::of);
    fixture.parts.store().siteMoves().record("http://not-the-configured.example", "http://elsewhere.example", 301, AT, List::of);

    String html = fixture.get("/").body();
    Document page = Jsoup.parse(html);

    assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>x</b>").contains("&lt;script&gt;");
    assertThat(page.select("p.region-moved")).hasSize(1);
    assertThat(page.selectFirst("p.region-moved").text()).isEqualTo("Kyrgyzstan (region 364) moved: the site lists it as region 9364"
        + " (\u201c<script>alert('x')</script>Kyrgyz\uFFFDstan\u201d) since 2026-12-07 09:00:00Z; the monitor follows it and keeps its"
        + " state. Write - { name: Kyrgyzstan, region: 9364 } in " + configFile.toAbsolutePath() + ".");
    assertThat(page.selectFirst("p.region-moved code").text()).isEqualTo("- { name: Kyrgyzstan, region: 9364 }");
    assertThat(page.select("p.site-moved")).hasSize(1);
    assertThat(page.selectFirst("p.site-moved").text()).startsWith("The site moved: " + base + " moved permanently (301) to"
        + " http://127.0.0.2:1/\"><b>x</b> since 2026-12-07 09:00:00Z");
    assertThat(page.selectFirst("p.site-moved code").text()).isEqualTo("base_url: http://127.0.0.2:1/\"><b>x</b>");
    assertThat(page.select("#countries tbody tr").get(0).select("td").get(1).text()).isEqualTo("364 (the site: 9364)");
    assertThat(page.select("#countries tbody tr").get(1).select(".moved")).isEmpty();
  }

  @Test
  void aCountrysPageShowsItsMoveAndItsArticles() throws Exception {
    fixture.crawlAll();
    fixture.parts.store().regionMoves().record(new RegionMove(364, "Kyrgyzstan", 9364, "Kyrgyzstan", AT), List::of);

    var moved = fixture.get("/countries/364");
    Document kazakhstan = Jsoup.parse(fixture.get("/countries/169").body());

    assertThat(moved.statusCode()).isEqualTo(200);
    Document kyrgyzstan = Jsoup.parse(moved.body());
    assertThat(kyrgyzstan.selectFirst("h1").text()).isEqualTo("Kyrgyzstan");
    assertThat(kyrgyzstan.selectFirst("p.region-moved code").text()).isEqualTo("- { name: Kyrgyzstan, region: 9364 }");
    assertThat(kyrgyzstan.select("#newest li a")).hasSize(20);
    assertThat(kazakhstan.select("p.region-moved")).isEmpty();
    assertThat(kazakhstan.select("dl.country").text()).contains("Region 169");
    assertThat(fixture.get("/countries/12345").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/countries/x").statusCode()).isEqualTo(404);
  }
}
