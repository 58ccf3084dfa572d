package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.store.EarlyWarningRepository.Skipped;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** storage.retention on both databases: what is pruned, what never is, in batches, and the space given back. */
class RetentionTest {
  private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(180);
  private static final Instant CUTOFF = NOW.minus(RETENTION);
  private static final Instant OLD = CUTOFF.minus(Duration.ofDays(10));
  private static final ClusterConfig NODE = new ClusterConfig("node-a", Duration.ofSeconds(15));

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  private Store open(Databases database) {
    return stores.open(database, dir, NODE);
  }

  /** Pruning two rows per transaction, so that batches show. */
  private RetentionRepository inBatchesOfTwo(Store s) {
    return new RetentionRepository(s.database(), NODE, 2);
  }

  private long count(Store s, String sql) {
    return s.database().read(c -> {
      try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static long run(Store s, int region, Instant at, String error) {
    long id = s.runs().start(region, false, at);
    s.runs().finish(id, new CrawlCounts(3, 10, 0, 0), error, at.plusSeconds(5));
    return id;
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void crawlRunsPastRetentionArePrunedInBatchesButEachCountrysNewestRunsAndOpenRunsStay(Databases database) {
    Store s = open(database);
    s.countries().ensure(7, "Kyrgyzstan", OLD);
    s.countries().ensure(8, "Kazakhstan", OLD);
    for (int i = 0; i < 5; i++) {
      run(s, 7, OLD.plus(Duration.ofHours(i)), null);
    }
    long lastSuccess = run(s, 7, OLD.plus(Duration.ofHours(6)), null);
    long newestFailed = run(s, 7, OLD.plus(Duration.ofHours(7)), "HTTP 503");
    long onlyRunOf8 = run(s, 8, OLD, null);
    long open = s.runs().start(8, false, OLD.plus(Duration.ofHours(8))); // a killed process's run, closed at the next start
    long recent = run(s, 7, NOW.minus(Duration.ofDays(1)), "HTTP 503");
    Map<Integer, Long> pagesBefore = s.runs().pagesByRegion();

    RetentionRepository.Pruned pruned = inBatchesOfTwo(s).prune(CUTOFF, NOW);

    assertThat(pruned.crawlRuns()).isEqualTo(6); // five old successes and the old failure; the newest success stays
    assertThat(pruned.batches()).isGreaterThanOrEqualTo(3);
    assertThat(count(s, "SELECT count(*) FROM crawl_runs")).isEqualTo(4);
    assertThat(count(s, "SELECT count(*) FROM crawl_runs WHERE id IN (" + lastSuccess + ", " + onlyRunOf8 + ", " + open + ", " + recent + ")"))
        .isEqualTo(4);
    assertThat(count(s, "SELECT count(*) FROM crawl_runs WHERE id = " + newestFailed)).isZero(); // a newer run of 7 came since
    // What status shows of each country is what it showed before.
    CountryStatus kyrgyzstan = s.runs().status().stream().filter(c -> c.region() == 7).findFirst().orElseThrow();
    assertThat(kyrgyzstan.lastSuccess()).isEqualTo(OLD.plus(Duration.ofHours(6)).plusSeconds(5));
    assertThat(kyrgyzstan.lastError()).isEqualTo("HTTP 503");
    // The listing pages counter never goes down.
    assertThat(s.runs().pagesByRegion()).isEqualTo(pagesBefore);
    assertThat(inBatchesOfTwo(s).prune(CUTOFF, NOW).total()).isZero();
  }

  /** A crawl in flight when the pruning runs: status's last error is the newest finished run's, which stays. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void whileACrawlIsOpenTheNewestFinishedRunStaysForStatus(Databases database) {
    Store s = open(database);
    s.countries().ensure(9, "Uzbekistan", OLD);
    long lastSuccess = run(s, 9, OLD, null);
    long lastFailure = run(s, 9, OLD.plus(Duration.ofHours(1)), "HTTP 503");
    long inFlight = s.runs().start(9, false, NOW.minusSeconds(30));

    inBatchesOfTwo(s).prune(CUTOFF, NOW);

    assertThat(count(s, "SELECT count(*) FROM crawl_runs WHERE id IN (" + lastSuccess + ", " + lastFailure + ", " + inFlight + ")"))
        .isEqualTo(3);
    CountryStatus uzbekistan = s.runs().status().stream().filter(c -> c.region() == 9).findFirst().orElseThrow();
    assertThat(uzbekistan.lastError()).isEqualTo("HTTP 503");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void deliveredAndDeadDeliveriesPastRetentionArePrunedPendingOnesNever(Databases database) {
    Store s = open(database);
    s.outbox().enqueue(List.of(entry("delivered-old", OLD), entry("dead-old", OLD), entry("pending-old", OLD),
        entry("delivered-recent", NOW.minus(Duration.ofDays(2)))));
    Map<String, Long> ids = Map.of("delivered-old", id(s, "delivered-old"), "dead-old", id(s, "dead-old"),
        "delivered-recent", id(s, "delivered-recent"));
    s.outbox().markDelivered(List.of(ids.get("delivered-old")), OLD);
    s.outbox().markDead(List.of(ids.get("dead-old")), "HTTP 410", OLD.plusSeconds(60));
    s.outbox().markDelivered(List.of(ids.get("delivered-recent")), NOW.minus(Duration.ofDays(2)));

    RetentionRepository.Pruned pruned = inBatchesOfTwo(s).prune(CUTOFF, NOW);

    assertThat(pruned.deliveries()).isEqualTo(2);
    assertThat(s.outbox().list(null, 10)).extracting(OutboxRow::deliveryId).containsExactlyInAnyOrder("pending-old", "delivered-recent");
    assertThat(s.outbox().list("pending", 10)).extracting(OutboxRow::deliveryId).containsExactly("pending-old");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aDeliveryThatDiedTodayAfterWaitingLongerThanTheRetentionIsKeptForRetry(Databases database) {
    Store s = open(database);
    s.outbox().enqueue(List.of(entry("died-today", NOW.minus(Duration.ofDays(10)))));
    long id = id(s, "died-today");
    s.outbox().markDead(List.of(id), "HTTP 410", NOW);

    assertThat(inBatchesOfTwo(s).prune(NOW.minus(Duration.ofDays(7)), NOW).deliveries()).isZero();
    assertThat(s.outbox().list("dead", 10)).extracting(OutboxRow::deliveryId).containsExactly("died-today");
    assertThat(s.outbox().retryDead(null, "died-today", NOW)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aPruningOnAnInterruptedThreadStopsBeforeItsNextBatch(Databases database) {
    Store s = open(database);
    s.outbox().enqueue(List.of(entry("a", OLD), entry("b", OLD), entry("c", OLD)));
    s.outbox().markDelivered(List.of(id(s, "a"), id(s, "b"), id(s, "c")), OLD);
    s.nodes().start("node-old", "there", 2, OLD, NODE.deadAfter());

    RetentionRepository.Pruned pruned;
    Thread.currentThread().interrupt(); // the daemon stopping
    try {
      pruned = inBatchesOfTwo(s).prune(CUTOFF, NOW);
    } finally {
      Thread.interrupted();
    }

    assertThat(pruned.batches()).isZero();
    assertThat(s.outbox().list(null, 10)).hasSize(3);
    assertThat(inBatchesOfTwo(s).prune(CUTOFF, NOW).total()).as("the next pruning").isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void finishedDeliveriesAreFoundByAnIndexNotByReadingEveryDeliveredRow(Databases database) {
    Store s = open(database);
    String sql = "SELECT id FROM outbox WHERE " + RetentionRepository.FINISHED_DELIVERIES;
    List<String> plan = s.database().read(c -> {
      List<String> lines = new java.util.ArrayList<>();
      try (var q = c.prepareStatement((database == Databases.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql)) {
        q.setString(1, "2026-01-01T00:00:00Z");
        q.setString(2, "2026-01-01T00:00:00Z");
        if (database == Databases.POSTGRESQL) {
          try (Statement off = c.createStatement()) {
            off.execute("SET enable_seqscan = off"); // an empty table is read whole otherwise: whether an index can serve is the question
          }
        }
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            lines.add(rs.getString(database == Databases.SQLITE ? 4 : 1));
          }
        }
        if (database == Databases.POSTGRESQL) {
          try (Statement on = c.createStatement()) {
            on.execute("SET enable_seqscan = on");
          }
        }
      }
      return lines;
    });
    assertThat(String.join("\n", plan)).contains("outbox_delivered").contains("outbox_due");
  }

  private static OutboxEntry entry(String deliveryId, Instant at) {
    return new OutboxEntry(deliveryId, "team", "monitor.alert", null, 7, "subject " + deliveryId, "{}", at, at);
  }

  private static long id(Store s, String deliveryId) {
    return s.outbox().list(null, 100).stream().filter(r -> r.deliveryId().equals(deliveryId)).findFirst().orElseThrow().id();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aRememberedFeedItemTheSourceStillListsIsNeverPruned(Databases database) {
    Store s = open(database);
    EarlyWarningRepository feed = s.earlyWarning();
    feed.skip(List.of(new Skipped("still-listed", "baseline", "first poll"), new Skipped("gone-from-feed", "baseline", "first poll"),
        new Skipped("listed-lately", "outside", "Chile")), OLD);
    // Before any full read has marked what the source lists, nothing is forgotten.
    assertThat(inBatchesOfTwo(s).prune(CUTOFF, NOW).feedItems()).isZero();

    feed.listed(List.of("still-listed", "gone-from-feed", "listed-lately"), OLD);
    // The most recent full read: the source no longer lists gone-from-feed.
    Instant lastFullRead = NOW.minus(Duration.ofDays(3));
    feed.listed(List.of("still-listed", "listed-lately"), lastFullRead);

    RetentionRepository.Pruned pruned = inBatchesOfTwo(s).prune(CUTOFF, NOW);

    assertThat(pruned.feedItems()).isEqualTo(1);
    assertThat(feed.skipped(List.of("still-listed", "gone-from-feed", "listed-lately"))).containsExactlyInAnyOrder("still-listed",
        "listed-lately");
    // The source answers 304 for longer than the retention: what its last full read listed, it still lists.
    Instant muchLater = lastFullRead.plus(RETENTION).plus(Duration.ofDays(30));
    assertThat(inBatchesOfTwo(s).prune(muchLater.minus(RETENTION), muchLater).feedItems()).isZero();
    assertThat(feed.skipped(List.of("still-listed", "listed-lately"))).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void checkInsOfNodesSilentForTheRetentionArePrunedNeverThisNodes(Databases database) {
    Store s = open(database);
    s.nodes().start("node-a", "here", 1, OLD, NODE.deadAfter());
    s.nodes().start("node-old", "there", 2, OLD, NODE.deadAfter());
    s.nodes().start("node-b", "there", 3, OLD, NODE.deadAfter());
    s.nodes().checkIn("node-b", NOW.minusSeconds(5));

    assertThat(inBatchesOfTwo(s).prune(CUTOFF, NOW).nodes()).isEqualTo(1);
    assertThat(s.nodes().all()).extracting(NodeRepository.Node::id).containsExactlyInAnyOrder("node-a", "node-b");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void statusReadsTheDatabaseSizeAndTheOldestHistoryKept(Databases database) {
    Store s = open(database);
    assertThat(s.retention().kept().oldestCrawlRun()).isNull();
    run(s, 7, OLD, null);
    run(s, 7, NOW, null);
    s.outbox().enqueue(List.of(entry("d-1", NOW.minusSeconds(60))));
    RetentionRepository.HistoryKept kept = s.retention().kept();
    assertThat(kept.databaseBytes()).isPositive();
    assertThat(kept.oldestCrawlRun()).isEqualTo(OLD);
    assertThat(kept.oldestDelivery()).isEqualTo(NOW.minusSeconds(60));
  }

  @Test
  void aNewSqliteStateGivesPrunedSpaceBackIncrementally() {
    Store s = open(Databases.SQLITE);
    assertThat(count(s, "PRAGMA auto_vacuum")).isEqualTo(2); // incremental, set before the first table
    fillOutboxWithDeliveredRows(s);
    long full = s.file().toFile().length();
    assertThat(s.retention().prune(NOW.plusSeconds(1), NOW).deliveries()).isEqualTo(2000);
    assertThat(count(s, "PRAGMA freelist_count")).isPositive();
    assertThat(s.retention().switchToIncrementalVacuum()).isFalse();
    s.retention().reclaimSpace();
    assertThat(count(s, "PRAGMA freelist_count")).isZero();
    checkpoint(s);
    assertThat(s.file().toFile().length()).isLessThan(full / 2);
  }

  @Test
  void oneStepOfSqlitesIncrementalVacuumGivesBackAWholeStepOfPages() {
    Store s = open(Databases.SQLITE);
    fillOutboxWithDeliveredRows(s);
    s.retention().prune(NOW.plusSeconds(1), NOW);
    long free = count(s, "PRAGMA freelist_count");
    assertThat(free).isGreaterThan(512);

    boolean someLeft = s.database().read(c -> s.database().dialect().giveSomeSpaceBack(c));

    // sqlite-jdbc steps a statement once unless its rows are read: one page a step, not 512.
    assertThat(count(s, "PRAGMA freelist_count")).isLessThanOrEqualTo(free - 512);
    assertThat(someLeft).isEqualTo(count(s, "PRAGMA freelist_count") > 0);
  }

  @Test
  void anOlderSqliteStateIsSwitchedOnlyWhenAskedAndItsWriteAheadLogIsTruncatedAfter() throws Exception {
    Store s = open(Databases.SQLITE);
    fillOutboxWithDeliveredRows(s);
    s.close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("monitor.db")); Statement q = c.createStatement()) {
      q.execute("PRAGMA auto_vacuum = NONE");
      q.execute("VACUUM");
    }
    s = open(Databases.SQLITE);
    assertThat(count(s, "PRAGMA auto_vacuum")).isZero();
    // A pruning neither rewrites the file nor loops over free pages it cannot give back.
    assertThat(s.retention().prune(NOW.plusSeconds(1), NOW).deliveries()).isEqualTo(2000);
    s.retention().reclaimSpace();
    assertThat(count(s, "PRAGMA auto_vacuum")).isZero();
    assertThat(count(s, "PRAGMA freelist_count")).isPositive();

    assertThat(s.retention().switchToIncrementalVacuum()).isTrue();

    assertThat(count(s, "PRAGMA auto_vacuum")).isEqualTo(2);
    assertThat(count(s, "PRAGMA freelist_count")).isZero();
    Path wal = dir.resolve("monitor.db-wal");
    assertThat(java.nio.file.Files.exists(wal) ? java.nio.file.Files.size(wal) : 0L).as("the write-ahead log after the rewrite").isZero();
    assertThat(s.retention().switchToIncrementalVacuum()).isFalse();
    assertThat(s.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void theWriteAheadLogIsCutBackAfterACheckpoint() {
    Store s = open(Databases.SQLITE);
    assertThat(count(s, "PRAGMA journal_size_limit")).isEqualTo(64L * 1024 * 1024);
  }

  private static void fillOutboxWithDeliveredRows(Store s) {
    String payload = "x".repeat(2000);
    List<OutboxEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      entries.add(new OutboxEntry("d-" + i, "team", "monitor.alert", null, 7, "subject", payload, NOW, NOW));
    }
    s.outbox().enqueue(entries);
    s.database().inTransaction(c -> {
      try (Statement u = c.createStatement()) {
        return u.executeUpdate("UPDATE outbox SET status = 'delivered', delivered_at = '" + Timestamps.format(NOW) + "'");
      }
    });
    checkpoint(s);
  }

  private static void checkpoint(Store s) {
    s.database().read(c -> {
      try (Statement q = c.createStatement()) {
        q.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      return null;
    });
  }
}
