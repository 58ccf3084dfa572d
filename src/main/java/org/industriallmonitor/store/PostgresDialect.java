package org.industriallmonitor.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.industriallmonitor.config.PostgresTarget;

/**
 * PostgreSQL: a server the nodes of a cluster share. A connection the server or the network dropped
 * is opened again; nodes that start together migrate one after the other; a node claims the rows it
 * works on, and skips those another holds; the archive is searched through tsvector.
 */
record PostgresDialect(PostgresTarget target) implements Dialect {
  /** The key of the advisory lock held while migrating (any number no other program of the database uses). */
  private static final long MIGRATION_LOCK = 0x1A_D057_2011L;

  @Override
  public Connection connect() {
    Properties properties = new Properties();
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

  /** A server that restarted or a network that dropped leaves a closed connection. */
  @Override
  public Connection reconnectIfLost(Connection current) throws SQLException {
    if (current.isValid(5)) {
      return current;
    }
    try {
      current.close();
    } catch (SQLException ignored) {
      // It is lost already.
    }
    return connect();
  }

  @Override
  public String describe() {
    return target.display();
  }

  @Override
  public Path file() {
    return null;
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public StoreException failure(SQLException e) {
    return StorageFailure.ofServer(target.display(), e).map(StoreException.class::cast)
        .orElseGet(() -> new StoreException("database " + target.display() + ": " + e.getMessage(), e));
  }

  @Override
  public StoreException migrationFailure(Exception e) {
    return new StoreException("cannot migrate the database " + target.display() + ": " + e.getMessage(), e);
  }

  /** The server keeps its own files whole; that it answers is what can be checked from here. */
  @Override
  public DatabaseCopy copyTo(Connection c, Path target) {
    throw new StoreException("the database " + describe() + " is on a PostgreSQL server: back it up with pg_dump", null);
  }

  @Override
  public String integrityCheck(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      return rs.next() ? "ok" : "no answer";
    }
  }

  @Override
  public long sizeInBytes(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** The server's autovacuum gives the space of deleted rows back by itself. */
  @Override
  public boolean giveSpaceBack(Connection c) {
    return false;
  }

  @Override
  public boolean giveSomeSpaceBack(Connection c) {
    return false;
  }

  @Override
  public String migration(int version) {
    return String.format("/db/postgresql/V%d.sql", version);
  }

  /**
   * The version SQLite had reached when PostgreSQL came: the first file creates that whole schema at
   * once, and later versions are numbered alike in both folders.
   */
  @Override
  public int firstMigration() {
    return 11;
  }

  /** Two nodes starting at once: the table is created once, and the second waits for the first's migrations. */
  @Override
  public int schemaVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      s.execute("INSERT INTO schema_version(version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)");
      try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  @Override
  public String recordSchemaVersion(int version) {
    return "UPDATE schema_version SET version = " + version;
  }

  /**
   * Nodes that start together migrate one after the other: the second finds the schema current.
   * Waiting for the other node's migration, and a long migration, may take longer than one answer is
   * given (the address's socketTimeout): no read time-out meanwhile.
   */
  @Override
  public void migrateAlone(Connection c, Migration migration) throws SQLException, IOException {
    int answerTimeout = c.getNetworkTimeout();
    c.setNetworkTimeout(Runnable::run, 0);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
    }
    try {
      migration.run();
    } finally {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
      }
      c.setNetworkTimeout(Runnable::run, answerTimeout);
    }
  }

  /** Not waiting for the WAL flush: what a killed server loses, a later crawl writes again. */
  @Override
  public String commitDurability(boolean light) {
    return "SET synchronous_commit = " + (light ? "off" : "on");
  }

  @Override
  public String joinedByCommas(String expression) {
    return "string_agg(CAST(" + expression + " AS TEXT), ',')";
  }

  @Override
  public SqlCondition claimableDeliveries(ClaimingNode node) {
    return new SqlCondition(" AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until < ? OR " + NodeRepository.notAlive("claimed_by") + ")",
        List.of(node.id(), Timestamps.format(node.now()), Timestamps.format(node.aliveSince())));
  }

  @Override
  public SqlCondition ownOrOrphaned(String nodeColumn, ClaimingNode node) {
    return new SqlCondition(" AND (" + nodeColumn + " = ? OR " + NodeRepository.notAlive(nodeColumn) + ")",
        List.of(node.id(), Timestamps.format(node.aliveSince())));
  }

  /** Locks the rows selected, and skips the ones another node's transaction holds. */
  @Override
  public String skipLocked() {
    return " FOR UPDATE SKIP LOCKED";
  }

  /** Selected and marked in one transaction, so that two nodes never claim the same row. */
  @Override
  public <R> List<R> claim(Database db, SqlWork<List<R>> select, ClaimMark<R> mark) {
    return db.inLightTransaction(c -> {
      List<R> rows = select.run(c);
      mark.mark(c, rows);
      return rows;
    });
  }

  /**
   * The title weighs more (A) than the text (B); both as {@link SearchWords} (FTS5's words, folded), so
   * that diacritics are ignored and both engines find the same words, whatever the database's locale.
   */
  @Override
  public void addToSearch(Connection c, long articleId, String title, String text) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO article_search(article_id, title, text, words)"
        + " VALUES (?, ?, ?, CAST(? AS tsvector))")) {
      insert.setLong(1, articleId);
      insert.setString(2, title);
      insert.setString(3, text);
      insert.setString(4, SearchWords.tsvector(title, text));
      insert.executeUpdate();
    }
  }

  @Override
  public void removeFromSearch(Connection c, long articleId) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM article_search WHERE article_id = ?")) {
      delete.setLong(1, articleId);
      delete.executeUpdate();
    }
  }

  @Override
  public String searchMatch(org.industriallmonitor.query.SearchQuery query) {
    return TsQuery.of(query);
  }

  @Override
  public String searchFrom() {
    return " FROM article_search JOIN articles a ON a.id = article_search.article_id, CAST(? AS tsquery) q"
        + " WHERE article_search.words @@ q";
  }

  /** The text as written: ts_headline would compare the folded query with it, and mark no accented word. */
  @Override
  public String searchSnippet(int snippetTokens) {
    return "article_search.text";
  }

  @Override
  public String snippet(String selected, org.industriallmonitor.query.SearchQuery query, int snippetTokens) {
    return TextSnippet.of(selected, query, snippetTokens);
  }

  /** ts_rank grows with relevance: its negative sorts best first, as bm25 does. */
  @Override
  public String searchRank() {
    return "-ts_rank(article_search.words, q)";
  }

  @Override
  public String searchedIds() {
    return "SELECT article_id FROM article_search";
  }

  @Override
  public String searchedIdsMatching() {
    return "SELECT article_id FROM article_search WHERE words @@ CAST(? AS tsquery)";
  }

  @Override
  public String searchedArticles() {
    return "SELECT article_id, title, text FROM article_search";
  }
}
