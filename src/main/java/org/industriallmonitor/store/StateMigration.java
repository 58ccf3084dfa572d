package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an SQLite state into an empty PostgreSQL database ({@code migrate --to}): every table the
 * monitor keeps, row by row with the same ids, the search index with it, in one transaction on
 * the target; then counts each table on both sides.
 */
public final class StateMigration {
  /**
   * The tables copied, parents before children. Left out: the web console's row and the nodes
   * (they describe processes of the old state) and the search index, copied apart.
   */
  static final List<String> TABLES = List.of("countries", "articles", "article_countries", "article_versions", "listing_pages",
      "country_languages", "crawl_runs", "pruned_crawl_pages", "schedule", "outbox", "country_health", "gone_articles", "degraded_articles",
      "learned_selectors", "early_warning", "early_warning_skipped", "region_moves", "site_moves",
      "article_channels", "article_themes");
  private static final int BATCH = 1000;

  private StateMigration() {}

  /** One table's rows in the source and in the target after the copy. */
  public record TableCount(String table, long source, long target) {
    public boolean matches() {
      return source == target;
    }
  }

  /** Thrown when the target already holds a state: a copy never mixes two. */
  public static final class TargetNotEmptyException extends StoreException {
    TargetNotEmptyException(String message) {
      super(message, null);
    }
  }

  /**
   * Copies {@code source} (SQLite) into {@code target} (PostgreSQL, migrated and empty) and
   * returns the counts of both, table by table, the search index last.
   */
  public static List<TableCount> copy(Store source, Store target) {
    Database from = source.database();
    Database to = target.database();
    // The source is one node's file, the target a database nodes share.
    if (from.dialect().shared() || !to.dialect().shared()) {
      throw new IllegalArgumentException("a state is copied from SQLite to PostgreSQL");
    }
    List<String> occupied = to.read(c -> {
      List<String> tables = new ArrayList<>();
      for (String table : TABLES) {
        if (count(c, table) > 0) {
          tables.add(table);
        }
      }
      return tables;
    });
    if (!occupied.isEmpty()) {
      throw new TargetNotEmptyException("the database " + to.describe() + " already holds a state (rows in "
          + String.join(", ", occupied) + "): migrate copies into an empty database only; create a new one (createdb) and try again");
    }
    from.read(src -> to.inTransaction(dst -> {
      for (String table : TABLES) {
        copyTable(src, dst, table);
      }
      copySearchIndex(src, from.dialect(), dst, to.dialect());
      // Identity columns go on after the copied ids.
      for (String table : List.of("articles", "crawl_runs", "outbox")) {
        try (Statement s = dst.createStatement()) {
          s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM " + table
              + "), false)");
        }
      }
      return null;
    }));
    List<TableCount> counts = new ArrayList<>();
    for (String table : TABLES) {
      counts.add(new TableCount(table, from.read(c -> count(c, table)), to.read(c -> count(c, table))));
    }
    counts.add(new TableCount("article_search", from.read(c -> count(c, "article_search")), to.read(c -> count(c, "article_search"))));
    return counts;
  }

  private static void copyTable(Connection src, Connection dst, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    try (Statement s = dst.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE false")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnName(i));
        types.add(meta.getColumnType(i));
      }
    }
    String list = String.join(", ", columns);
    try (Statement read = src.createStatement();
        ResultSet rows = read.executeQuery("SELECT " + list + " FROM " + table);
        PreparedStatement insert = dst.prepareStatement("INSERT INTO " + table + "(" + list + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")")) {
      int pending = 0;
      while (rows.next()) {
        for (int i = 0; i < columns.size(); i++) {
          Object value = rows.getObject(i + 1);
          if (value == null) {
            insert.setNull(i + 1, types.get(i));
          } else {
            insert.setObject(i + 1, value, types.get(i));
          }
        }
        insert.addBatch();
        if (++pending == BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
  }

  private static void copySearchIndex(Connection src, Dialect source, Connection dst, Dialect target) throws SQLException {
    try (Statement read = src.createStatement(); ResultSet rows = read.executeQuery(source.searchedArticles())) {
      while (rows.next()) {
        SearchIndex.add(target, dst, rows.getLong(1), rows.getString(2), rows.getString(3));
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
