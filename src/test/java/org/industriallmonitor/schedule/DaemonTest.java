package org.industriallmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
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

/** The daemon with a real Quartz scheduler, short intervals and the replica site. */
class DaemonTest {
  private static final Duration WATCH = Duration.ofMillis(100);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Components parts;
  private Daemon daemon;
  private Path configFile;
  private Path db;

  @BeforeEach
  void start() throws Exception {
    configFile = TestConfig.site(replica.baseUrl())
        .topLevel("schedule:\n  every: 300ms\n  jitter: 0ms")
        .country("Kyrgyzstan", 364).country("Kazakhstan", 169)
        .writeTo(dir);
    db = dir.resolve("state/monitor.db");
    MonitorConfig config = new ConfigLoader(System::getenv).load(configFile);
    parts = Components.of(config);
    daemon = parts.daemon(2, new ConfigLoader(System::getenv), c -> c);
    daemon.start(config, WATCH);
  }

  @AfterEach
  void stop() throws Exception {
    daemon.close();
    parts.close();
  }

  @Test
  void crawlsEachCountryRepeatedly() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(finishedRuns(364)).isGreaterThanOrEqualTo(3);
      assertThat(finishedRuns(169)).isGreaterThanOrEqualTo(3);
    });
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE error IS NOT NULL")).isZero();
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(81);
  }

  @Test
  void aCountryAppendedToTheFileIsCrawledWithoutRestart() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(364) >= 1);

    Files.writeString(configFile, Files.readString(configFile).replace("storage:", "  - name: Uzbekistan\n    region: 366\nstorage:"));

    await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(366) >= 1);
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM article_countries WHERE region = 366")).isEqualTo(23);
    assertThat(daemon.lastConfigProblem()).isNull();
  }

  @Test
  void aRemovedCountryIsNoLongerScheduled() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(169) >= 1);

    Files.writeString(configFile, Files.readString(configFile).replace("  - name: Kazakhstan\n    region: 169\n", ""));

    await().atMost(Duration.ofSeconds(20)).until(() -> !daemon.scheduler().nextRuns().containsKey(169));
    long kazakhstanRuns = Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE region = 169");
    long kyrgyzstanRuns = finishedRuns(364);
    await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(364) >= kyrgyzstanRuns + 3);
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE region = 169")).isEqualTo(kazakhstanRuns);
    assertThat(Sql.column(db, "SELECT region FROM schedule")).containsExactly("364");
  }

  @Test
  void anInvalidEditIsRejectedAndTheLastGoodConfigKeepsRunning() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(364) >= 1);
    String good = Files.readString(configFile);

    Files.writeString(configFile, good.replace("region: 169", "region: Kazakhstan"));

    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.lastConfigProblem() != null);
    assertThat(daemon.lastConfigProblem()).contains(configFile + ":").contains("countries[1].region: expected a whole number");
    long before = finishedRuns(169);
    await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(169) >= before + 2);
    assertThat(daemon.scheduler().nextRuns()).containsOnlyKeys(364, 169);
  }

  @Test
  void aChangedScheduleTakesEffect() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(169) >= 1);

    Files.writeString(configFile, Files.readString(configFile)
        .replace("  - name: Kazakhstan\n    region: 169\n", "  - name: Kazakhstan\n    region: 169\n    schedule: {every: 1d}\n"));

    await().atMost(Duration.ofSeconds(10)).until(() -> "every 1d".equals(
        Sql.column(db, "SELECT describe FROM schedule WHERE region = 169").stream().findFirst().orElse("")));
    assertThat(daemon.scheduler().nextRuns().get(169)).isAfter(java.time.Instant.now().plus(Duration.ofHours(23)));
  }

  @Test
  void theDaemonDeliversAlertsForArticlesPublishedWhileItRuns() throws Exception {
    WireMockServer receiver = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    try {
      receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
      await().atMost(Duration.ofSeconds(20)).until(() -> finishedRuns(364) >= 1 && finishedRuns(169) >= 1);
      Files.writeString(configFile, Files.readString(configFile) + "notifications:\n  channels:\n"
          + "    - {id: hook, type: webhook, url: \"" + receiver.baseUrl() + "/hook\"}\n");
      await().atMost(Duration.ofSeconds(10)).until(() -> parts.monitor().config().notifications().channels().size() == 1);

      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 5);

      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() == 1);
      assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0).getBodyAsString()).contains(fresh.slug());
    } finally {
      receiver.stop();
    }
  }

  private long finishedRuns(int region) {
    return Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE finished_at IS NOT NULL AND region = " + region);
  }
}
