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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.industriallmonitor.archive.Hashes;
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
 * The packaged daemon, killed with SIGKILL at seeded random moments (during listing walks,
 * article fetches, archive writes, database commits and webhook deliveries) and restarted, while
 * the replica publishes articles. Afterwards: every article recorded once, archived once with a
 * valid sidecar, alerted on every channel, repeats only with the same delivery id, no temporary
 * file left, and a database that passes its integrity check.
 *
 * <p>{@code -Dcrash.kills=N} (default 30) and {@code -Dcrash.seed=S} change the run.
 */
class CrashConsistencyIT {
  private static final String SECRET = "crash-test-secret";
  private static final List<String> CHANNELS = List.of("hook-a", "hook-b");

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void killingTheDaemonAtAnyMomentLosesAndDuplicatesNothing() throws Exception {
    int kills = Integer.getInteger("crash.kills", 30);
    long seed = Long.getLong("crash.seed", 20261125L);
    Random random = new Random(seed);
    Map<String, Integer> triggers = new HashMap<>();
    ReplicaCatalog catalog = replica.catalog();
    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, r -> {}, Duration.ofMillis(40))) {
      replica.tweaks().latency(Duration.ofMillis(5));
      TestConfig.site(replica.baseUrl()).site("retries", "1")
          .topLevel("schedule: {every: 300ms, jitter: 0ms}\n"
              + "notifications:\n  retry_backoff: 100ms\n  channels:\n"
              + "    - {id: hook-a, type: webhook, url: \"" + receiver.url() + "/a\", secret: \"${CRASH_SECRET}\"}\n"
              + "    - {id: hook-b, type: webhook, url: \"" + receiver.url() + "/b\", secret: \"${CRASH_SECRET}\"}\n")
          .country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
      Map<String, String> env = Map.of("CRASH_SECRET", SECRET);
      Path db = dir.resolve("state/monitor.db");

      try (JarProcess baseline = JarProcess.start(dir, env, "once")) {
        assertThat(baseline.waitFor(120)).as(baseline.toString()).isZero();
      }
      Set<String> published = new HashSet<>();
      for (int kill = 0; kill < kills; kill++) {
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
          List<Integer> regions = switch (random.nextInt(3)) {
            case 0 -> List.of(364);
            case 1 -> List.of(169);
            default -> List.of(364, 169);
          };
          published.add(catalog.publishNew(regions, LocalDate.of(2026, 11, 1).plusDays(random.nextInt(20)), random.nextInt(40)).slug());
        }
        int requestsBefore = replica.tweaks().requestCount();
        int deliveriesBefore = receiver.received().size();
        try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
          // The moment of the kill, chosen by the seed: after the k-th page served (listing walks, article
          // fetches, and the archive writes and commits that follow them), after a delivery arrived (the
          // receiver answers slowly, so the delivery is in flight), or as soon as the daemon runs.
          int kind = random.nextInt(3);
          int k = 1 + random.nextInt(40);
          String trigger = switch (kind) {
            case 0 -> "page " + k;
            case 1 -> "delivery";
            default -> "start";
          };
          triggers.merge(trigger.startsWith("page") ? "during crawl" : trigger.equals("delivery") ? "during delivery" : "at start",
              1, Integer::sum);
          daemon.killWhen(() -> switch (kind) {
            case 0 -> replica.tweaks().requestCount() >= requestsBefore + k;
            case 1 -> receiver.received().size() > deliveriesBefore || replica.tweaks().requestCount() >= requestsBefore + 200;
            default -> daemon.out().contains("industriall-monitor running");
          });
        }
      }

      // One last, undisturbed run delivers and archives whatever the kills interrupted.
      try (JarProcess daemon = JarProcess.start(dir, env, "run")) {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT COUNT(*) FROM articles WHERE baseline = 0") == published.size()
                && Sql.count(db, "SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'") == 0
                && Sql.count(db, "SELECT COUNT(*) FROM outbox") == (long) published.size() * CHANNELS.size());
        daemon.process().destroy();
        assertThat(daemon.waitFor(30)).as(daemon.toString()).isZero();
      }

      // Every article once in the database and once in the archive, with a valid sidecar.
      int expected = 27 + 54 + published.size();
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(expected);
      assertThat(Sql.column(db, "SELECT slug FROM articles WHERE baseline = 0")).containsExactlyInAnyOrderElementsOf(published);
      Path archive = dir.resolve("state/archive");
      List<Path> texts;
      try (Stream<Path> files = Files.walk(archive.resolve("articles"))) {
        texts = files.filter(p -> p.toString().endsWith(".txt")).toList();
      }
      assertThat(texts).hasSize(expected);
      ObjectMapper json = new ObjectMapper();
      for (String row : Sql.column(db, "SELECT archive_path || '|' || sidecar_path || '|' || sha256 || '|' || slug FROM articles")) {
        String[] p = row.split("\\|");
        byte[] text = Files.readAllBytes(archive.resolve(p[0]));
        assertThat(Hashes.sha256(text)).as(p[0]).isEqualTo(p[2]);
        JsonNode sidecar = json.readTree(archive.resolve(p[1]).toFile());
        assertThat(sidecar.get("sha256").asText()).isEqualTo(p[2]);
        assertThat(sidecar.get("slug").asText()).isEqualTo(p[3]);
        assertThat(sidecar.get("archive_path").asText()).isEqualTo(p[0]);
      }
      try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).as("temporary files left").isEmpty();
      }

      // Every new article alerted on every channel; a repeat only ever with the same delivery id and body.
      List<WebhookReceiver.Received> received = receiver.received();
      assertThat(received).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
      Map<String, List<WebhookReceiver.Received>> byDelivery = received.stream()
          .collect(Collectors.groupingBy(WebhookReceiver.Received::deliveryId));
      byDelivery.values().forEach(copies -> assertThat(copies).extracting(WebhookReceiver.Received::body).containsOnly(copies.get(0).body()));
      for (String channel : CHANNELS) {
        String path = "/hook/" + channel.substring(channel.length() - 1);
        Set<String> alerted = received.stream().filter(r -> r.path().equals(path))
            .map(r -> readSlug(json, r.body())).collect(Collectors.toSet());
        assertThat(alerted).as(channel).containsExactlyInAnyOrderElementsOf(published);
      }
      assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");

      int repeats = received.size() - byDelivery.size();
      String figures = String.format("""
          | figure | value |
          | --- | --- |
          | seed | %d |
          | SIGKILLs survived | %d (%s) |
          | articles published during the kills | %d |
          | articles recorded and archived | %d, each once |
          | deliveries (articles x channels) | %d, all delivered |
          | webhook requests received | %d (%d repeats, each with the same delivery id and body) |
          | temporary files left, articles lost, alerts lost | 0, 0, 0 |
          | PRAGMA integrity_check | ok |
          """, seed, kills, triggers, published.size(), expected, published.size() * CHANNELS.size(), received.size(), repeats);
      Files.createDirectories(Path.of("target/reliability"));
      Files.writeString(Path.of("target/reliability/crash-figures.md"), figures);
      System.out.println(figures);
    }
  }

  private static String readSlug(ObjectMapper json, String body) {
    try {
      return json.readTree(body).get("slug").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
