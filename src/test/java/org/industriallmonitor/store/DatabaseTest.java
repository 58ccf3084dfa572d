package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  /** Where SQLite's migrations are (the file is never opened). */
  private static final Dialect SQLITE = Dialect.sqlite(Path.of("monitor.db"), Duration.ZERO);

  @TempDir Path dir;

  @Test
  void migratesToTheLastVersionInWalMode() {
    Path file = dir.resolve("sub/monitor.db");
    try (Database db = Database.open(file, Duration.ofSeconds(1))) {
      assertThat(db.schemaVersion()).isEqualTo(lastMigration());
      String journalMode = db.read(c -> {
        try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
          return rs.next() ? rs.getString(1) : null;
        }
      });
      assertThat(journalMode).isEqualTo("wal");
      assertThat(db.integrityCheck()).isEqualTo("ok");
    }
    assertThat(Sql.column(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        .contains("article_countries", "articles", "countries", "crawl_runs", "listing_pages");
  }

  @Test
  void aStateOfVersion9KeepsItsListingPagesAsEnglishOnesAtVersion10() throws Exception {
    Path file = dir.resolve("old.db");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
      for (int v = 1; v <= 9; v++) {
        try (var in = Database.class.getResourceAsStream(SQLITE.migration(v))) {
          for (String statement : SqlScript.statements(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))) {
            s.execute(statement);
          }
        }
      }
      s.execute("PRAGMA user_version = 9");
      s.execute("INSERT INTO listing_pages(region, from_offset, url, body_hash, text_hash, item_count, fetched_at)"
          + " VALUES (364, 10, 'https://example.org/search?regions=364&from=10', 'b', 't', 10, '2026-11-25T08:00:00.000Z')");
    }

    try (Store store = Store.open(file, Duration.ofSeconds(1))) {
      assertThat(store.listingPages().allFor(364, "en")).containsOnlyKeys(10);
      assertThat(store.listingPages().allFor(364, "es")).isEmpty();
      assertThat(store.countries().languageBaselineComplete(364, "es")).isFalse();
    }
    assertThat(Sql.column(file, "SELECT language || ' ' || from_offset || ' ' || url FROM listing_pages"))
        .containsExactly("en 10 https://example.org/search?regions=364&from=10");
  }

  /** A state a later release migrated: this release does not know its tables, and must not write into them. */
  @Test
  void aStateOfANewerSchemaThanThisReleaseKnowsIsRefusedAndLeftAsItWas() throws Exception {
    Path file = dir.resolve("monitor.db");
    int latest;
    try (Database db = Database.open(file, Duration.ofSeconds(1))) {
      latest = db.schemaVersion();
    }
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (latest + 1));
    }

    assertThatThrownBy(() -> Database.open(file, Duration.ofSeconds(1)))
        .isInstanceOf(StoreException.class)
        .hasMessage(file + " has schema version " + (latest + 1) + ", newer than this release's " + latest
            + ": a later release of industriall-monitor wrote it. Run that release (or newer) on it, or restore a"
            + " backup taken before the upgrade");
    assertThat(Sql.column(file, "PRAGMA user_version")).containsExactly(String.valueOf(latest + 1));
  }

  @Test
  void reopeningDoesNotMigrateAgain() {
    Path file = dir.resolve("monitor.db");
    try (Store store = Store.open(file, Duration.ofSeconds(1))) {
      store.countries().ensure(364, "Kyrgyzstan", Instant.EPOCH);
    }
    try (Database db = Database.open(file, Duration.ofSeconds(1))) {
      assertThat(db.schemaVersion()).isEqualTo(lastMigration());
      assertThat(Sql.count(file, "SELECT COUNT(*) FROM countries")).isEqualTo(1);
    }
  }

  @Test
  void anArticleIsRecordedWithItsAlertsOrNotAtAll() {
    try (Store store = Store.open(dir.resolve("monitor.db"), Duration.ofSeconds(1))) {
      ArticleRepository articles = store.articles();
      NewArticle row = new NewArticle("s", "u", "t", "2020-01-01", "K", "a.txt", "s.json", "h", false, false, null, null, Instant.EPOCH, java.util.List.of(364), "t");
      OutboxEntry broken = new OutboxEntry("id-1", "hook", "article.new", null, null, null, "{}", Instant.EPOCH, Instant.EPOCH);
      OutboxEntry alert = new OutboxEntry("id-2", "hook", "article.new", null, null, "subject", "{}", Instant.EPOCH, Instant.EPOCH);

      assertThatThrownBy(() -> articles.recordNew(row, Instant.EPOCH, List.of(alert, broken)))
          .isInstanceOf(StoreException.class).hasMessageContaining("NOT NULL");

      assertThat(articles.idOf("s")).isEmpty();
      assertThat(Sql.count(store.file(), "SELECT COUNT(*) FROM outbox")).as("the good alert went with the article").isZero();
      Optional<Long> id = articles.recordNew(row, Instant.EPOCH, List.of(alert));
      assertThat(id).isPresent();
      assertThat(Sql.column(store.file(), "SELECT article_id FROM outbox WHERE delivery_id = 'id-2'")).containsExactly(String.valueOf(id.get()));
      assertThat(articles.recordNew(row, Instant.EPOCH, List.of())).as("a second recording of the slug").isEqualTo(Optional.empty());
    }
  }

  @Test
  void notADatabaseIsAStoreErrorNamingTheFile() throws Exception {
    Path file = dir.resolve("monitor.db");
    Files.writeString(file, "this is not sqlite, just text that is long enough to look like a header......");

    assertThatThrownBy(() -> Database.open(file, Duration.ofSeconds(1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString());
  }

  private static int lastMigration() {
    int n = 0;
    while (Database.class.getResource(SQLITE.migration(n + 1)) != null) {
      n++;
    }
    return n;
  }
}
