package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.crawl.PollReport;
import org.industriallmonitor.replica.ReplicaArticle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's small things: buttons on one line, code in status texts, the early warning's last article. */
class DashboardTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private ConsoleFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = ConsoleFixture.start(TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void statusTextsShowTheirCommandsAsCodeNeverAsBackticks() throws Exception {
    Document page = Jsoup.parse(fixture.get("/").body());

    assertThat(page.select("p.selectors code").eachText()).containsExactly("calibrate");
    assertThat(page.select("main").text()).doesNotContain("`");
  }

  @Test
  void theEarlyWarningsLastNewArticleIsItsTitleLinkedToItsPage() throws Exception {
    fixture.crawlAll();
    fixture.parts.monitor().pollEarlyWarning(false).orElseThrow();
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 12, 1), 0);
    PollReport poll = fixture.parts.monitor().pollEarlyWarning(false).orElseThrow();
    assertThat(poll.archived()).as("the poll found the new article").isEqualTo(1);

    Document page = Jsoup.parse(fixture.get("/").body());

    Element link = page.selectFirst("p.early-warning a.last-new");
    assertThat(link).isNotNull();
    assertThat(link.text()).isEqualTo(fresh.title());
    assertThat(link.attr("href")).isEqualTo("/articles/" + fresh.slug());
    assertThat(link.parent().text()).startsWith("last new article: ").doesNotContain(" " + fresh.slug());
    assertThat(fixture.get(link.attr("href")).statusCode()).isEqualTo(200);
  }

  @Test
  void aCrawlErrorShowsItsCommandsAsCodeAndItsMarkupAsText() throws Exception {
    fixture.crawlAll();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/monitor.db"));
        PreparedStatement update = db.prepareStatement("UPDATE crawl_runs SET error = ? WHERE id = (SELECT MAX(id) FROM crawl_runs)")) {
      update.setString(1, "layout changed: run `calibrate` to apply <b>it</b>");
      assertThat(update.executeUpdate()).isEqualTo(1);
    }

    Element outcome = Jsoup.parse(fixture.get("/").body()).selectFirst("#countries td.outcome");
    Element country = Jsoup.parse(fixture.get("/countries/364").body()).selectFirst("dl.country");

    for (Element shown : List.of(outcome, country)) {
      assertThat(shown.select("code").eachText()).containsExactly("calibrate");
      assertThat(shown.text()).contains("failed: layout changed: run calibrate to apply <b>it</b>").doesNotContain("`");
      assertThat(shown.select("b")).isEmpty();
    }
  }

  @Test
  void codeIsMadeAfterEscapingAndAnUnpairedBacktickStays() {
    assertThat(DisplayText.withCode("run `reindex` then `once <all>`")).isEqualTo("run <code>reindex</code> then <code>once &lt;all&gt;</code>");
    assertThat(DisplayText.withCode("`<b>` & one ` left")).isEqualTo("<code>&lt;b&gt;</code> &amp; one &#x60; left");
    assertThat(DisplayText.withCode("no code\u0007")).isEqualTo("no code\uFFFD");
    assertThat(DisplayText.withCode(null)).isEmpty();
  }

  @Test
  void buttonsNeverBreakTheirLabelThoughTableCellsBreakLongWords() throws Exception {
    String css = fixture.get("/static/console.css").body();

    // A rule on the button itself wins over what it inherits from its cell.
    assertThat(css).contains("button { white-space: nowrap; overflow-wrap: normal; }");
  }
}
