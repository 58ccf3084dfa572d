package org.industriallmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon killed with SIGKILL during its first crawls after the site moved host (its base_url now
 * answers 301 to the replica, where the archive was made), then started again: every article published
 * meanwhile is archived once and alerted once, nothing archived before is archived again, and the move is
 * alerted once.
 */
class HostMoveCrashIT {
  private static final String SECRET = "move-crash-secret";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  private void config(URI base, WebhookReceiver receiver) {
    TestConfig.site(base).country("Kyrgyzstan", 364).walksOnly()
        .topLevel("schedule: {every: 300ms, jitter: 0ms}\nnotifications:\n  retry_backoff: 100ms\n  channels:\n"
            + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "\", secret: \"${MOVE_SECRET}\"}\n")
        .writeTo(dir);
  }

  @Test
  void aKillDuringTheFirstCrawlsAfterAMoveLosesAndDoublesNothing() throws Exception {
    Random random = new Random(Long.getLong("crash.seed", 20261207L));
    Map<String, String> env = Map.of("MOVE_SECRET", SECRET);
    Path db = dir.resolve("state/monitor.db");
    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, r -> {});
        ReplicaServer.Redirect moved = ReplicaServer.redirecting(replica.baseUrl(), 301)) {
      config(replica.baseUrl(), receiver);
      try (JarProcess baseline = JarProcess.start(dir, env, "once")) {
        assertThat(baseline.waitFor(120)).as(baseline.toString()).isZero();
      }
      long archived = Sql.count(db, "SELECT COUNT(*) FROM articles");
      // The site moves away from the address the archive was made through.
      config(moved.baseUrl(), receiver);

      List<ReplicaArticle> published = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        published.add(replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 12, 1).plusDays(round), random.nextInt(20)));
        int requestsBefore = replica.tweaks().requestCount();
        // A walk's requests on the new host: robots.txt (the first time), the listing pages, the new article.
        int k = 1 + random.nextInt(5);
        try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
          daemon.killWhen(() -> replica.tweaks().requestCount() >= requestsBefore + k);
        }
        try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
          int expected = published.size();
          try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                Sql.count(db, "SELECT COUNT(*) FROM articles WHERE baseline = 0") == expected
                    && Sql.count(db, "SELECT COUNT(*) FROM site_moves") == 1
                    && Sql.count(db, "SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'") == 0);
          } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("after a kill at request " + k + ": " + Sql.column(db, "SELECT slug FROM articles WHERE baseline = 0")
                + " " + Sql.column(db, "SELECT channel || ' ' || event || ' ' || status FROM outbox") + "\n" + daemon, e);
          }
          daemon.process().destroy();
          assertThat(daemon.waitFor(30)).as(daemon.toString()).isZero();
        }
      }

      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(archived + published.size());
      assertThat(Sql.count(db, "SELECT COUNT(DISTINCT slug) FROM articles")).isEqualTo(archived + published.size());
      assertThat(Sql.column(db, "SELECT slug FROM articles WHERE baseline = 0"))
          .containsExactlyInAnyOrderElementsOf(published.stream().map(ReplicaArticle::slug).toList());
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%\"kind\":\"site_moved\"%'")).isEqualTo(1);
      assertThat(receiver.received()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
      assertThat(receiver.received().stream().filter(r -> "article.new".equals(r.event())).map(WebhookReceiver.Received::deliveryId)
          .distinct()).as("one delivery per article, repeats with the same id").hasSize(published.size());
      assertThat(receiver.received().stream().filter(r -> r.body().contains("\"site_moved\"")).map(WebhookReceiver.Received::deliveryId)
          .distinct()).as("one site_moved").hasSize(1);
      try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).as("temporary files left").isEmpty();
      }
      assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
    }
  }
}
