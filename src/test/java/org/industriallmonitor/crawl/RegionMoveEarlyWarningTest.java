package org.industriallmonitor.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Monitor;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A move recorded (by another node) while an early-warning poll is under way: the item it places is archived, not left aside. */
class RegionMoveEarlyWarningTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Components parts;

  @AfterEach
  void close() {
    if (parts != null) {
      parts.close();
    }
  }

  @Test
  void anItemFoundOutsideWhileAMoveIsRecordedIsFetchedAgainByTheNextPoll() throws Exception {
    // The site's name for the country is not the configured one: only a recorded move places its articles.
    Path file = TestConfig.site(replica.baseUrl()).site("early_warning", "{source: rss, every: 1h}").country("Kyrgyz Republic", 364)
        .writeTo(dir);
    MonitorConfig config = new ConfigLoader(name -> null).load(file);
    parts = Components.of(config);
    Monitor monitor = parts.monitor();
    assertThat(monitor.pollEarlyWarning(false)).isPresent();
    replica.catalog().renumberRegions(Map.of(364, 9364));
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(9364), LocalDate.of(2026, 11, 20), 0);
    // While the poll fetches the article, another node records the move and looks again at what was left aside.
    replica.tweaks().onRequest("/" + fresh.slug(), () -> {
      parts.store().regionMoves().record(new RegionMove(364, "Kyrgyz Republic", 9364, "Kyrgyzstan", Instant.now()), List::of);
      parts.store().earlyWarning().reconsiderPlacements();
    });

    PollReport during = monitor.pollEarlyWarning(false).orElseThrow();
    assertThat(during.archived()).isZero();
    PollReport next = monitor.pollEarlyWarning(false).orElseThrow();

    assertThat(next.archived()).as(next.notes().toString()).isEqualTo(1);
    Path db = dir.resolve("state/monitor.db");
    assertThat(Sql.column(db, "SELECT region FROM article_countries WHERE article_id = (SELECT id FROM articles WHERE slug = '"
        + fresh.slug() + "')")).containsExactly("364");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM early_warning_skipped WHERE reason = 'outside'")).isZero();
  }
}
