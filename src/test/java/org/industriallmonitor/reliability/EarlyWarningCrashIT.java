package org.industriallmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.ReplicaTweaks;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon killed with SIGKILL after its poll of the feed named a new article and
 * while it fetches that article: the next daemon reads the feed again (its validators were not
 * kept), archives the article once and alerts it once, without waiting for the hourly walks.
 */
class EarlyWarningCrashIT {
  private static final String SECRET = "early-crash-secret";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void aKillBetweenTheFeedPollAndTheArchiveLosesNothing() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, r -> {})) {
      TestConfig.site(replica.baseUrl()).site("early_warning", "{source: rss, every: 1s}").site("read_timeout", "30s")
          .topLevel("schedule: {every: 1h, jitter: 0ms}\nnotifications:\n  retry_backoff: 100ms\n  channels:\n"
              + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "\", secret: \"${HOOK_SECRET}\"}\n")
          .country("Kyrgyzstan", 364).writeTo(dir);
      Map<String, String> env = Map.of("HOOK_SECRET", SECRET);
      Path db = dir.resolve("state/monitor.db");
      try (JarProcess baseline = JarProcess.start(dir, env, "once")) {
        assertThat(baseline.waitFor(120)).as(baseline.toString()).isZero();
      }
      String etagAfterBaseline = Sql.column(db, "SELECT etag FROM early_warning").get(0);

      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 20), 12);
      // The article's page comes a byte a second: the daemon is in the middle of fetching it when killed.
      replica.tweaks().misbehave(fresh.slug(), ReplicaTweaks.Misbehaviour.TRICKLE);
      try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
        daemon.killWhen(() -> replica.tweaks().requestsFor("/" + fresh.slug()) > 0);
      }
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles WHERE slug = '" + fresh.slug() + "'")).isZero();
      assertThat(Sql.column(db, "SELECT etag FROM early_warning")).as("the feed's validators are not those of the poll that was cut")
          .containsExactly(etagAfterBaseline);

      replica.tweaks().behave(fresh.slug());
      try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'delivered'") == 1);
        daemon.process().destroy();
        assertThat(daemon.waitFor(30)).as(daemon.toString()).isZero();
      }

      assertThat(Sql.column(db, "SELECT slug FROM articles WHERE baseline = 0")).containsExactly(fresh.slug());
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs")).as("found by the feed, not by a walk").isEqualTo(1);
      assertThat(receiver.received()).singleElement().satisfies(r -> {
        assertThat(r.event()).isEqualTo("article.new");
        assertThat(r.signatureValid()).isTrue();
        assertThat(r.body()).contains(fresh.slug());
      });
      try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertThat(names).filteredOn(n -> n.startsWith(".tmp-")).as("temporary files left").isEmpty();
        assertThat(names).filteredOn(n -> n.endsWith(fresh.slug() + ".txt")).hasSize(1);
      }
    }
  }
}
