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
import org.industriallmonitor.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void concurrentWorkIsCommittedAndAFailingPieceIsUndoneAlone() throws Exception {
    Path file = dir.resolve("monitor.db");
    try (Database db = Database.open(file, Duration.ofSeconds(5))) {
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
      assertThat(Sql.count(file, "SELECT COUNT(*) FROM countries")).isEqualTo(196);
      assertThat(Sql.count(file, "SELECT COUNT(*) FROM countries WHERE region % 50 = 7")).isZero();
    }
  }
}
