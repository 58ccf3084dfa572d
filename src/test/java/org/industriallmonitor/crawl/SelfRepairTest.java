package org.industriallmonitor.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.schedule.Daemon;
import org.industriallmonitor.replica.ReplicaTheme;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The site changes its markup between two crawls: the next crawl calibrates against the archive,
 * switches to selectors that reproduce it byte for byte, crawls again in the same cycle, loses
 * and doubles nothing, and alerts once with layout_repaired.
 */
class SelfRepairTest {
  @RegisterExtension
  static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @BeforeEach
  void receiver() {
    hook.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
  }

  private Path config(String siteLines) {
    return TestConfig.site(replica.baseUrl()).siteLines(siteLines).country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n    - {id: hook, type: webhook, url: \"" + hook.baseUrl() + "/hook\"}\n")
        .writeTo(dir);
  }

  @ParameterizedTest
  @EnumSource(value = ReplicaTheme.class, names = {"WORDPRESS", "BARE"})
  void aNewMarkupIsRepairedInTheSameCycleAndTheArticlePublishedMeanwhileIsArchivedOnceExactly(ReplicaTheme theme) throws Exception {
    Path config = config("");
    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
    replica.server().theme(theme);
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 5);

    CliRun repaired = CliRun.of("once", "--config", config.toString());
    CliRun after = CliRun.of("once", "--config", config.toString());

    assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
    assertThat(repaired.out()).contains("new 1, archived 1, errors 0").contains("note: layout repaired: [");
    Path text = dir.resolve("state/archive/articles/2026/2026-11-30-" + fresh.slug() + ".txt");
    assertThat(Files.readString(text)).isEqualTo("Jump to main content\nIndustriALL logotype\n\n" + fresh.title()
        + "\n\n30 November, 2026" + fresh.lede() + "\n\n" + String.join("\n\n", fresh.paragraphs()));
    assertThat(Sql.count(dir.resolve("state/monitor.db"), "SELECT COUNT(*) FROM articles")).isEqualTo(28);
    assertThat(after.out()).contains("new 0, archived 0, errors 0").doesNotContain("layout");

    List<JsonNode> alerts = new ArrayList<>();
    for (var request : hook.findAll(postRequestedFor(urlEqualTo("/hook")))) {
      alerts.add(new ObjectMapper().readTree(request.getBody()));
    }
    assertThat(alerts).extracting(a -> a.get("event").asText() + " " + a.path("kind").asText(""))
        .containsExactlyInAnyOrder("article.new ", "monitor.alert layout_repaired");
    JsonNode repair = alerts.stream().filter(a -> a.get("event").asText().equals("monitor.alert")).findFirst().orElseThrow();
    assertThat(repair.get("changes")).anySatisfy(c -> {
      assertThat(c.get("selector").asText()).isEqualTo("article_body");
      assertThat(c.get("before").asText()).isEqualTo(".article-body");
    });
  }

  @Test
  void aCountryFollowedToANewIdIsRepairedAgainstItsListingThere() throws Exception {
    Path config = config("");
    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
    replica.catalog().renumberRegions(java.util.Map.of(364, 9364, 169, 9169));
    CliRun followed = CliRun.of("once", "--config", config.toString());
    assertThat(followed.exitCode()).as(followed.toString()).isZero();
    replica.server().theme(ReplicaTheme.WORDPRESS);
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(9364), LocalDate.of(2026, 11, 30), 5);

    CliRun repaired = CliRun.of("once", "--config", config.toString());

    assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
    assertThat(repaired.out()).contains("new 1, archived 1, errors 0").contains("note: layout repaired: [");
    assertThat(Sql.column(dir.resolve("state/monitor.db"), "SELECT slug FROM articles WHERE baseline = 0")).containsExactly(fresh.slug());
  }

  @Test
  void withSelfRepairOffTheAlertCarriesTheProposalAndNothingChanges() throws Exception {
    Path config = config("  self_repair: false\n");
    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
    replica.server().theme(ReplicaTheme.WORDPRESS);
    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 5);

    CliRun broken = CliRun.of("once", "--config", config.toString());

    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(Sql.count(dir.resolve("state/monitor.db"), "SELECT COUNT(*) FROM articles")).isEqualTo(27);
    assertThat(Sql.count(dir.resolve("state/monitor.db"), "SELECT COUNT(*) FROM learned_selectors")).isZero();
    JsonNode alert = new ObjectMapper().readTree(hook.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0).getBody());
    assertThat(alert.get("kind").asText()).isEqualTo("layout");
    assertThat(alert.get("problem").asText()).contains("calibration proposes [").contains("article_body: \".article-body\" -> \"div.entry-content\"")
        .contains("site.self_repair is false");
  }

  @Test
  void aRunningDaemonRepairsItselfWhenTheThemeChangesBetweenTwoCrawls() throws Exception {
    Path file = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364)
        .topLevel("schedule: {every: 300ms, jitter: 0ms}\nnotifications:\n  channels:\n"
            + "    - {id: hook, type: webhook, url: \"" + hook.baseUrl() + "/hook\"}\n")
        .writeTo(dir);
    Path db = dir.resolve("state/monitor.db");
    MonitorConfig config = new ConfigLoader(System::getenv).load(file);
    try (Components parts = Components.of(config)) {
      Daemon daemon = parts.daemon(2, new ConfigLoader(System::getenv), c -> c);
      daemon.start(config, Duration.ofMillis(100));
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(db)
            && Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE finished_at IS NOT NULL AND error IS NULL") >= 1);
        replica.server().theme(ReplicaTheme.BARE);
        ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 3);

        await().atMost(Duration.ofSeconds(30)).until(() -> hook.findAll(postRequestedFor(urlEqualTo("/hook"))).size() >= 2);
        long runsAfterRepair = Sql.count(db, "SELECT COUNT(*) FROM crawl_runs");
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(db, "SELECT COUNT(*) FROM crawl_runs") >= runsAfterRepair + 3);

        assertThat(Sql.column(db, "SELECT slug FROM articles WHERE baseline = 0")).containsExactly(fresh.slug());
        assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(28);
        assertThat(hook.findAll(postRequestedFor(urlEqualTo("/hook")))).extracting(r -> r.getHeader("X-Monitor-Event")
            + " " + new ObjectMapper().readTree(r.getBody()).path("kind").asText("")).containsExactlyInAnyOrder(
            "article.new ", "monitor.alert layout_repaired");
      } finally {
        daemon.close();
      }
    }
  }
}
