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
import org.industriallmonitor.config.PostgresTarget;
import org.sqlite.SQLiteConfig;

/**
 * The database: SQLite (one connection in WAL mode with a busy timeout) or PostgreSQL (one
 * connection, opened again when the server drops it), migrated on open from the numbered files of
 * its {@link Dialect}; work runs one piece at a time.
 */
final class Database implements AutoCloseable {
  private final Path file;
  private final Dialect dialect;
  private final PostgresTarget postgres;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}. */
  private Connection connection;
  /** Guarded by {@link #lock}: whether the connection commits with synchronous=NORMAL now. */
  private boolean lightCommits;

  private Database(Path file, Connection connection) {
    this.file = file;
    this.dialect = Dialect.SQLITE;
    this.postgres = null;
    this.connection = connection;
  }

  private Database(PostgresTarget postgres, Connection connection) {
    this.file = null;
    this.dialect = Dialect.POSTGRESQL;
    this.postgres = postgres;
    this.connection = connection;
  }

  /** Opens and migrates the PostgreSQL database {@code target}. */
  static Database open(PostgresTarget target) {
    Database db = new Database(target, connect(target));
    try {
      db.migrate();
    } catch (SQLException | IOException e) {
      db.close();
      throw new StoreException("cannot migrate the database " + target.display() + ": " + e.getMessage(), e);
    }
    return db;
  }

  private static Connection connect(PostgresTarget target) {
    java.util.Properties properties = new java.util.Properties();
    if (target.user() != null) {
      properties.setProperty("user", target.user());
    }
    if (target.password() != null) {
      properties.setProperty("password", target.password());
    }
    properties.setProperty("ApplicationName", "industriall-monitor");
    try {
      return DriverManager.getConnection(target.jdbcUrl(), properties);
    } catch (SQLException e) {
      throw new StoreException("cannot connect to the database " + target.display() + ": " + e.getMessage()
          + (target.user() == null ? " (no user: set PGUSER, or write postgresql://${PGUSER}@HOST:PORT/DB)" : ""), e);
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** The database as a user names it, for messages: its file, or its address (no password). */
  String describe() {
    return postgres != null ? postgres.display() : file.toString();
  }

  static Database open(Path file, Duration busyTimeout) {
    StateOwnership.refuseForeignDatabase(file);
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
      try {
        StateOwnership.refuseForeignTables(connection, file);
      } catch (ForeignStateException e) {
        connection.close();
        throw e;
      }
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
    StateOwnership.refuseForeignDatabase(file);
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?immutable=1", config.toProperties());
      try {
        StateOwnership.refuseForeignTables(connection, file);
      } catch (ForeignStateException e) {
        connection.close();
        throw e;
      }
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
      reconnectIfLost();
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
    if (postgres != null) {
      return StorageFailure.ofServer(postgres.display(), e).map(StoreException.class::cast)
          .orElseGet(() -> new StoreException("database " + postgres.display() + ": " + e.getMessage(), e));
    }
    return StorageFailure.of(file, e).map(StoreException.class::cast)
        .orElseGet(() -> new StoreException("database " + file + ": " + e.getMessage(), e));
  }

  /**
   * A PostgreSQL server that restarted or a network that dropped leaves a closed connection: the
   * next piece of work opens a new one (the failed piece was rolled back by the server).
   */
  private void reconnectIfLost() throws SQLException {
    if (postgres == null || connection.isValid(5)) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // It is lost already.
    }
    connection = connect(postgres);
    lightCommits = false;
  }

  private void synchronous(boolean light) throws SQLException {
    if (postgres != null) {
      if (light != lightCommits) {
        // Not waiting for the WAL flush: what a killed server loses, a later crawl writes again.
        try (Statement s = connection.createStatement()) {
          s.execute("SET synchronous_commit = " + (light ? "off" : "on"));
        }
        lightCommits = light;
      }
      return;
    }
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
    return read(this::userVersion);
  }

  /** Result of {@code PRAGMA integrity_check}: "ok" for a healthy file. */
  String integrityCheck() {
    if (postgres != null) {
      // The server keeps its own files whole; that it answers is what can be checked from here.
      return read(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
          return rs.next() ? "ok" : "no answer";
        }
      });
    }
    return read(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        return rs.next() ? rs.getString(1) : "no answer";
      }
    });
  }

  private void migrate() throws SQLException, IOException {
    if (dialect == Dialect.SQLITE) {
      int version = userVersion(connection);
      if (version == 0) {
        // Pruned history's space can be given back (RetentionRepository): switched on while the file is empty, where
        // VACUUM takes no time (WAL mode has written the header already, so the pragma alone would not hold).
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA auto_vacuum = INCREMENTAL");
          s.execute("VACUUM");
        }
      }
      migrateFrom(version);
      return;
    }
    // Nodes that start together migrate one after the other: the second finds the schema current. Waiting for the
    // other node's migration, and a long migration, may take longer than one answer is given (the address's
    // socketTimeout): no read time-out meanwhile.
    int answerTimeout = connection.getNetworkTimeout();
    connection.setNetworkTimeout(Runnable::run, 0);
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
    }
    try {
      migrateFrom(userVersion(connection));
    } finally {
      try (Statement s = connection.createStatement()) {
        s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
      }
      connection.setNetworkTimeout(Runnable::run, answerTimeout);
    }
  }

  /** The key of PostgreSQL's advisory lock held while migrating (any number no other program of the database uses). */
  private static final long MIGRATION_LOCK = 0x1A_D057_2011L;

  private void migrateFrom(int version) throws SQLException, IOException {
    if (version == 0) {
      version = dialect.firstMigration() - 1;
    }
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
          if (dialect == Dialect.SQLITE) {
            s.execute("PRAGMA user_version = " + next);
          } else {
            s.execute("UPDATE schema_version SET version = " + next);
          }
        }
        return null;
      });
      version = next;
    }
  }

  private int userVersion(Connection c) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      // Two nodes starting at once: the table is created once, and the second waits for the first's migrations.
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        s.execute("INSERT INTO schema_version(version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)");
        try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    }
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
      throw new StoreException("cannot close the database " + describe() + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
