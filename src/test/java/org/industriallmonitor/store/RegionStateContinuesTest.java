package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The user wrote the site's new id: every row of the country's state continues under it, on both databases. */
class RegionStateContinuesTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
  private static final String T = "'" + Timestamps.format(NOW) + "'";

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void everyRowKeyedByTheOldIdMovesToTheNewOneAndTheMoveIsForgotten(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    s.countries().ensure(364, "Kyrgyzstan", NOW);
    s.countries().markBaselineComplete(364, NOW);
    s.countries().ensure(169, "Kazakhstan", NOW);
    execute(s,
        "INSERT INTO country_languages(region, language, baseline_completed_at) VALUES (364, 'es', " + T + ")",
        "INSERT INTO listing_pages(region, language, from_offset, url, body_hash, text_hash, item_count, fetched_at)"
            + " VALUES (364, 'en', 0, 'u0', 'b', 't', 10, " + T + ")",
        "INSERT INTO listing_pages(region, language, from_offset, url, body_hash, text_hash, item_count, fetched_at)"
            + " VALUES (364, 'en', 10, 'u1', 'b', 't', 10, " + T + ")",
        "INSERT INTO articles(slug, url, title, published, countries, archive_path, sidecar_path, sha256, baseline, fetched_at,"
            + " detected_at) VALUES ('a', 'u', 't', '2026-12-01', 'Kyrgyzstan', 'p', 's', 'h', 1, " + T + ", " + T + ")",
        "INSERT INTO article_countries(article_id, region, first_seen_at) SELECT id, 364, " + T + " FROM articles",
        "INSERT INTO article_countries(article_id, region, first_seen_at) SELECT id, 169, " + T + " FROM articles",
        "INSERT INTO crawl_runs(region, started_at, finished_at, baseline) VALUES (364, " + T + ", " + T + ", 1)",
        "INSERT INTO schedule(region, next_run_at, describe, updated_at) VALUES (364, " + T + ", 'every 30m', " + T + ")",
        // The daemon schedules the new id as soon as the user writes it: that row is the one in force.
        "INSERT INTO schedule(region, next_run_at, describe, updated_at) VALUES (9364, " + T + ", 'every 1h', " + T + ")",
        "INSERT INTO country_health(region, consecutive_failures, alert_open, updated_at) VALUES (364, 2, 1, " + T + ")",
        "INSERT INTO degraded_articles(slug, url, region, reason, first_seen_at, last_seen_at) VALUES ('d', 'u', 364, 'r', " + T + ", " + T + ")",
        "INSERT INTO pruned_crawl_pages(region, pages) VALUES (364, 12)",
        "INSERT INTO outbox(delivery_id, channel, event, region, subject, payload, next_attempt_at, created_at)"
            + " VALUES ('x', 'team', 'monitor.alert', 364, 's', '{}', " + T + ", " + T + ")");
    s.regionMoves().record(new RegionMove(364, "Kyrgyzstan", 9364, "Kyrgyzstan", NOW), List::of);

    assertThat(s.regionMoves().continueUnder(364, 9364)).isTrue();

    for (String table : List.of("countries", "country_languages", "listing_pages", "article_countries", "crawl_runs", "schedule",
        "country_health", "degraded_articles", "pruned_crawl_pages", "outbox")) {
      assertThat(column(s, "SELECT COUNT(*) FROM " + table + " WHERE region = 364")).as(table).containsExactly("0");
    }
    assertThat(column(s, "SELECT baseline_completed_at IS NOT NULL FROM countries WHERE region = 9364")).containsExactly(
        database == Databases.SQLITE ? "1" : "t");
    assertThat(column(s, "SELECT language FROM country_languages WHERE region = 9364")).containsExactly("es");
    assertThat(column(s, "SELECT from_offset FROM listing_pages WHERE region = 9364 ORDER BY from_offset")).containsExactly("0", "10");
    assertThat(column(s, "SELECT region FROM article_countries ORDER BY region")).containsExactly("169", "9364");
    assertThat(column(s, "SELECT COUNT(*) FROM crawl_runs WHERE region = 9364")).containsExactly("1");
    assertThat(column(s, "SELECT describe FROM schedule WHERE region = 9364")).containsExactly("every 1h");
    assertThat(column(s, "SELECT consecutive_failures FROM country_health WHERE region = 9364")).containsExactly("2");
    assertThat(column(s, "SELECT slug FROM degraded_articles WHERE region = 9364")).containsExactly("d");
    assertThat(column(s, "SELECT pages FROM pruned_crawl_pages WHERE region = 9364")).containsExactly("12");
    assertThat(column(s, "SELECT delivery_id FROM outbox WHERE region = 9364")).containsExactly("x");
    assertThat(s.regionMoves().all()).isEmpty();
    assertThat(s.countries().ensure(9364, "Kyrgyzstan", NOW)).as("the baseline continues: no second one").isTrue();

    assertThat(s.regionMoves().continueUnder(364, 9364)).as("once only").isFalse();
    assertThat(s.regionMoves().continueUnder(169, 9364)).as("never over a state of the new id's own").isFalse();
    assertThat(column(s, "SELECT region FROM countries ORDER BY region")).containsExactly("169", "9364");
  }

  private static void execute(Store s, String... statements) {
    s.database().inTransaction(c -> {
      try (Statement u = c.createStatement()) {
        for (String sql : statements) {
          u.executeUpdate(sql);
        }
      }
      return null;
    });
  }

  private static List<String> column(Store s, String sql) {
    return s.database().read(c -> {
      List<String> values = new ArrayList<>();
      try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery(sql)) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    });
  }
}
