package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.PostgresExtension;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cycle with the state in a real PostgreSQL: the early warning's baseline and polls,
 * walks, alerts delivered, corrections and withdrawals re-checked, search, and {@code status}
 * naming the nodes and which one ran each country.
 */
class PostgresStateTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();

  @Test
  void onceCrawlsAlertsRechecksAndReportsOnPostgresql() throws Exception {
    PostgresTarget db = postgres.newDatabase();
    try (WebhookReceiver receiver = WebhookReceiver.start("s", r -> {})) {
      Path config = TestConfig.site(replica.baseUrl()).site("recheck_every", "1ms").country("Kyrgyzstan", 364)
          .database("postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database())
          .topLevel("cluster: {node_id: desk}\nnotifications:\n  retry_backoff: 100ms\n  channels:\n"
              + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "\", secret: s}\n")
          .writeTo(dir);
      CliRun baseline = CliRun.of("once", "--config", config.toString());
      assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
      assertThat(Sql.count(db, "SELECT count(*) FROM early_warning WHERE baseline_at IS NOT NULL")).isEqualTo(1);

      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
      ReplicaArticle doomed = replica.catalog().publishNew(List.of(364), LocalDate.now(), 1);
      CliRun found = CliRun.of("once", "--config", config.toString());
      assertThat(found.exitCode()).as(found.toString()).isZero();
      assertThat(receiver.received()).extracting(WebhookReceiver.Received::event).containsOnly("article.new").hasSize(2);

      replica.catalog().edit(fresh.slug(), List.of("A corrected paragraph about the dockers."));
      replica.catalog().withdraw(doomed.slug());
      CliRun rechecked = CliRun.of("once", "--config", config.toString());
      assertThat(rechecked.exitCode()).as(rechecked.toString()).isZero();
      assertThat(receiver.received()).extracting(WebhookReceiver.Received::event)
          .containsExactlyInAnyOrder("article.new", "article.new", "article.updated", "article.removed");
      assertThat(Sql.count(db, "SELECT count(*) FROM article_versions")).isEqualTo(1);
      assertThat(CliRun.of("search", "dockers", "--config", config.toString()).out()).contains(fresh.slug());

      CliRun status = CliRun.of("status", "--config", config.toString());
      assertThat(status.out()).contains("Nodes sharing this database: 0 alive").contains("desk").contains("stopped")
          .contains("node: desk");
      JsonNode json = new ObjectMapper().readTree(CliRun.of("status", "--json", "--config", config.toString()).out());
      assertThat(json.get("nodes")).hasSize(1);
      assertThat(json.get("nodes").get(0).get("id").asText()).isEqualTo("desk");
      assertThat(json.get("nodes").get(0).get("alive").asBoolean()).isFalse();
      JsonNode kyrgyzstan = json.get("countries").get(0);
      assertThat(kyrgyzstan.get("node").asText()).isEqualTo("desk");
      assertThat(kyrgyzstan.get("running").asBoolean()).isFalse();
      assertThat(kyrgyzstan.get("removed").asInt()).isEqualTo(1);
    }
  }
}
