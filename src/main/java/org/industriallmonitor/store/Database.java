package org.industriallmonitor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.industriallmonitor.config.PostgresTarget;

/**
 * The database, whichever its {@link Dialect}: one connection (opened again when the dialect finds it
 * lost), migrated on open from the dialect's numbered files; work runs one piece at a time, in
 * transactions fully durable or light.
 */
final class Database implements AutoCloseable {
  private final Dialect dialect;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}. */
  private Connection connection;
  /** Guarded by {@link #lock}: whether the connection's commits are light now. */
  /**
   * How the connection commits now: null until this class has said so on it. A new connection is told
   * explicitly at its first transaction, rather than trusted to be durable: a PostgreSQL server may be
   * configured with {@code synchronous_commit = off}, and a full commit must wait for the disk anyway.
   */
  private Boolean lightCommits;

  private Database(Dialect dialect, Connection connection) {
    this.dialect = dialect;
    this.connection = connection;
  }

  /** Opens (creating when needed) and migrates the database of {@code dialect}. */
  static Database open(Dialect dialect) {
    Database db = new Database(dialect, dialect.connect());
    try {
      db.migrate();
    } catch (SQLException | IOException e) {
      db.closeAfter(e);
      throw dialect.migrationFailure(e);
    } catch (RuntimeException e) {
      db.closeAfter(e);
      throw e;
    }
    return db;
  }

  /** Opens and migrates the PostgreSQL database {@code target}. */
  static Database open(PostgresTarget target) {
    return open(Dialect.postgres(target));
  }

  /** Opens and migrates the SQLite file {@code file}. */
  static Database open(Path file, Duration busyTimeout) {
    return open(Dialect.sqlite(file, busyTimeout));
  }

  /**
   * Opens the SQLite file only to read it, as it is on disk: no migration, no write. For
   * {@code status} on a state folder it may not write to.
   */
  static Database openReadOnly(Path file) {
    Dialect dialect = Dialect.sqliteReadOnly(file);
    return new Database(dialect, dialect.connect());
  }

  /**
   * Opens the database of {@code dialect} as it is, to copy it: never migrated, so that a copy taken by a newer
   * release holds what the release that wrote it wrote. Refused when a later release wrote it, as {@link #open} refuses.
   */
  static Database openAsItIs(Dialect dialect) {
    Database db = new Database(dialect, dialect.connect());
    try {
      db.refuseNewerSchema(db.schemaVersion());
    } catch (RuntimeException e) {
      db.closeAfter(e);
      throw e;
    }
    return db;
  }

  Dialect dialect() {
    return dialect;
  }

  /** The database as a user names it, for messages: its file, or its address (no password). */
  String describe() {
    return dialect.describe();
  }

  /** The SQLite file; null when the database is on a server. */
  Path file() {
    return dialect.file();
  }

  /**
   * Runs {@code work} in one transaction: all of it is committed, or none of it, and durably
   * (the write-ahead log is fsynced) before this returns.
   */
  <T> T inTransaction(SqlWork<T> work) {
    return transaction(work, false);
  }

  /**
   * Runs {@code work} in one transaction committed lightly (SQLite's {@code synchronous=NORMAL},
   * PostgreSQL's {@code synchronous_commit=off}): it survives
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
      reconnectIfLost();
      commitDurability(light);
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
    return dialect.failure(e);
  }

  private void reconnectIfLost() throws SQLException {
    Connection current = dialect.reconnectIfLost(connection);
    if (current != connection) {
      connection = current;
      lightCommits = null;
    }
  }

  private void commitDurability(boolean light) throws SQLException {
    if (!Boolean.valueOf(light).equals(lightCommits)) {
      try (Statement s = connection.createStatement()) {
        s.execute(dialect.commitDurability(light));
      }
      lightCommits = light;
    }
  }

  /** Runs read-only {@code work}. */
  <T> T read(SqlWork<T> work) {
    lock.lock();
    try {
      reconnectIfLost();
      return work.run(connection);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  /** The schema version, the number of the last migration applied. */
  int schemaVersion() {
    return read(dialect::schemaVersion);
  }

  /** "ok" for a healthy database (SQLite's {@code PRAGMA integrity_check}; a server that answers). */
  String integrityCheck() {
    return read(dialect::integrityCheck);
  }

  /** A copy of the database at {@code target}, read back from the copy, where the dialect can take one ({@link Dialect#copyTo}). */
  DatabaseCopy copyTo(Path target) {
    return read(c -> dialect.copyTo(c, target));
  }

  private void migrate() throws SQLException, IOException {
    dialect.migrateAlone(connection, () -> migrateFrom(dialect.schemaVersion(connection)));
  }

  private void migrateFrom(int version) throws SQLException, IOException {
    if (version == 0) {
      version = dialect.firstMigration() - 1;
    }
    refuseNewerSchema(version);
    while (true) {
      String resource = dialect.migration(version + 1);
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
          s.execute(dialect.recordSchemaVersion(next));
        }
        return null;
      });
      version = next;
    }
  }

  /** A later release migrated it: its tables mean what this release cannot know, so nothing is written. */
  private void refuseNewerSchema(int version) {
    int latest = latestMigration();
    if (version > latest) {
      throw new StoreException(dialect.describe() + " has schema version " + version + ", newer than this release's " + latest
          + ": a later release of industriall-monitor wrote it. Run that release (or newer) on it, or restore a backup"
          + " taken before the upgrade", null);
    }
  }

  /** The version of the last migration this release carries. */
  int latestMigration() {
    int version = dialect.firstMigration();
    while (Database.class.getResource(dialect.migration(version + 1)) != null) {
      version++;
    }
    return version;
  }

  /** Closes the connection after {@code failure}, which an error in closing must not hide. */
  private void closeAfter(Exception failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the database " + describe() + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
