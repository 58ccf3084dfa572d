package org.industriallmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a daemon: one instance per state folder, and a clean stop on SIGTERM. */
class DaemonJarIT {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path db;

  @BeforeEach
  void start() throws Exception {
    db = dir.resolve("state/monitor.db");
  }

  @Test
  void secondInstanceIsRefusedAndSigtermExitsZeroWithTheDatabaseIntact() throws Exception {
    TestConfig.site(replica.baseUrl()).topLevel("schedule: {every: 500ms, jitter: 0ms}").country("Kyrgyzstan", 364).writeTo(dir);

    try (JarProcess daemon = JarProcess.start(dir, "run")) {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Files.exists(db)
          && Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE finished_at IS NOT NULL") >= 2);

      assertThat(daemon.out()).contains("industriall-monitor running (pid " + daemon.pid() + "): 1 country, state ");
      try (JarProcess second = JarProcess.start(dir, "run")) {
        assertThat(second.waitFor(30)).isEqualTo(4);
        assertThat(second.err()).contains("another monitor process (`run`, pid " + daemon.pid() + ") is using the state folder")
            .contains("Only one daemon may run per state folder");
      }
      try (JarProcess once = JarProcess.start(dir, "once")) {
        assertThat(once.waitFor(30)).isEqualTo(4);
        assertThat(once.err()).contains("A daemon is already crawling this state folder");
      }
      try (JarProcess status = JarProcess.start(dir, "status")) {
        assertThat(status.waitFor(30)).isZero();
        assertThat(status.out()).contains("A daemon is running on this state folder (pid " + daemon.pid() + ")")
            .containsPattern("Kyrgyzstan\\s+364\\s+27\\s+\\S+ \\S+\\s+\\S+ \\S+\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
      }

      daemon.process().destroy();

      assertThat(daemon.waitFor(15)).as(daemon.toString()).isZero();
      assertThat(daemon.err()).contains("stopped cleanly");
    }
    assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE finished_at IS NULL")).isZero();
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM schedule")).as("no next runs once stopped").isZero();
    assertThat(dir.resolve("logs/monitor.log")).content().contains("crawl Kyrgyzstan (region 364): pages 3");
  }

  @Test
  void sigtermDuringACrawlStopsWithinTenSecondsWithoutHalfWrittenFiles() throws Exception {
    TestConfig.site(replica.baseUrl()).site("request_delay", "250ms").topLevel("schedule: {every: 1h, jitter: 0ms}")
        .country("Kazakhstan", 169).writeTo(dir);

    try (JarProcess daemon = JarProcess.start(dir, "run")) {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Files.exists(db)
          && Sql.count(db, "SELECT COUNT(*) FROM articles") >= 3);

      long signalled = System.nanoTime();
      daemon.process().destroy();

      assertThat(daemon.waitFor(20)).as(daemon.toString()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
    assertThat(Sql.column(db, "SELECT error FROM crawl_runs")).singleElement().asString().startsWith("interrupted");
    long archivedFiles;
    try (Stream<Path> files = Files.walk(dir.resolve("state/archive"))) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
    }
    try (Stream<Path> files = Files.walk(dir.resolve("state/archive/articles"))) {
      archivedFiles = files.filter(p -> p.toString().endsWith(".txt")).count();
    }
    assertThat(archivedFiles).isGreaterThanOrEqualTo(Sql.count(db, "SELECT COUNT(*) FROM articles"));
  }
}
