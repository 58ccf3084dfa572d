package org.industriallmonitor.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code once} prunes at its end; what it prunes never makes an alert go out twice; {@code status} shows what is kept. */
class HistoryRetentionTest {
  @RegisterExtension
  static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void prunedDeliveriesAndRunsNeverSendAnAlertTwice() throws Exception {
    hook.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    // A retention of a millisecond: each once's pruning deletes every delivery it delivered, and every run but the newest.
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_every", "1ms").country("Kyrgyzstan", 364)
        .storage("retention", "1ms")
        .topLevel("notifications:\n  channels:\n    - {id: hook, type: webhook, url: \"" + hook.baseUrl() + "/hook\"}\n")
        .writeTo(dir);
    Path db = dir.resolve("state/monitor.db");
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
    ReplicaArticle news = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
    assertThat(CliRun.of("once", "--config", config.toString()).out()).contains("deliveries: 1 delivered");
    replica.catalog().edit(news.slug(), List.of(news.paragraphs().get(0), "A correction: the agreement covers 4,000 workers."));
    assertThat(CliRun.of("once", "--config", config.toString()).out()).contains("1 updated").contains("deliveries: 1 delivered");

    // The walks find the article known, the re-checks find its text unchanged: nothing is queued again.
    for (int i = 0; i < 2; i++) {
      CliRun again = CliRun.of("once", "--config", config.toString());
      assertThat(again.exitCode()).as(again.toString()).isZero();
    }

    hook.verify(2, postRequestedFor(urlEqualTo("/hook")));
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM outbox")).as("the delivered rows are pruned").isZero();
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs")).as("the newest run is kept").isEqualTo(1);
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(29);
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM article_versions")).isEqualTo(1);
    assertThat(fresh.slug()).isNotEqualTo(news.slug());

    CliRun status = CliRun.of("status", "--config", config.toString());
    assertThat(status.out()).containsPattern("Database: \\d+\\.\\d (KB|MB); history kept since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ"
        + " \\(crawl runs\\), - \\(deliveries\\); pruned after 1ms \\(storage.retention\\)\\.");
    JsonNode json = new ObjectMapper().readTree(CliRun.of("status", "--json", "--config", config.toString()).out()).get("database");
    assertThat(json.get("size_bytes").asLong()).isPositive();
    assertThat(json.get("oldest_crawl_run").asText()).isNotBlank();
    assertThat(json.get("oldest_delivery").isNull()).isTrue();
    assertThat(json.get("retention").asText()).isEqualTo("1ms");
  }

  @Test
  void onceSwitchesAStateMadeBeforeIncrementalVacuumAtItsStartAndStatusNever() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364).writeTo(dir);
    Path db = dir.resolve("state/monitor.db");
    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement q = c.createStatement()) {
      q.execute("PRAGMA auto_vacuum = NONE");
      q.execute("VACUUM");
    }
    assertThat(Sql.count(db, "PRAGMA auto_vacuum")).isZero();

    assertThat(CliRun.of("status", "--config", config.toString()).exitCode()).isZero();
    assertThat(Sql.count(db, "PRAGMA auto_vacuum")).as("after status").isZero();

    CliRun once = CliRun.of("once", "--config", config.toString());
    assertThat(once.exitCode()).as(once.toString()).isZero();
    assertThat(Sql.count(db, "PRAGMA auto_vacuum")).as("after once").isEqualTo(2);
  }
}
