package org.industriallmonitor.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.schedule.Daemon;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A running daemon whose {@code site.base_url} moved host (a 301 to the replica), with the early warning on (the
 * feed finds the new article) and off (the walks do): the article is archived once and alerted once, and the move
 * alerted once, however many walks and polls follow.
 */
class HostMoveDaemonTest {
  private static final String SECRET = "move-secret";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private ReplicaServer.Redirect redirect;
  private WebhookReceiver receiver;

  @AfterEach
  void close() {
    if (redirect != null) {
      redirect.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private Path db() {
    return dir.resolve("state/monitor.db");
  }

  private long received(String event, String kind) {
    ObjectMapper json = new ObjectMapper();
    return receiver.received().stream().filter(r -> r.event().equals(event)).filter(r -> {
      try {
        return kind == null || json.readTree(r.body()).path("kind").asText().equals(kind);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).count();
  }

  @ParameterizedTest(name = "early warning {0}")
  @ValueSource(booleans = {true, false})
  void theArticlePublishedAfterTheMoveIsArchivedAndAlertedOnceAndTheMoveOnce(boolean earlyWarning) throws Exception {
    redirect = ReplicaServer.redirecting(replica.baseUrl(), 301);
    receiver = WebhookReceiver.start(SECRET, r -> {});
    TestConfig test = TestConfig.site(redirect.baseUrl()).country("Kyrgyzstan", 364);
    test = earlyWarning ? test.site("early_warning", "{source: rss, every: 1s}").topLevel("schedule: {every: 1h, jitter: 0ms}")
        : test.walksOnly().topLevel("schedule: {every: 300ms, jitter: 0ms}");
    Path file = test.topLevel("notifications:\n  retry_backoff: 100ms\n  channels:\n    - {id: hook, type: webhook, url: \""
        + receiver.url() + "\", secret: " + SECRET + "}\n").writeTo(dir);
    MonitorConfig config = new ConfigLoader(name -> null).load(file);

    try (Components parts = Components.of(config); Daemon daemon = parts.daemon(2, new ConfigLoader(name -> null), c -> c)) {
      daemon.start(config, Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(db(),
          "SELECT COUNT(*) FROM countries WHERE baseline_completed_at IS NOT NULL") == 1
          && (!earlyWarning || Sql.count(db(), "SELECT COUNT(*) FROM early_warning WHERE baseline_at IS NOT NULL") == 1));
      long baseline = Sql.count(db(), "SELECT COUNT(*) FROM articles");

      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 12, 3), 2);
      await().atMost(Duration.ofSeconds(20)).until(() -> received("article.new", null) == 1 && received("monitor.alert", "site_moved") == 1);
      // More walks or polls: nothing archived, alerted or recorded again.
      long runs = Sql.count(db(), "SELECT COUNT(*) FROM crawl_runs");
      String polled = earlyWarning ? Sql.column(db(), "SELECT last_poll_at FROM early_warning").get(0) : "";
      await().atMost(Duration.ofSeconds(20)).until(() -> earlyWarning
          ? !Sql.column(db(), "SELECT last_poll_at FROM early_warning").get(0).equals(polled)
          : Sql.count(db(), "SELECT COUNT(*) FROM crawl_runs") >= runs + 2);

      assertThat(Sql.count(db(), "SELECT COUNT(*) FROM articles")).isEqualTo(baseline + 1);
      assertThat(Sql.column(db(), "SELECT slug FROM articles WHERE baseline = 0")).containsExactly(fresh.slug());
      assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE event = 'article.new'")).isEqualTo(1);
      assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%\"kind\":\"site_moved\"%'")).isEqualTo(1);
      assertThat(Sql.count(db(), "SELECT COUNT(*) FROM site_moves")).isEqualTo(1);
      assertThat(replica.tweaks().requestsFor("/" + fresh.slug())).as("fetched once").isEqualTo(1);
    }
    assertThat(received("article.new", null)).isEqualTo(1);
    assertThat(received("monitor.alert", "site_moved")).isEqualTo(1);
  }
}
