package org.industriallmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The daemon prunes as it runs: with a short retention, crawl runs come and go and their count stays bounded. */
class DaemonRetentionTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void aDaemonWithATwoSecondRetentionKeepsItsCrawlRunsBounded() throws Exception {
    Path configFile = TestConfig.site(replica.baseUrl())
        .topLevel("schedule:\n  every: 200ms\n  jitter: 0ms")
        .country("Kyrgyzstan", 364)
        .storage("retention", "2s").storage("prune_every", "1s")
        .writeTo(dir);
    Path db = dir.resolve("state/monitor.db");
    MonitorConfig config = new ConfigLoader(System::getenv).load(configFile);
    try (Components parts = Components.of(config); Daemon daemon = parts.daemon(2, new ConfigLoader(System::getenv), c -> c)) {
      daemon.start(config, Duration.ofMillis(100));

      // Runs keep being recorded, far more than two seconds' worth, while those older than that are pruned:
      // at most the retention's and one pruning interval's worth are ever there at once.
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(Sql.count(db, "SELECT COALESCE(MAX(id), 0) FROM crawl_runs")).isGreaterThanOrEqualTo(40);
        assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs")).isBetween(1L, 20L);
      });
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE id = (SELECT MIN(id) FROM crawl_runs)"
          + " AND id > 1")).isEqualTo(1); // the first runs are gone
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(27); // articles are never pruned
      assertThat(Sql.count(db, "SELECT pages FROM pruned_crawl_pages WHERE region = 364")).isPositive();
    }
  }
}
