package org.industriallmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon killed with SIGKILL at seeded moments while it re-checks corrected and
 * withdrawn articles: afterwards each correction is one version (one file, one row) and one
 * article.updated, each withdrawal one article.removed, repeats only with the same delivery id.
 */
class RecheckCrashIT {
  private static final int CORRECTED = 6;
  private static final int WITHDRAWN = 2;

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void killsDuringReChecksLoseAndDoubleNothing() throws Exception {
    int kills = Integer.getInteger("recheck.kills", 10);
    Random random = new Random(Long.getLong("recheck.seed", 20261202L));
    try (WebhookReceiver receiver = WebhookReceiver.start("s", r -> {}, Duration.ofMillis(40))) {
      replica.tweaks().latency(Duration.ofMillis(5));
      TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_every", "1ms").country("Kyrgyzstan", 364)
          .topLevel("schedule: {every: 300ms, jitter: 0ms}\nnotifications:\n  retry_backoff: 100ms\n  channels:\n"
              + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "\", secret: s}\n")
          .writeTo(dir);
      Path db = dir.resolve("state/monitor.db");
      List<ReplicaArticle> fresh = new ArrayList<>();
      for (int i = 0; i < CORRECTED + WITHDRAWN; i++) {
        fresh.add(replica.catalog().publishNew(List.of(364), LocalDate.now(), i));
      }
      try (JarProcess baseline = JarProcess.start(dir, Map.of(), "once")) {
        assertThat(baseline.waitFor(120)).as(baseline.toString()).isZero();
      }
      for (int i = 0; i < CORRECTED; i++) {
        replica.catalog().edit(fresh.get(i).slug(), List.of("Corrected text number " + i + "."));
      }
      for (int i = CORRECTED; i < fresh.size(); i++) {
        replica.catalog().withdraw(fresh.get(i).slug());
      }

      for (int kill = 0; kill < kills; kill++) {
        int before = replica.tweaks().requestCount();
        int k = 1 + random.nextInt(12);
        try (JarProcess daemon = JarProcess.start(dir, Map.of(), "run")) {
          daemon.killWhen(() -> replica.tweaks().requestCount() >= before + k);
        }
      }

      try (JarProcess daemon = JarProcess.start(dir, Map.of(), "run")) {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT count(*) FROM article_versions") == CORRECTED
                && Sql.count(db, "SELECT count(*) FROM articles WHERE removed_at IS NOT NULL") == WITHDRAWN
                && Sql.count(db, "SELECT count(*) FROM outbox WHERE status = 'delivered'") == CORRECTED + WITHDRAWN);
        daemon.process().destroy();
        assertThat(daemon.waitFor(30)).as(daemon.toString()).isZero();
      }

      assertThat(Sql.count(db, "SELECT count(*) FROM outbox")).isEqualTo(CORRECTED + WITHDRAWN);
      Path archive = dir.resolve("state/archive");
      List<Path> versions;
      try (Stream<Path> files = Files.walk(archive.resolve("articles"))) {
        versions = files.filter(p -> p.getFileName().toString().matches(".*\\.v\\d+\\.txt")).toList();
      }
      assertThat(versions).hasSize(CORRECTED).allMatch(p -> p.getFileName().toString().endsWith(".v2.txt"));
      ObjectMapper json = new ObjectMapper();
      for (String row : Sql.column(db, "SELECT v.archive_path || '|' || v.sha256 || '|' || a.sidecar_path FROM article_versions v"
          + " JOIN articles a ON a.id = v.article_id")) {
        String[] p = row.split("\\|");
        assertThat(Hashes.sha256(Files.readAllBytes(archive.resolve(p[0])))).isEqualTo(p[1]);
        JsonNode sidecar = json.readTree(archive.resolve(p[2]).toFile());
        assertThat(sidecar.get("versions")).hasSize(2);
        assertThat(sidecar.get("versions").get(1).get("sha256").asText()).isEqualTo(p[1]);
      }

      List<WebhookReceiver.Received> received = receiver.received();
      Map<String, List<WebhookReceiver.Received>> byDelivery = received.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::deliveryId));
      byDelivery.values().forEach(copies -> assertThat(copies).extracting(WebhookReceiver.Received::body).containsOnly(copies.get(0).body()));
      assertThat(byDelivery).hasSize(CORRECTED + WITHDRAWN);
      Set<String> updated = byDelivery.values().stream().map(c -> c.get(0)).filter(r -> r.event().equals("article.updated"))
          .map(r -> slug(json, r.body())).collect(Collectors.toSet());
      Set<String> removed = byDelivery.values().stream().map(c -> c.get(0)).filter(r -> r.event().equals("article.removed"))
          .map(r -> slug(json, r.body())).collect(Collectors.toSet());
      assertThat(updated).containsExactlyInAnyOrderElementsOf(fresh.subList(0, CORRECTED).stream().map(ReplicaArticle::slug).toList());
      assertThat(removed).containsExactlyInAnyOrderElementsOf(fresh.subList(CORRECTED, fresh.size()).stream().map(ReplicaArticle::slug).toList());
      try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).as("temporary files left").isEmpty();
      }
      assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
    }
  }

  private static String slug(ObjectMapper json, String body) {
    try {
      return json.readTree(body).get("slug").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
