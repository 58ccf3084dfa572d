package org.industriallmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.CrawlCounts;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.SqliteLockHolder;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A pruning that fails (the database held by another process) is logged, never thrown, and the next one prunes. */
class PruneHistoryTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void aFailedPruningIsNotFatalAndTheNextOnePrunes() throws Exception {
    Path configFile = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).storage("busy_timeout", "200ms").writeTo(dir);
    MonitorConfig config = new ConfigLoader(System::getenv).load(configFile);
    Path db = dir.resolve("state/monitor.db");
    Instant old = Instant.now().minus(Duration.ofDays(200));
    try (Components parts = Components.of(config)) {
      Store store = parts.store();
      for (int i = 0; i < 3; i++) {
        long run = store.runs().start(364, false, old.plusSeconds(i));
        store.runs().finish(run, new CrawlCounts(1, 1, 0, 0), null, old.plusSeconds(i));
      }
      try (var locked = SqliteLockHolder.lockInAnotherProcess(db)) {
        assertThat(parts.monitor().pruneHistory()).isEmpty();
      }

      assertThat(parts.monitor().pruneHistory()).hasValueSatisfying(pruned -> assertThat(pruned.crawlRuns()).isEqualTo(2));
    }
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs")).isEqualTo(1);
  }
}
