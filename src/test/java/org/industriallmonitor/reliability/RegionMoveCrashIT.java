package org.industriallmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon killed with SIGKILL during its first crawls after the site renumbered every
 * region id (while it finds the moves, records them with their alerts, and archives what the site
 * published at the new ids), then restarted: every article recorded once under its configured
 * country, alerted once (a repeat only with the same delivery id), one region_moved per country.
 *
 * <p>{@code -Dcrash.kills=N} (default 8) and {@code -Dcrash.seed=S} change the run.
 */
class RegionMoveCrashIT {
  private static final String SECRET = "move-crash-secret";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void killingTheDaemonDuringTheFirstCrawlsAfterAMoveLosesAndDuplicatesNothing() throws Exception {
    int kills = Integer.getInteger("crash.kills", 8);
    Random random = new Random(Long.getLong("crash.seed", 20261207L));
    ReplicaCatalog catalog = replica.catalog();
    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, r -> {}, Duration.ofMillis(40))) {
      replica.tweaks().latency(Duration.ofMillis(5));
      TestConfig.site(replica.baseUrl()).site("retries", "1").site("early_warning", "{source: rss, every: 1s}")
          .topLevel("schedule: {every: 300ms, jitter: 0ms}\n"
              + "notifications:\n  retry_backoff: 100ms\n  channels:\n"
              + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "\", secret: \"${CRASH_SECRET}\"}\n")
          .country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
      Map<String, String> env = Map.of("CRASH_SECRET", SECRET);
      Path db = dir.resolve("state/monitor.db");
      try (JarProcess baseline = JarProcess.start(dir, env, "once")) {
        assertThat(baseline.waitFor(120)).as(baseline.toString()).isZero();
      }

      catalog.renumberRegions(Map.of(364, 9364, 169, 9169, 366, 9366));
      Set<String> published = new HashSet<>();
      for (int kill = 0; kill < kills; kill++) {
        List<Integer> regions = switch (random.nextInt(3)) {
          case 0 -> List.of(9364);
          case 1 -> List.of(9169);
          default -> List.of(9364, 9169);
        };
        published.add(catalog.publishNew(regions, LocalDate.of(2026, 12, 1).plusDays(random.nextInt(6)), random.nextInt(30)).slug());
        int requestsBefore = replica.tweaks().requestCount();
        try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
          int k = 1 + random.nextInt(25);
          daemon.killWhen(() -> replica.tweaks().requestCount() >= requestsBefore + k);
        }
      }

      try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT COUNT(*) FROM articles WHERE baseline = 0") == published.size()
                && Sql.count(db, "SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'") == 0
                && Sql.count(db, "SELECT COUNT(*) FROM outbox") == published.size() + 2L);
        daemon.process().destroy();
        assertThat(daemon.waitFor(30)).as(daemon.toString()).isZero();
      }

      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(27 + 54 + published.size());
      assertThat(Sql.column(db, "SELECT slug FROM articles WHERE baseline = 0")).containsExactlyInAnyOrderElementsOf(published);
      assertThat(Sql.column(db, "SELECT DISTINCT region FROM article_countries ORDER BY region")).containsExactly("169", "364");
      assertThat(Sql.column(db, "SELECT region || ':' || site_region FROM region_moves ORDER BY region"))
          .containsExactly("169:9169", "364:9364");
      List<WebhookReceiver.Received> received = receiver.received();
      Map<String, List<WebhookReceiver.Received>> byDelivery = received.stream()
          .collect(Collectors.groupingBy(WebhookReceiver.Received::deliveryId));
      byDelivery.values().forEach(copies -> assertThat(copies).extracting(WebhookReceiver.Received::body).containsOnly(copies.get(0).body()));
      ObjectMapper json = new ObjectMapper();
      Set<String> alerted = byDelivery.values().stream().map(copies -> copies.get(0)).filter(r -> r.event().equals("article.new"))
          .map(r -> field(json, r.body(), "slug")).collect(Collectors.toSet());
      assertThat(alerted).containsExactlyInAnyOrderElementsOf(published);
      assertThat(byDelivery.values().stream().map(copies -> copies.get(0)).filter(r -> r.event().equals("monitor.alert"))
          .map(r -> field(json, r.body(), "kind") + " " + field(json, r.body(), "new_region")))
          .containsExactlyInAnyOrder("region_moved 9364", "region_moved 9169");
      assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
    }
  }

  private static String field(ObjectMapper json, String body, String name) {
    try {
      JsonNode node = json.readTree(body).get(name);
      return node == null ? null : node.asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
