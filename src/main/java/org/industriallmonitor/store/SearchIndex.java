package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.industriallmonitor.config.ChannelFilter;
import org.industriallmonitor.config.CountryNames;
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

  /**
   * What a search asks: the words (blank: none), and optionally a country (name or region number), a
   * language, a theme (site id, or name compared as {@link CountryNames} compares names) and a channel's
   * filters. Words find the best matches first; blank words with a country, a theme or a channel list the
   * articles these let through, newest first; blank words with none of these find nothing.
   */
  public record Query(String text, String country, String language, String theme, Channel channel, Order order, int limit,
      int offset) {
    public Query {
      if (limit < 1 || offset < 0) {
        throw new IllegalArgumentException("a search returns at least one hit, from offset 0 or more");
      }
    }

    public Query(String text, String country, String language, String theme, Channel channel, int limit, int offset) {
      this(text, country, language, theme, channel, Order.BEST_FIRST, limit, offset);
    }

    public Query(String text, String country, String language, int limit, int offset) {
      this(text, country, language, null, null, limit, offset);
    }

    boolean hasWords() {
      return text != null && !text.isBlank();
    }

    /** Whether something besides the words picks articles: then blank words list what it lets through. */
    boolean narrows() {
      return !blank(country) || !blank(theme) || channel != null;
    }
  }

  /** The order of the hits of words: the best matches first (a page of results), or the newest (a feed). Blank words list the newest first. */
  public enum Order { BEST_FIRST, NEWEST_FIRST }

  /**
   * A channel's filters as a search, what it would have been sent: articles of the countries whose
   * {@code notify:} names it ({@code regions}; none: no article), in its {@code languages} (empty: any),
   * passing its {@code filter} ({@code countries:}, {@code themes:}, {@code match:}, {@code exclude:}) as
   * the article's own transaction decides them. An article recorded for channel {@code id} counts as one of
   * its countries' too: the routing placed it there by a tag of a configured country whose listing has not
   * (yet) linked it.
   */
  public record Channel(ChannelFilter filter, Set<Integer> regions, List<String> languages, String id) {
    public Channel {
      regions = Set.copyOf(regions);
      languages = List.copyOf(languages);
    }

    /** Filters of no configured channel (nothing recorded for it). */
    public Channel(ChannelFilter filter, Set<Integer> regions, List<String> languages) {
      this(filter, regions, languages, null);
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
   * Searches the index: the best matches of the words first, or, with blank words, the newest articles the
   * other criteria let through (nothing when there is none).
   *
   * @throws org.industriallmonitor.query.QuerySyntaxException when the words are not a query (an unbalanced quote, say)
   */
  public Results search(Query query) {
    Dialect dialect = db.dialect();
    if (!query.hasWords() && !query.narrows()) {
      return NOTHING;
    }
    SearchQuery parsed = query.hasWords() ? SearchQuery.parse(query.text()) : null;
    String words = parsed != null ? dialect.searchMatch(parsed) : null;
    SearchQuery channelMatch = query.channel() == null ? null : query.channel().filter().text().match();
    // Without words, the channel's match: picks and marks the snippets (in date order): what its digests show.
    SearchQuery marking = parsed != null ? parsed : channelMatch;
    String main = marking == null ? null : dialect.searchMatch(marking);
    if (main != null && main.isEmpty()) {
      return NOTHING;
    }
    return db.read(c -> {
      StringBuilder where = new StringBuilder(main == null ? " FROM articles a WHERE 1 = 1" : dialect.searchFrom());
      List<String> args = new ArrayList<>();
      if (main != null) {
        args.add(main);
      }
      if (!blank(query.country())) {
        where.append(" AND a.id IN (SELECT ac.article_id FROM article_countries ac JOIN countries c ON c.region = ac.region"
            + " WHERE lower(c.name) = lower(?) OR CAST(c.region AS TEXT) = ?)");
        args.add(query.country().strip());
        args.add(query.country().strip());
      }
      if (!blank(query.language())) {
        where.append(" AND a.language = ?");
        args.add(query.language().strip());
      }
      if (!blank(query.theme())) {
        where.append(themes(List.of(ChannelFilter.ThemeName.of(query.theme())), args));
      }
      if (query.channel() != null && !channel(dialect, query.channel(), words != null, where, args)) {
        return NOTHING;
      }
      int total;
      try (PreparedStatement count = c.prepareStatement("SELECT count(*)" + where)) {
        bind(count, args);
        try (ResultSet rs = count.executeQuery()) {
          total = rs.next() ? rs.getInt(1) : 0;
        }
      }
      List<SearchHit> hits = new ArrayList<>();
      String columns = "SELECT a.slug, a.title, a.published, a.countries, a.language, a.url, a.archive_path, ";
      String marked = main == null ? "'', 0" : dialect.searchSnippet(SNIPPET_TOKENS) + ", " + dialect.searchRank();
      String order = words != null && query.order() == Order.BEST_FIRST ? dialect.searchRank() + ", a.published DESC" : "a.published DESC, a.id DESC";
      try (PreparedStatement q = c.prepareStatement(columns + marked + where + " ORDER BY " + order + " LIMIT ? OFFSET ?")) {
        int next = bind(q, args);
        q.setInt(next++, query.limit());
        q.setInt(next, query.offset());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            hits.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), marking == null ? rs.getString(8) : dialect.snippet(rs.getString(8), marking, SNIPPET_TOKENS),
                rs.getDouble(9)));
          }
        }
      }
      return new Results(total, hits);
    });
  }

  private static final Results NOTHING = new Results(0, List.of());

  /**
   * Adds a channel's filters to {@code where}; false when they let nothing through (no country names the
   * channel, a match: of no word). Its match: is a condition of its own
   * when the words of the search are the main one ({@code wordsLead}).
   */
  private static boolean channel(Dialect dialect, Channel channel, boolean wordsLead, StringBuilder where,
      List<String> args) throws SQLException {
    ChannelFilter filter = channel.filter();
    if (channel.regions().isEmpty()) {
      return false;
    }
    // Two conditions, as the alert's routing asks them: a country that notifies the channel, and one of its countries:.
    // The routing also places an article by its tags of configured countries, which only the record of the
    // channels it was for keeps (article_countries holds the listings that linked it).
    String countries = regions(channel.regions()) + (filter.regions().isEmpty() ? "" : regions(filter.regions()));
    if (channel.id() == null) {
      where.append(countries);
    } else {
      where.append(" AND (1 = 1").append(countries).append(" OR a.id IN (SELECT article_id FROM article_channels WHERE channel = ?))");
      args.add(channel.id());
    }
    if (!channel.languages().isEmpty()) {
      where.append(" AND a.language IN (").append(String.join(", ", java.util.Collections.nCopies(channel.languages().size(), "?")))
          .append(")");
      args.addAll(channel.languages());
    }
    if (!filter.themes().isEmpty()) {
      where.append(themes(filter.themes(), args));
    }
    if (wordsLead && filter.text().match() != null) {
      String match = dialect.searchMatch(filter.text().match());
      if (match.isEmpty()) {
        return false;
      }
      where.append(" AND a.id IN (").append(dialect.searchedIdsMatching()).append(")");
      args.add(match);
    }
    if (filter.text().exclude() != null) {
      String exclude = dialect.searchMatch(filter.text().exclude());
      // An exclude: of no word finds nothing, so excludes nothing (as the article's transaction decides).
      if (!exclude.isEmpty()) {
        where.append(" AND a.id NOT IN (").append(dialect.searchedIdsMatching()).append(")");
        args.add(exclude);
      }
    }
    return true;
  }

  /**
   * The condition of a tag of one of {@code themes}, the rule of {@link ChannelFilter.ThemeName#is} (an alert's
   * routing): a theme written as an id is a tag of that id; one written as a name a tag of that name, case and
   * accents aside (whatever its id: the site gives a theme a name in each language, and a channel's themes: by
   * name hears of the articles tagged with that name only).
   */
  private static String themes(List<ChannelFilter.ThemeName> themes, List<String> args) {
    Set<Integer> ids = new java.util.TreeSet<>();
    List<String> keys = new ArrayList<>();
    for (ChannelFilter.ThemeName theme : themes) {
      if (theme.id() != null) {
        ids.add(theme.id());
      } else {
        keys.add(CountryNames.key(theme.name()));
      }
    }
    List<String> either = new ArrayList<>();
    // Ids are numbers the monitor holds, never typed text: written into the SQL, where PostgreSQL takes them as integers.
    if (!ids.isEmpty()) {
      either.add("theme IN (" + joined(ids) + ")");
    }
    if (!keys.isEmpty()) {
      either.add("name_key IN (" + String.join(", ", java.util.Collections.nCopies(keys.size(), "?")) + ")");
      args.addAll(keys);
    }
    return " AND a.id IN (SELECT article_id FROM article_themes WHERE " + String.join(" OR ", either) + ")";
  }

  private static String regions(Set<Integer> regions) {
    return " AND a.id IN (SELECT article_id FROM article_countries WHERE region IN (" + joined(regions) + "))";
  }

  private static String joined(Set<Integer> numbers) {
    return numbers.stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Whether the indexed article {@code articleId} passes {@code filter}, asked of the index in the
   * transaction of {@code c} with the very condition a search uses: a channel's filter and a search of
   * its words cannot disagree. Returns empty when it does not pass; else the snippet of what
   * {@code match} found (marked as a search's are), or an empty string for a filter without {@code match}.
   */
  static java.util.Optional<String> passes(Dialect dialect, Connection c, long articleId, TextFilter filter) throws SQLException {
    if (filter.exclude() != null && finds(dialect, c, articleId, filter.exclude())) {
      return java.util.Optional.empty();
    }
    return filter.match() == null ? java.util.Optional.of("") : snippet(dialect, c, articleId, filter.match());
  }

  /** Whether {@code query} finds the article: an exclude: needs no snippet. */
  private static boolean finds(Dialect dialect, Connection c, long articleId, SearchQuery query) throws SQLException {
    return ask(dialect, c, articleId, query, "1").isPresent();
  }

  /** The snippet of the article's text around what {@code query} finds in it, or empty when it finds nothing there. */
  private static java.util.Optional<String> snippet(Dialect dialect, Connection c, long articleId, SearchQuery query) throws SQLException {
    return ask(dialect, c, articleId, query, dialect.searchSnippet(SNIPPET_TOKENS)).map(raw -> dialect.snippet(raw, query, SNIPPET_TOKENS));
  }

  /** {@code column} of the article when {@code query} finds it, by the very condition a search uses, restricted to its row. */
  private static java.util.Optional<String> ask(Dialect dialect, Connection c, long articleId, SearchQuery query, String column)
      throws SQLException {
    String match = dialect.searchMatch(query);
    if (match.isEmpty()) {
      return java.util.Optional.empty();
    }
    try (PreparedStatement q = c.prepareStatement("SELECT " + column + dialect.searchFrom() + " AND a.id = ?")) {
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
