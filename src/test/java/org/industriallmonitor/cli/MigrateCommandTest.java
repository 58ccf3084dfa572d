package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
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
 * {@code migrate --to}: a populated SQLite state (articles, links, listing states, a pending
 * delivery, the schedule, the search index) copied into an empty PostgreSQL database keeps every
 * article and pending delivery; the monitor then goes on from PostgreSQL with nothing doubled.
 */
class MigrateCommandTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();

  private TestConfig config(String hookUrl) {
    return TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364).country("Kazakhstan", 169)
        .topLevel("notifications:\n  once_timeout: 1s\n  retry_backoff: 100ms\n  channels:\n"
            + "    - {id: hook, type: webhook, url: \"" + hookUrl + "\", secret: s}\n");
  }

  private static String address(PostgresTarget db) {
    return "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }

  @Test
  void aPopulatedStateIsCopiedWholeAndTheMonitorGoesOnFromPostgresql() throws Exception {
    // A channel nobody answers: the new article's delivery stays pending in the SQLite outbox.
    Path file = config("http://127.0.0.1:9/hook").writeTo(dir);
    assertThat(CliRun.of("once", "--config", file.toString()).exitCode()).isZero();
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364, 169), LocalDate.now(), 0);
    CliRun second = CliRun.of("once", "--config", file.toString());
    Path sqlite = dir.resolve("state/monitor.db");
    assertThat(Sql.count(sqlite, "SELECT count(*) FROM outbox WHERE status = 'pending'")).as(second.toString()).isEqualTo(1);
    String deliveryId = Sql.column(sqlite, "SELECT delivery_id FROM outbox").get(0);
    long articles = Sql.count(sqlite, "SELECT count(*) FROM articles");
    long links = Sql.count(sqlite, "SELECT count(*) FROM article_countries");
    long pages = Sql.count(sqlite, "SELECT count(*) FROM listing_pages");

    PostgresTarget db = postgres.newDatabase();
    CliRun migrate = CliRun.of("migrate", "--to", address(db), "--config", file.toString());
    assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
    assertThat(migrate.out()).contains("Every count matches").contains("articles").contains("outbox").doesNotContain("DIFFERS");
    assertThat(Sql.count(db, "SELECT count(*) FROM articles")).isEqualTo(articles);
    assertThat(Sql.count(db, "SELECT count(*) FROM article_countries")).isEqualTo(links);
    assertThat(Sql.count(db, "SELECT count(*) FROM listing_pages")).isEqualTo(pages);
    assertThat(Sql.column(db, "SELECT delivery_id || ' ' || status FROM outbox")).containsExactly(deliveryId + " pending");
    assertThat(Sql.count(db, "SELECT count(*) FROM countries WHERE baseline_completed_at IS NOT NULL")).isEqualTo(2);

    // Into a database that holds a state already: refused, nothing mixed.
    CliRun again = CliRun.of("migrate", "--to", address(db), "--config", file.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).contains("already holds a state");
    assertThat(Sql.count(db, "SELECT count(*) FROM articles")).isEqualTo(articles);

    try (WebhookReceiver receiver = WebhookReceiver.start("s", r -> {})) {
      Path onPostgres = config(receiver.url().toString()).database(address(db)).writeTo(dir);
      CliRun search = CliRun.of("search", fresh.title().split(" ")[0], "--config", onPostgres.toString());
      assertThat(search.out()).as(search.toString()).contains(fresh.slug());
      CliRun once = CliRun.of("once", "--config", onPostgres.toString());
      assertThat(once.exitCode()).as(once.toString()).isZero();
      // The pending delivery goes out with its delivery id; the crawl finds nothing new: nothing doubled.
      assertThat(receiver.received()).extracting(WebhookReceiver.Received::deliveryId).containsExactly(deliveryId);
      assertThat(Sql.count(db, "SELECT count(*) FROM articles")).isEqualTo(articles);
      assertThat(Sql.count(db, "SELECT count(*) FROM outbox")).isEqualTo(1);
      try (Stream<Path> texts = Files.walk(dir.resolve("state/archive/articles"))) {
        assertThat(texts.filter(p -> p.toString().endsWith(".txt")).count()).isEqualTo(articles);
      }
      // New ids follow the copied ones.
      replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
      assertThat(CliRun.of("once", "--config", onPostgres.toString()).exitCode()).isZero();
      assertThat(Sql.count(db, "SELECT count(*) FROM articles")).isEqualTo(articles + 1);
      assertThat(receiver.received()).hasSize(2);
    }
  }

  @Test
  void aPasswordInTheAddressIsRefused() throws Exception {
    Path file = config("http://127.0.0.1:9/hook").writeTo(dir);
    CliRun run = CliRun.of("migrate", "--to", "postgresql://monitor:secret@127.0.0.1:5432/monitor", "--config", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("PGPASSWORD").doesNotContain("secret");
  }
}
