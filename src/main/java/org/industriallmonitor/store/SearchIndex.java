package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.query.SearchQuery;
import org.industriallmonitor.query.TextFilter;

/**
 * The full-text index of the archive (table {@code article_search}): an article's title and
 * archived text under its id, spelled by the {@link Dialect}: SQLite's FTS5 ranks by bm25,
 * PostgreSQL's tsvector by ts_rank, both with the title weighing more and diacritics ignored.
 */
public final class SearchIndex {
  /** Marks the start and the end of a matched term in a {@link SearchHit#snippet()}. */
  public static final char MATCH_START = '\u0002';
  public static final char MATCH_END = '\u0003';
  private static final int SNIPPET_TOKENS = 24;

  private final Database db;

  SearchIndex(Database db) {
    this.db = db;
  }

  /** What a search asks: the words, and optionally a country (name or region number) and a language. */
  public record Query(String text, String country, String language, int limit, int offset) {
    public Query {
      if (limit < 1 || offset < 0) {
        throw new IllegalArgumentException("a search returns at least one hit, from offset 0 or more");
      }
    }
  }

  /** One page of hits, best first, and how many there are in all. */
  public record Results(int total, List<SearchHit> hits) {
    public Results {
      hits = List.copyOf(hits);
    }
  }

  /** Indexes an article in the transaction that records it. */
  static void add(Dialect dialect, Connection c, long articleId, String title, String text) throws SQLException {
    dialect.addToSearch(c, articleId, title, text);
  }

  /** Indexes an article's new text in place of the one before, in the transaction that records it. */
  static void replace(Dialect dialect, Connection c, long articleId, String title, String text) throws SQLException {
    dialect.removeFromSearch(c, articleId);
    dialect.addToSearch(c, articleId, title, text);
  }

  /**
   * Searches the index; a blank query finds nothing.
   *
   * @throws org.industriallmonitor.query.QuerySyntaxException when the words are not a query (an unbalanced quote, say)
   */
  public Results search(Query query) {
    Dialect dialect = db.dialect();
    if (query.text() == null || query.text().isBlank()) {
      return new Results(0, List.of());
    }
    String match = dialect.searchMatch(SearchQuery.parse(query.text()));
    if (match.isEmpty()) {
      return new Results(0, List.of());
    }
    StringBuilder where = new StringBuilder(dialect.searchFrom());
    List<String> args = new ArrayList<>(List.of(match));
    if (query.country() != null && !query.country().isBlank()) {
      where.append(" AND a.id IN (SELECT ac.article_id FROM article_countries ac JOIN countries c ON c.region = ac.region"
          + " WHERE lower(c.name) = lower(?) OR CAST(c.region AS TEXT) = ?)");
      args.add(query.country().strip());
      args.add(query.country().strip());
    }
    if (query.language() != null && !query.language().isBlank()) {
      where.append(" AND a.language = ?");
      args.add(query.language().strip());
    }
    return db.read(c -> {
      int total;
      try (PreparedStatement count = c.prepareStatement("SELECT count(*)" + where)) {
        bind(count, args);
        try (ResultSet rs = count.executeQuery()) {
          total = rs.next() ? rs.getInt(1) : 0;
        }
      }
      List<SearchHit> hits = new ArrayList<>();
      String columns = "SELECT a.slug, a.title, a.published, a.countries, a.language, a.url, a.archive_path, ";
      try (PreparedStatement q = c.prepareStatement(columns + dialect.searchSnippet(SNIPPET_TOKENS) + ", " + dialect.searchRank()
          + where + " ORDER BY " + dialect.searchRank() + ", a.published DESC LIMIT ? OFFSET ?")) {
        int next = bind(q, args);
        q.setInt(next++, query.limit());
        q.setInt(next, query.offset());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            hits.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getDouble(9)));
          }
        }
      }
      return new Results(total, hits);
    });
  }

  /**
   * Whether the indexed article {@code articleId} passes {@code filter}, asked of the index in the
   * transaction of {@code c} with the very condition a search uses: a channel's filter and a search of
   * its words cannot disagree. Returns empty when it does not pass; else the snippet of what
   * {@code match} found (marked as a search's are), or an empty string for a filter without {@code match}.
   */
  static java.util.Optional<String> passes(Dialect dialect, Connection c, long articleId, TextFilter filter) throws SQLException {
    if (filter.exclude() != null && snippet(dialect, c, articleId, filter.exclude()).isPresent()) {
      return java.util.Optional.empty();
    }
    return filter.match() == null ? java.util.Optional.of("") : snippet(dialect, c, articleId, filter.match());
  }

  /** The snippet of the article's text around what {@code query} finds in it, or empty when it finds nothing there. */
  private static java.util.Optional<String> snippet(Dialect dialect, Connection c, long articleId, SearchQuery query) throws SQLException {
    String match = dialect.searchMatch(query);
    if (match.isEmpty()) {
      return java.util.Optional.empty();
    }
    try (PreparedStatement q = c.prepareStatement("SELECT " + dialect.searchSnippet(SNIPPET_TOKENS) + dialect.searchFrom() + " AND a.id = ?")) {
      q.setString(1, match);
      q.setLong(2, articleId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
      }
    }
  }

  /** A country the archive knows (a row of {@code countries}): what {@link Query#country()} may name. */
  public record Country(int region, String name) {}

  /** The countries the archive knows, by name: those crawled, configured still or not. */
  public List<Country> countries() {
    return db.read(c -> {
      List<Country> countries = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT region, name FROM countries ORDER BY name, region");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          countries.add(new Country(rs.getInt(1), rs.getString(2)));
        }
      }
      return countries;
    });
  }

  /** How many recorded articles the index does not hold (archived before it existed): `reindex` adds them. */
  public int missing() {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT count(*) FROM articles WHERE id NOT IN (" + db.dialect().searchedIds() + ")");
          ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
  }

  /** An archived article to index again: its id, its title and where its text (and its sidecar) is. */
  public record Entry(long id, String title, String archivePath, String sidecarPath) {
    public Entry(long id, String title, String archivePath) {
      this(id, title, archivePath, null);
    }
  }

  /** Reads an article's theme tags (its sidecar's) for {@link #rebuild}, for an article recorded without them. */
  @FunctionalInterface
  public interface ThemeTags {
    List<org.industriallmonitor.parse.Theme> read(Entry entry) throws java.io.IOException;
  }

  /** Reads an article's archived text for {@link #rebuild}. */
  @FunctionalInterface
  public interface Texts {
    String read(Entry entry) throws java.io.IOException;
  }

  /**
   * What {@link #rebuild} did: the articles indexed, and those whose text could not be read (left out); the articles
   * recorded without theme tags whose tags were filled from their sidecars, and the sidecars that could not be read.
   */
  public record Rebuilt(int indexed, List<String> unreadable, int themesFilled, List<String> unreadableSidecars) {
    public Rebuilt {
      unreadable = List.copyOf(unreadable);
      unreadableSidecars = List.copyOf(unreadableSidecars);
    }

    public Rebuilt(int indexed, List<String> unreadable) {
      this(indexed, unreadable, 0, List.of());
    }
  }

  /**
   * Replaces the whole index with every recorded article's title and archived text, in one
   * transaction: a search sees the old index or the new, and an article a crawl records meanwhile
   * waits for the rebuild and is indexed after it, never lost by it.
   */
  public Rebuilt rebuild(Texts texts) {
    return rebuild(texts, entry -> List.of());
  }

  /**
   * As {@link #rebuild(Texts)}, and fills the theme tags ({@code article_themes}) of every article that has none from
   * {@code themes} (its sidecar): articles recorded before the database held them; a channel's {@code themes:} and
   * {@code search --channel} ask them.
   */
  public Rebuilt rebuild(Texts texts, ThemeTags themes) {
    return db.inTransaction(c -> {
      try (PreparedStatement clear = c.prepareStatement("DELETE FROM article_search")) {
        clear.executeUpdate();
      }
      List<Entry> entries = new ArrayList<>();
      java.util.Set<Long> untagged = new java.util.HashSet<>();
      try (PreparedStatement q = c.prepareStatement("SELECT a.id, a.title, coalesce((SELECT v.archive_path FROM article_versions v"
          + " WHERE v.article_id = a.id ORDER BY v.version DESC LIMIT 1), a.archive_path), a.sidecar_path,"
          + " CASE WHEN EXISTS (SELECT 1 FROM article_themes t WHERE t.article_id = a.id) THEN 1 ELSE 0 END"
          + " FROM articles a ORDER BY a.id");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          entries.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
          if (rs.getInt(5) == 0) {
            untagged.add(rs.getLong(1));
          }
        }
      }
      int themesFilled = 0;
      List<String> unreadableSidecars = new ArrayList<>();
      for (Entry e : entries) {
        if (!untagged.contains(e.id()) || e.sidecarPath() == null) {
          continue;
        }
        List<org.industriallmonitor.parse.Theme> tags;
        try {
          tags = themes.read(e);
        } catch (java.io.IOException | RuntimeException failure) {
          unreadableSidecars.add(e.sidecarPath() + ": " + failure.getMessage());
          continue;
        }
        if (!tags.isEmpty()) {
          ArticleRepository.insertThemes(c, e.id(), tags);
          themesFilled++;
        }
      }
      int indexed = 0;
      List<String> unreadable = new ArrayList<>();
      for (Entry e : entries) {
        String text;
        try {
          text = texts.read(e);
        } catch (java.io.IOException | RuntimeException failure) {
          unreadable.add(e.archivePath() + ": " + failure.getMessage());
          continue;
        }
        add(db.dialect(), c, e.id(), e.title(), text);
        indexed++;
      }
      return new Rebuilt(indexed, unreadable, themesFilled, unreadableSidecars);
    });
  }

  private static int bind(PreparedStatement statement, List<String> args) throws SQLException {
    int i = 1;
    for (String arg : args) {
      statement.setString(i++, arg);
    }
    return i;
  }
}
