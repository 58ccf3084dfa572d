package org.industriallmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.parse.SiteDates;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaTheme;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon killed with SIGKILL while it repairs a changed markup (during the
 * calibration's fetches, the learned selectors' commit, or the crawl that follows), then started
 * again: every article published meanwhile is archived once, byte for byte, and alerted.
 */
class RepairCrashIT {
  private static final String SECRET = "repair-crash-secret";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void aKillDuringARepairLosesAndDoublesNothing() throws Exception {
    Random random = new Random(Long.getLong("crash.seed", 20261201L));
    ReplicaTheme[] themes = {ReplicaTheme.WORDPRESS, ReplicaTheme.BARE, ReplicaTheme.CONTRACT, ReplicaTheme.WORDPRESS};
    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, r -> {})) {
      TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364)
          .topLevel("schedule: {every: 300ms, jitter: 0ms}\nnotifications:\n  retry_backoff: 100ms\n  channels:\n"
              + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "/a\", secret: \"${REPAIR_SECRET}\"}\n")
          .writeTo(dir);
      Map<String, String> env = Map.of("REPAIR_SECRET", SECRET);
      Path db = dir.resolve("state/monitor.db");
      try (JarProcess baseline = JarProcess.start(dir, env, "once")) {
        assertThat(baseline.waitFor(120)).as(baseline.toString()).isZero();
      }
      List<ReplicaArticle> published = new ArrayList<>();
      for (ReplicaTheme theme : themes) {
        replica.server().theme(theme);
        published.add(replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 1).plusDays(published.size()), random.nextInt(20)));
        int requestsBefore = replica.tweaks().requestCount();
        // The repair's requests: robots.txt, the listing page that fails, the archived articles again, one listing page.
        int k = 1 + random.nextInt(12);
        try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
          try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                .until(() -> !daemon.isAlive() || replica.tweaks().requestCount() >= requestsBefore + k);
          } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(theme + ", k " + k + ", requests " + (replica.tweaks().requestCount() - requestsBefore) + "\n" + daemon, e);
          }
          assertThat(daemon.isAlive()).as("the daemon died by itself\n" + daemon).isTrue();
          daemon.process().destroyForcibly();
          daemon.waitFor(30);
        }
        // Started again, it repairs (again, if the kill came first) and catches up.
        try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
          try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                Sql.count(db, "SELECT COUNT(*) FROM articles WHERE baseline = 0") == published.size()
                    && Sql.count(db, "SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'") == 0);
          } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(theme + " after a kill at request " + k + ": "
                + Sql.column(db, "SELECT slug FROM articles WHERE baseline = 0") + " "
                + Sql.column(db, "SELECT channel || ' ' || event || ' ' || status FROM outbox") + " "
                + Sql.column(db, "SELECT key || '=' || selector FROM learned_selectors") + " "
                + Sql.column(db, "SELECT COALESCE(error, 'ok') FROM crawl_runs ORDER BY id DESC LIMIT 3") + "\n" + daemon, e);
          }
          daemon.process().destroy();
          assertThat(daemon.waitFor(30)).as(daemon.toString()).isZero();
        }
      }

      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(27 + published.size());
      assertThat(Sql.count(db, "SELECT COUNT(DISTINCT slug) FROM articles")).isEqualTo(27 + published.size());
      for (ReplicaArticle article : published) {
        Path text = dir.resolve("state/archive/articles/2026/" + article.date() + "-" + article.slug() + ".txt");
        assertThat(Files.readString(text)).isEqualTo(ArchiveText.HEADER + "\n\n" + article.title() + "\n\n"
            + SiteDates.print(article.date()) + article.lede() + "\n\n" + String.join("\n\n", article.paragraphs()));
      }
      try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).as("temporary files left").isEmpty();
      }
      ObjectMapper json = new ObjectMapper();
      List<String> alerted = new ArrayList<>();
      for (WebhookReceiver.Received r : receiver.received()) {
        assertThat(r.signatureValid()).isTrue();
        if ("article.new".equals(r.event())) {
          alerted.add(json.readTree(r.body()).get("slug").asText());
        }
      }
      assertThat(alerted).containsAll(published.stream().map(ReplicaArticle::slug).toList());
      assertThat(receiver.received().stream().filter(r -> "article.new".equals(r.event())).map(WebhookReceiver.Received::deliveryId).distinct())
          .as("one delivery per article, repeats with the same id").hasSize(published.size());
      assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
    }
  }
}
