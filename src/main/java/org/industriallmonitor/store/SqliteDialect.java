package org.industriallmonitor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite: one file in the state folder, in WAL mode with a busy timeout, searched through FTS5. The
 * state folder's lock makes this process the database's only writer: it claims nothing, and a
 * connection is never lost.
 */
record SqliteDialect(Path file, Duration busyTimeout, Access access) implements Dialect {

  /** What the write-ahead log is cut back to after a checkpoint: 64 MB. */
  static final int JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

  /** Whether the file is opened to be written (and migrated), or read as it is on disk, alone or beside its writer. */
  enum Access {
    READ_WRITE,
    /** Read with nobody writing it: a folder the process may not write to, where not even a WAL index file fits. */
    READ_ONLY,
    /** Read while the daemon may be writing it ({@code backup}): through the write-ahead log and its index, shared with the writer. */
    READ_BESIDE_WRITER
  }

  @Override
  public Connection connect() {
    StateOwnership.refuseForeignDatabase(file);
    try {
      Connection connection = switch (access) {
        case READ_WRITE -> openForWriting();
        case READ_ONLY -> openReadOnly();
        case READ_BESIDE_WRITER -> openBesideWriter();
      };
      try {
        StateOwnership.refuseForeignTables(connection, file);
      } catch (ForeignStateException e) {
        connection.close();
        throw e;
      }
      return connection;
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open the database " + file + (access == Access.READ_WRITE ? ": " : " for reading: ")
          + e.getMessage(), e);
    }
  }

  private Connection openForWriting() throws SQLException, IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    SqliteNativeLibrary.useCopyIn(parent.resolve(".native"));
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    // A checkpoint leaves the write-ahead log as big as it grew (a long crawl, a rewrite), unless it is limited.
    config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT);
    config.enforceForeignKeys(true);
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
  }

  /**
   * No migration, no write, and no write-ahead-log index file, which a read-only folder could not
   * hold (SQLite's immutable mode).
   */
  private Connection openReadOnly() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?immutable=1", config.toProperties());
  }

  /**
   * Read-only ({@code mode=ro}), never immutable: the daemon goes on committing, and an immutable reader would
   * read its pages without the write-ahead log, a mix of two commits. A reader takes a snapshot of one commit,
   * waiting out a checkpoint up to the busy timeout.
   */
  private Connection openBesideWriter() throws SQLException {
    SqliteNativeLibrary.useCopyIn(file.toAbsolutePath().getParent().resolve(".native"));
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    return DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro", config.toProperties());
  }

  /** A file does not hang up: the connection stays the one opened. */
  @Override
  public Connection reconnectIfLost(Connection current) {
    return current;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public StoreException failure(SQLException e) {
    return StorageFailure.of(file, e).map(StoreException.class::cast)
        .orElseGet(() -> new StoreException("database " + file + ": " + e.getMessage(), e));
  }

  @Override
  public StoreException migrationFailure(Exception e) {
    return new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
  }

  @Override
  public String integrityCheck(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      return rs.next() ? rs.getString(1) : "no answer";
    }
  }

  /**
   * {@code VACUUM INTO target}: SQLite writes the copy from one read transaction, so it is the database as of
   * one commit, and in WAL mode a writer (the daemon) goes on meanwhile without waiting.
   */
  @Override
  public DatabaseCopy copyTo(Connection c, Path target) {
    try (PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
      s.setString(1, target.toAbsolutePath().toString());
      s.execute();
    } catch (SQLException e) {
      // Named after the copy: a full or read-only disk here is the backup's, not the state's.
      throw new StoreException("cannot copy the database into " + target + ": " + e.getMessage(), e);
    }
    return readCopy(target);
  }

  /** What the copy {@code file} holds, read as it is: immutable, so nothing (no journal, no WAL index file) is written beside it. */
  static DatabaseCopy readCopy(Path file) {
    try (Connection copy = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?immutable=1")) {
      return new DatabaseCopy(file, userVersion(copy), tableCounts(copy), archivePaths(copy));
    } catch (SQLException e) {
      throw new StoreException("cannot read the copy " + file + ": " + e.getMessage(), e);
    }
  }

  private static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Rows per table, by name; the internal tables of a virtual table (the search index's) are counted as that table. */
  private static java.util.Map<String, Long> tableCounts(Connection c) throws SQLException {
    java.util.List<String> tables = new java.util.ArrayList<>();
    java.util.List<String> virtual = new java.util.ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            + " ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
        String sql = rs.getString(2);
        if (sql != null && sql.regionMatches(true, 0, "CREATE VIRTUAL TABLE", 0, 20)) {
          virtual.add(rs.getString(1));
        }
      }
    }
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (String table : tables) {
      if (virtual.stream().anyMatch(v -> table.startsWith(v + "_"))) {
        continue;
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
        counts.put(table, rs.next() ? rs.getLong(1) : 0);
      }
    }
    return counts;
  }

  /**
   * Every archive file the rows name: articles' texts and sidecars, and the later versions' texts. A copy is at
   * the schema of the state it was taken from, which may be older than this release's: versions came with schema 9.
   */
  private static java.util.List<String> archivePaths(Connection c) throws SQLException {
    java.util.List<String> paths = new java.util.ArrayList<>();
    String versions = hasTable(c, "article_versions") ? " UNION SELECT archive_path FROM article_versions" : "";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT archive_path FROM articles UNION SELECT sidecar_path FROM articles" + versions
            + " ORDER BY 1")) {
      while (rs.next()) {
        paths.add(rs.getString(1));
      }
    }
    return paths;
  }

  private static boolean hasTable(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public String migration(int version) {
    return String.format("/db/migration/V%d.sql", version);
  }

  @Override
  public int firstMigration() {
    return 1;
  }

  @Override
  public int schemaVersion(Connection c) throws SQLException {
    return userVersion(c);
  }

  @Override
  public String recordSchemaVersion(int version) {
    return "PRAGMA user_version = " + version;
  }

  /** The state folder's lock keeps every other process out already. */
  @Override
  public void migrateAlone(Connection c, Migration migration) throws SQLException, IOException {
    if (schemaVersion(c) == 0) {
      // A new file gives pruned history's space back from the start (see giveSomeSpaceBack). Switched here, while the file
      // is empty and VACUUM takes no time: WAL mode has written the header already, so the pragma alone would not hold.
      switchToIncrementalVacuum(c);
    }
    migration.run();
  }

  /** Pages given back per step (4 KB each: 2 MB), each step its own short transaction. */
  private static final int VACUUM_PAGES = 512;
  private static final int INCREMENTAL = 2;

  @Override
  public long sizeInBytes(Connection c) {
    long bytes = 0;
    for (Path part : List.of(file, file.resolveSibling(file.getFileName() + "-wal"))) {
      try {
        bytes += Files.exists(part) ? Files.size(part) : 0;
      } catch (IOException e) {
        // Checkpointed away between the two calls: it held nothing then.
      }
    }
    return bytes;
  }

  /**
   * Outside a transaction: VACUUM cannot run in one. It rewrites the file once, for a file made before incremental
   * vacuum, through the write-ahead log, which it leaves as big as the file: truncated after, and after a failure too
   * (a disk short of room), so that the space the rewrite took is given back either way.
   */
  @Override
  public boolean giveSpaceBack(Connection c) throws SQLException {
    if (pragma(c, "auto_vacuum") == INCREMENTAL) {
      return false;
    }
    try {
      switchToIncrementalVacuum(c);
    } catch (SQLException e) {
      try {
        truncateWriteAheadLog(c);
      } catch (SQLException truncating) {
        e.addSuppressed(truncating);
      }
      throw e;
    }
    truncateWriteAheadLog(c);
    return true;
  }

  private static void truncateWriteAheadLog(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      rs.next();
    }
  }

  private static void switchToIncrementalVacuum(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA auto_vacuum = INCREMENTAL");
      s.execute("VACUUM");
    }
  }

  /**
   * Nothing while the file is not switched yet: its free pages would stay free however often this ran. The
   * statement frees one page per step and returns rows of no column, which JDBC can neither step once more
   * ({@code execute} steps once: one page a call) nor read ({@code executeQuery} refuses them): SQLite's own
   * {@code sqlite3_exec} steps it to its end.
   */
  @Override
  public boolean giveSomeSpaceBack(Connection c) throws SQLException {
    long free = pragma(c, "freelist_count");
    if (free == 0 || pragma(c, "auto_vacuum") != INCREMENTAL) {
      return false;
    }
    int result = c.unwrap(SQLiteConnection.class).getDatabase()._exec("PRAGMA incremental_vacuum(" + VACUUM_PAGES + ")");
    if (result != SQLiteErrorCode.SQLITE_OK.code) {
      throw new SQLException("incremental vacuum failed: " + SQLiteErrorCode.getErrorCode(result), null, result);
    }
    long left = pragma(c, "freelist_count");
    return left > 0 && left < free;
  }

  private static long pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  @Override
  public String commitDurability(boolean light) {
    return "PRAGMA synchronous = " + (light ? "NORMAL" : "FULL");
  }

  @Override
  public String joinedByCommas(String expression) {
    return "group_concat(" + expression + ")";
  }

  /** This process is the only sender, and a claim left by a killed one means nothing. */
  @Override
  public SqlCondition claimableDeliveries(ClaimingNode node) {
    return SqlCondition.NONE;
  }

  /** No other process works on the state: every row is this one's. */
  @Override
  public SqlCondition ownOrOrphaned(String nodeColumn, ClaimingNode node) {
    return SqlCondition.NONE;
  }

  /** One writer at a time holds the whole database: nothing to lock row by row. */
  @Override
  public String skipLocked() {
    return "";
  }

  /** The rows are read, and no claim is written: it would be a write per batch that nothing reads. */
  @Override
  public <R> List<R> claim(Database db, SqlWork<List<R>> select, ClaimMark<R> mark) {
    return db.read(select);
  }

  @Override
  public void addToSearch(Connection c, long articleId, String title, String text) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO article_search(rowid, title, text) VALUES (?, ?, ?)")) {
      insert.setLong(1, articleId);
      insert.setString(2, title);
      insert.setString(3, text);
      insert.executeUpdate();
    }
  }

  @Override
  public void removeFromSearch(Connection c, long articleId) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM article_search WHERE rowid = ?")) {
      delete.setLong(1, articleId);
      delete.executeUpdate();
    }
  }

  @Override
  public String searchMatch(org.industriallmonitor.query.SearchQuery query) {
    return FtsQuery.of(query);
  }

  @Override
  public String searchFrom() {
    return " FROM article_search JOIN articles a ON a.id = article_search.rowid WHERE article_search MATCH ?";
  }

  @Override
  public String searchSnippet(int snippetTokens) {
    return "snippet(article_search, 1, char(2), char(3), '…', " + snippetTokens + ")";
  }

  /** FTS5's snippet() made it already. */
  @Override
  public String snippet(String selected, org.industriallmonitor.query.SearchQuery query, int snippetTokens) {
    return selected;
  }

  /** The title weighs five times the text. */
  @Override
  public String searchRank() {
    return "bm25(article_search, 5.0, 1.0)";
  }

  @Override
  public String searchedIds() {
    return "SELECT rowid FROM article_search";
  }

  @Override
  public String searchedIdsMatching() {
    return "SELECT rowid FROM article_search WHERE article_search MATCH ?";
  }

  @Override
  public String searchedArticles() {
    return "SELECT rowid, title, text FROM article_search";
  }
}
