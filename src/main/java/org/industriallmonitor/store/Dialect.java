package org.industriallmonitor.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.config.StorageConfig;

/**
 * What differs between the two databases the state can live in, each in its own class: how to
 * connect and reconnect, where the migrations are and how the schema version is kept, how durable a
 * commit is, how nodes claim rows, how the archive is searched, and how the space of pruned rows is given back. {@link Database} and the
 * repositories hold the SQL both understand and ask their dialect for the rest, never which one it
 * is: the one place that picks a dialect is the factories here.
 */
sealed interface Dialect permits SqliteDialect, PostgresDialect {

  /** The dialect of the database {@code storage} names: a PostgreSQL address, or else an SQLite file. */
  static Dialect of(StorageConfig storage) {
    return storage.isPostgres() ? postgres(storage.postgres()) : sqlite(storage.database(), storage.busyTimeout());
  }

  /** The SQLite file {@code file}, opened for writing: a writer waits up to {@code busyTimeout} for another. */
  static Dialect sqlite(Path file, Duration busyTimeout) {
    return new SqliteDialect(file, busyTimeout, SqliteDialect.Access.READ_WRITE);
  }

  /** The SQLite file {@code file} as it is on disk, only read (for a folder the process may not write to). */
  static Dialect sqliteReadOnly(Path file) {
    return new SqliteDialect(file, Duration.ZERO, SqliteDialect.Access.READ_ONLY);
  }

  /** The SQLite file {@code file}, only read while its daemon may be writing it (to copy it): a reader waits up to {@code busyTimeout}. */
  static Dialect sqliteBesideWriter(Path file, Duration busyTimeout) {
    return new SqliteDialect(file, busyTimeout, SqliteDialect.Access.READ_BESIDE_WRITER);
  }

  /** What the SQLite copy {@code file} (a backup's database) holds, read as it is: only SQLite's copies are taken. */
  static DatabaseCopy readSqliteCopy(Path file) {
    return SqliteDialect.readCopy(file);
  }

  /** The PostgreSQL database {@code target}. */
  static Dialect postgres(PostgresTarget target) {
    return new PostgresDialect(target);
  }

  // Connecting.

  /** Opens a connection, ready for work; a failure is a {@link StoreException} that names the database. */
  Connection connect();

  /**
   * The connection to work on now: {@code current}, or a new one in its place when the database
   * dropped it (the piece of work that failed with it was rolled back).
   */
  Connection reconnectIfLost(Connection current) throws SQLException;

  /** The database as a user names it, for messages: its file, or its address (no password). */
  String describe();

  /** The SQLite file; null for a database on a server. */
  Path file();

  /** Whether the nodes of a cluster share this database (and so claim the rows they work on). */
  boolean shared();

  /** The error of a statement: a {@link StorageFailure} when the disk is the cause. */
  StoreException failure(SQLException e);

  /** The error of a migration that failed outside a transaction (reading or writing the schema version). */
  StoreException migrationFailure(Exception e);

  /** "ok" when the database is whole, else what is wrong. */
  String integrityCheck(Connection c) throws SQLException;

  /**
   * A consistent copy of the database, written at {@code target} from {@code c} without making writers wait,
   * and read back from the copy ({@code backup}). SQLite's {@code VACUUM INTO}; a server's database is copied
   * with its own tool ({@code pg_dump}), and this refuses it.
   */
  DatabaseCopy copyTo(Connection c, Path target) throws SQLException;

  // Space.

  /** The database's size in bytes: an SQLite file with its write-ahead log, a server's database as the server counts it. */
  long sizeInBytes(Connection c) throws SQLException;

  /**
   * Makes the space of deleted rows given back from now on, when the database does not yet (SQLite: one
   * {@code VACUUM} switches a file made before incremental vacuum; a server's autovacuum needs nothing).
   *
   * @return whether this call switched it
   */
  boolean giveSpaceBack(Connection c) throws SQLException;

  /**
   * Gives a little of the space of deleted rows back, one short step (its own transaction).
   *
   * @return whether some is left to give back
   */
  boolean giveSomeSpaceBack(Connection c) throws SQLException;

  // Migrating.

  /** The resource of migration {@code version}. */
  String migration(int version);

  /** The version of the first migration, the one an empty database starts with. */
  int firstMigration();

  /** The version of the schema, the number of the last migration applied (0 for an empty database). */
  int schemaVersion(Connection c) throws SQLException;

  /** The statement that records {@code version} as the schema's, in the migration's transaction. */
  String recordSchemaVersion(int version);

  /** Runs {@code migration} on {@code c} so that no other process migrates the same database meanwhile. */
  void migrateAlone(Connection c, Migration migration) throws SQLException, IOException;

  /** The migrations to run, from the schema version found. */
  @FunctionalInterface
  interface Migration {
    void run() throws SQLException, IOException;
  }

  // Durability.

  /**
   * The statement that makes the following commits {@code light} (they survive a killed process, but
   * a power loss may roll them back) or fully durable.
   */
  String commitDurability(boolean light);

  // Spellings.

  /** The values of {@code expression} over a group, joined by commas. */
  String joinedByCommas(String expression);

  // Claims among nodes.

  /**
   * The condition (" AND ...", or nothing) that leaves out the deliveries another live node holds,
   * its lease running: they are its to send.
   */
  SqlCondition claimableDeliveries(ClaimingNode node);

  /**
   * The condition (" AND ...", or nothing) that keeps, of the rows whose node is in
   * {@code nodeColumn}, those of this node and of nodes that stopped checking in: a live node's are its own.
   */
  SqlCondition ownOrOrphaned(String nodeColumn, ClaimingNode node);

  /** What a SELECT that claims rows ends with. */
  String skipLocked();

  /**
   * The rows {@code select} finds, claimed for this node by {@code mark} where other nodes could
   * take them too.
   */
  <R> List<R> claim(Database db, SqlWork<List<R>> select, ClaimMark<R> mark);

  /** Writes the claim of rows just selected, in the transaction that selected them. */
  @FunctionalInterface
  interface ClaimMark<R> {
    void mark(Connection c, List<R> rows) throws SQLException;
  }

  // Search.

  /** Indexes an article's title and text under its id. */
  void addToSearch(Connection c, long articleId, String title, String text) throws SQLException;

  /** Takes an article out of the index. */
  void removeFromSearch(Connection c, long articleId) throws SQLException;

  /** The match expression of a parsed query; empty when it holds no word the index could hold. */
  String searchMatch(org.industriallmonitor.query.SearchQuery query);

  /**
   * FROM and WHERE of a search: the index joined to {@code articles a}, its one parameter the
   * {@link #searchMatch match expression}.
   */
  String searchFrom();

  /**
   * The SELECT expression (of {@link #searchFrom}) a hit's snippet is made from by {@link #snippet}: the
   * snippet itself, or the text it is made of.
   */
  String searchSnippet(int snippetTokens);

  /**
   * The snippet of a hit from what {@link #searchSnippet} selected and the query it answers: about
   * {@code snippetTokens} words, its matches between {@link SearchIndex#MATCH_START} and
   * {@link SearchIndex#MATCH_END}, as written in the text.
   */
  String snippet(String selected, org.industriallmonitor.query.SearchQuery query, int snippetTokens);

  /** The rank of a hit: the better it matches, the lower. */
  String searchRank();

  /** The SELECT of the ids of the articles the index holds. */
  String searchedIds();

  /**
   * The SELECT of the ids of the articles a {@link #searchMatch match expression} (its one parameter) finds:
   * the condition of {@link #searchFrom}, for a channel's filters beside the words of a search.
   */
  String searchedIdsMatching();

  /** The SELECT of what the index holds, article by article: the id, the title and the text. */
  String searchedArticles();
}
