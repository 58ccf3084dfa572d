package org.industriallmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaCountry;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.PostgresExtension;
import org.industriallmonitor.testing.PostgresServer;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged daemons sharing one real PostgreSQL database and one archive folder, as an
 * active/standby pair: no article doubled and every alert delivered once; kill -9 of the node in
 * the middle of a crawl hands its job to the other within two check-in intervals, and nothing is
 * lost or doubled (a repeat only with the same delivery id).
 */
class ClusterIT {
  private static final Duration CHECKIN = Duration.ofSeconds(2);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();

  /** Writes node {@code node}'s configuration under {@code dir/node}: the shared database and the shared state folder. */
  private Path node(String node, PostgresTarget db, WebhookReceiver receiver) {
    TestConfig config = TestConfig.site(replica.baseUrl()).walksOnly().database(PostgresServer.url(db))
        .topLevel("schedule: {every: 1s, jitter: 0ms}\n"
            + "cluster: {node_id: " + node + ", checkin_interval: " + CHECKIN.toSeconds() + "s}\n"
            + "notifications:\n  retry_backoff: 100ms\n  channels:\n"
            + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "\", secret: s}\n");
    for (ReplicaCountry country : replica.catalog().countries()) {
      config.country(country.name(), country.region());
    }
    Path work = dir.resolve(node);
    try {
      Files.createDirectories(work.resolve("config"));
      Files.writeString(work.resolve("config/monitor.yaml"), config.yaml(dir.resolve("shared-state")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return work;
  }

  private static Map<String, String> environment(PostgresTarget db) {
    return Map.of("PGUSER", db.user());
  }

  @Test
  void twoDaemonsOnOneDatabaseArchiveEachArticleOnceAndDeliverEachAlertOnce() throws Exception {
    PostgresTarget db = postgres.newDatabase();
    try (WebhookReceiver receiver = WebhookReceiver.start("s", r -> {})) {
      Path a = node("node-a", db, receiver);
      Path b = node("node-b", db, receiver);
      int existing = replica.catalog().articleCount();
      try (JarProcess first = JarProcess.start(a, environment(db), "run"); JarProcess second = JarProcess.start(b, environment(db), "run")) {
        int countries = replica.catalog().countries().size();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT count(*) FROM countries WHERE baseline_completed_at IS NOT NULL") == countries);
        assertThat(Sql.count(db, "SELECT count(*) FROM articles")).isEqualTo(existing);
        // New articles, some in two countries: both nodes may meet them.
        List<ReplicaArticle> fresh = new ArrayList<>();
        List<ReplicaCountry> all = replica.catalog().countries();
        for (int i = 0; i < 6; i++) {
          List<Integer> regions = i % 2 == 0 ? List.of(all.get(0).region(), all.get(1).region()) : List.of(all.get(i % all.size()).region());
          fresh.add(replica.catalog().publishNew(regions, LocalDate.now(), i));
        }
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT count(*) FROM outbox WHERE status = 'delivered'") == fresh.size());
        // Both nodes took part: the cluster shares the countries' jobs.
        await().atMost(Duration.ofSeconds(60)).until(() ->
            Sql.column(db, "SELECT DISTINCT node_id FROM crawl_runs").containsAll(List.of("node-a", "node-b")));
        first.process().destroy();
        second.process().destroy();
        assertThat(first.waitFor(30)).as(first.toString()).isZero();
        assertThat(second.waitFor(30)).as(second.toString()).isZero();
      }
      assertThat(Sql.count(db, "SELECT count(*) FROM articles")).isEqualTo(existing + 6);
      assertThat(Sql.count(db, "SELECT count(*) FROM outbox")).isEqualTo(6);
      assertThat(archivedTexts()).hasSize(existing + 6);
      assertNoCountryCrawledTwiceAtOnce(db);
      Map<String, List<WebhookReceiver.Received>> byDelivery =
          receiver.received().stream().collect(Collectors.groupingBy(WebhookReceiver.Received::deliveryId));
      assertThat(byDelivery).hasSize(6);
      assertThat(receiver.received()).hasSize(6);
      assertThat(Sql.column(db, "SELECT node_id || ' ' || coalesce(stopped_at, 'running') FROM cluster_nodes ORDER BY node_id"))
          .allMatch(row -> !row.endsWith("running"));
    }
  }

  @Test
  void killingTheNodeInTheMiddleOfACrawlHandsTheJobToTheOtherWithinTwoCheckIns() throws Exception {
    PostgresTarget db = postgres.newDatabase();
    try (WebhookReceiver receiver = WebhookReceiver.start("s", r -> {})) {
      Path a = node("node-a", db, receiver);
      Path b = node("node-b", db, receiver);
      try (JarProcess baseline = JarProcess.start(a, environment(db), "once")) {
        assertThat(baseline.waitFor(120)).as(baseline.toString()).isZero();
      }
      int existing = replica.catalog().articleCount();
      int region = replica.catalog().countries().get(0).region();
      List<ReplicaArticle> fresh = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fresh.add(replica.catalog().publishNew(List.of(region), LocalDate.now(), i));
      }
      // Slow answers: a crawl of the eight new articles takes seconds, so it can be cut in the middle.
      replica.tweaks().latency(Duration.ofMillis(400));
      JarProcess first = JarProcess.start(a, environment(db), "run");
      JarProcess second = JarProcess.start(b, environment(db), "run");
      try {
        String sql = "SELECT node_id FROM crawl_runs WHERE region = " + region + " AND finished_at IS NULL AND new_articles = 0"
            + " AND id > (SELECT coalesce(max(id), 0) FROM crawl_runs WHERE region = " + region + " AND baseline = 1)";
        java.util.concurrent.atomic.AtomicReference<String> running = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
          List<String> nodes = Sql.column(db, sql);
          // A page's articles are recorded together once all are archived: the files tell how far the crawl is.
          long archived = archivedTexts().size();
          running.set(nodes.isEmpty() ? null : nodes.get(0));
          return running.get() != null && archived > existing && archived < existing + fresh.size() / 2;
        });
        String victim = running.get();
        JarProcess killed = victim.equals("node-a") ? first : second;
        String survivor = victim.equals("node-a") ? "node-b" : "node-a";
        killed.process().destroyForcibly();
        killed.waitFor(30);
        Instant killedAt = Instant.now();

        await().atMost(CHECKIN.multipliedBy(2).plusSeconds(2)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT count(*) FROM crawl_runs WHERE region = " + region + " AND node_id = '" + survivor + "'"
                + " AND started_at > '" + killedAt.minusMillis(1) + "'") > 0);
        Duration handOver = Duration.between(killedAt, Instant.now());
        assertThat(handOver).as("the survivor took the job over").isLessThanOrEqualTo(CHECKIN.multipliedBy(2).plusSeconds(1));

        replica.tweaks().latency(Duration.ZERO);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT count(*) FROM outbox WHERE status = 'delivered'") == fresh.size());
        // The survivor closes the runs the dead node left open (its crawls are started again, not lost).
        await().atMost(CHECKIN.multipliedBy(4).plusSeconds(5)).ignoreExceptions().until(() ->
            Sql.count(db, "SELECT count(*) FROM crawl_runs WHERE finished_at IS NULL AND node_id = '" + victim + "'") == 0);
        assertThat(Sql.column(db, "SELECT DISTINCT error FROM crawl_runs WHERE node_id = '" + victim + "' AND error IS NOT NULL"))
            .contains("interrupted: its node stopped checking in");
        JarProcess alive = killed == first ? second : first;
        alive.process().destroy();
        assertThat(alive.waitFor(30)).as(alive.toString()).isZero();
      } finally {
        first.close();
        second.close();
      }
      assertThat(Sql.count(db, "SELECT count(*) FROM articles")).isEqualTo(existing + fresh.size());
      assertThat(Sql.count(db, "SELECT count(*) FROM outbox")).isEqualTo(fresh.size());
      assertThat(archivedTexts()).hasSize(existing + fresh.size());
      assertThat(Sql.count(db, "SELECT count(*) FROM crawl_runs WHERE finished_at IS NULL")).isZero();
      assertNoCountryCrawledTwiceAtOnce(db);
      Map<String, List<WebhookReceiver.Received>> byDelivery =
          receiver.received().stream().collect(Collectors.groupingBy(WebhookReceiver.Received::deliveryId));
      assertThat(byDelivery).hasSize(fresh.size());
      byDelivery.values().forEach(copies -> assertThat(copies).extracting(WebhookReceiver.Received::body).containsOnly(copies.get(0).body()));
      try (Stream<Path> files = Files.walk(dir.resolve("shared-state"))) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).as("temporary files left").isEmpty();
      }
    }
  }

  /** Each country's runs follow one another: one node at a time. */
  private static void assertNoCountryCrawledTwiceAtOnce(PostgresTarget db) {
    assertThat(Sql.count(db, "SELECT count(*) FROM crawl_runs x JOIN crawl_runs y ON x.region = y.region AND x.id < y.id"
        + " WHERE y.started_at < x.finished_at AND x.error IS NULL")).isZero();
  }

  private List<Path> archivedTexts() throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("shared-state/archive/articles"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".txt")).toList();
    }
  }
}
