package org.industriallmonitor.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a monitor database the way a user with the sqlite3 shell (or psql) would. */
public final class Sql {
  private Sql() {}

  public static long count(org.industriallmonitor.config.PostgresTarget db, String query) {
    return Long.parseLong(column(db, query).get(0));
  }

  /** The first column of every row of {@code query} on a PostgreSQL database, as text. */
  public static List<String> column(org.industriallmonitor.config.PostgresTarget db, String query) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password())) {
      return column(c, query);
    } catch (SQLException e) {
      throw new IllegalStateException(query + ": " + e.getMessage(), e);
    }
  }

  public static long count(Path db, String query) {
    return Long.parseLong(column(db, query).get(0));
  }

  /** The first column of every row of {@code query}, as text. */
  public static List<String> column(Path db, String query) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return column(c, query);
    } catch (SQLException e) {
      throw new IllegalStateException(query + ": " + e.getMessage(), e);
    }
  }

  /** The first column of every row of {@code query} on the database of {@code storage}, as text. */
  public static List<String> column(org.industriallmonitor.config.StorageConfig storage, String query) {
    return storage.postgres() != null ? column(storage.postgres(), query) : column(storage.database(), query);
  }

  /** Runs {@code statements} in one transaction on the database of {@code storage}, as a user with a shell would. */
  public static void execute(org.industriallmonitor.config.StorageConfig storage, String... statements) {
    if (storage.postgres() != null) {
      execute(storage.postgres(), statements);
    } else {
      execute(storage.database(), statements);
    }
  }

  /** Runs {@code statements} in one transaction on a PostgreSQL database (a test's own fault: a trigger that fails a write, say). */
  public static void execute(org.industriallmonitor.config.PostgresTarget db, String... statements) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password())) {
      execute(c, statements);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs {@code statements} in one transaction on a SQLite database. */
  public static void execute(Path db, String... statements) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      execute(c, statements);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void execute(Connection c, String... statements) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
    c.commit();
  }

  private static List<String> column(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
