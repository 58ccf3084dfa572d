package org.industriallmonitor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite database: one connection in WAL mode with a busy timeout, migrated on open from the
 * numbered files {@code db/migration/V1.sql, V2.sql, ...}; work runs one piece at a time.
 */
final class Database implements AutoCloseable {
  static final String MIGRATIONS = "/db/migration/V%d.sql";

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}: whether the connection commits with synchronous=NORMAL now. */
  private boolean lightCommits;

  private Database(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  static Database open(Path file, Duration busyTimeout) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      SqliteNativeLibrary.useCopyIn(parent.resolve(".native"));
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout((int) busyTimeout.toMillis());
      config.enforceForeignKeys(true);
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
      Database db = new Database(file, connection);
      db.migrate();
      return db;
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the database only to read it, as it is on disk: no migration, no write, and no
   * write-ahead-log index file, which a read-only folder could not hold (SQLite's immutable mode).
   * For {@code status} on a state folder it may not write to.
   */
  static Database openReadOnly(Path file) {
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?immutable=1", config.toProperties());
      return new Database(file, connection);
    } catch (SQLException e) {
      throw new StoreException("cannot open the database " + file + " for reading: " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  /**
   * Runs {@code work} in one transaction: all of it is committed, or none of it, and durably
   * (the write-ahead log is fsynced) before this returns.
   */
  <T> T inTransaction(SqlWork<T> work) {
    return transaction(work, false);
  }

  /**
   * Runs {@code work} in one transaction committed with {@code synchronous=NORMAL}: it survives
   * a killed process, but a power loss may roll it back. Only for rows a later crawl writes
   * again by itself (crawl runs, listing page states, links, attempts), never for articles,
   * alerts or a baseline's completion.
   */
  <T> T inLightTransaction(SqlWork<T> work) {
    return transaction(work, true);
  }

  private <T> T transaction(SqlWork<T> work, boolean light) {
    lock.lock();
    try {
      synchronous(light);
      connection.setAutoCommit(false);
      T result;
      try {
        result = work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(e);
        autoCommit(e);
        throw e;
      }
      autoCommit(null);
      return result;
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Rolls back after {@code cause}. A full disk or an I/O error makes SQLite roll back by itself,
   * and a second rollback then fails: that must not hide the cause.
   */
  private void rollback(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Back to auto-commit. sqlite-jdbc commits there, which fails when SQLite has rolled back by
   * itself: after {@code failure}, that second error is kept beside it, never in its place.
   */
  private void autoCommit(Exception failure) throws SQLException {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  /** The error of a statement: a {@link StorageFailure} when the disk is the cause. */
  StoreException failure(SQLException e) {

    return StorageFailure.of(file, e).map(StoreException.class::cast)
        .orElseGet(() -> new StoreException("database " + file + ": " + e.getMessage(), e));
  }

  private void synchronous(boolean light) throws SQLException {
    if (light != lightCommits) {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA synchronous = " + (light ? "NORMAL" : "FULL"));
      }
      lightCommits = light;
    }
  }

  /** Runs read-only {@code work}. */
  <T> T read(SqlWork<T> work) {
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  /** The schema version, the number of the last migration applied. */
  int schemaVersion() {
    return read(Database::userVersion);
  }

  /** Result of {@code PRAGMA integrity_check}: "ok" for a healthy file. */
  String integrityCheck() {
    return read(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        return rs.next() ? rs.getString(1) : "no answer";
      }
    });
  }

  private void migrate() throws SQLException, IOException {
    int version = userVersion(connection);
    while (true) {
      String resource = String.format(MIGRATIONS, version + 1);
      String sql;
      try (InputStream in = Database.class.getResourceAsStream(resource)) {
        if (in == null) {
          return;
        }
        sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int next = version + 1;
      inTransaction(c -> {
        try (Statement s = c.createStatement()) {
          for (String statement : SqlScript.statements(sql)) {
            s.execute(statement);
          }
          s.execute("PRAGMA user_version = " + next);
        }
        return null;
      });
      version = next;
    }
  }

  private static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the database " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
