package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Group commit on both databases: a failing piece of work is undone alone (its savepoint), the rest committed. */
class GroupCommitTest {
  @TempDir Path dir;
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();

  @ParameterizedTest
  @EnumSource(Databases.class)
  void concurrentWorkIsCommittedAndAFailingPieceIsUndoneAlone(Databases database) throws Exception {
    Path file = dir.resolve("monitor.db");
    PostgresTarget target = database == Databases.POSTGRESQL ? postgres.newDatabase() : null;
    try (Database db = target != null ? Database.open(target) : Database.open(file, Duration.ofSeconds(5))) {
      GroupCommit commits = new GroupCommit(db);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          start.await();
          try {
            return commits.run(c -> {
              try (PreparedStatement insert = c.prepareStatement(
                  "INSERT INTO countries(region, name, added_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, n);
                insert.setString(2, "country " + n);
                insert.setString(3, Timestamps.format(Instant.EPOCH));
                insert.executeUpdate();
              }
              if (n % 50 == 7) {
                throw new java.sql.SQLException("work " + n + " fails");
              }
              return "ok " + n;
            });
          } catch (StoreException e) {
            return "failed: " + e.getMessage();
          }
        }));
      }
      start.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> result : results) {
        outcomes.add(result.get());
      }
      pool.shutdown();

      assertThat(outcomes).filteredOn(o -> o.startsWith("failed")).hasSize(4).allSatisfy(o -> assertThat(o).contains("fails"));
      assertThat(count(db, "SELECT COUNT(*) FROM countries")).isEqualTo(196);
      assertThat(count(db, "SELECT COUNT(*) FROM countries WHERE region % 50 = 7")).isZero();
    }
  }

  private static long count(Database db, String query) {
    return db.read(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery(query)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
