package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.query.TextFilter;

/** The {@code articles} and {@code article_countries} tables. */
public final class ArticleRepository {
  private final Database db;
  private final GroupCommit groupCommit;
  private final OutboxRepository outbox;
  private final ProblemArticleRepository problems;

  ArticleRepository(Database db, OutboxRepository outbox, ProblemArticleRepository problems) {
    this.db = db;
    this.groupCommit = new GroupCommit(db);
    this.outbox = outbox;
    this.problems = problems;
  }

  /** Ids of the articles among {@code slugs} that are already recorded, by slug. */
  public Map<String, Long> known(Collection<String> slugs) {
    if (slugs.isEmpty()) {
      return Map.of();
    }
    return db.read(c -> {
      Map<String, Long> ids = new HashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT id FROM articles WHERE slug = ?")) {
        for (String slug : slugs) {
          q.setString(1, slug);
          try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
              ids.put(slug, rs.getLong(1));
            }
          }
        }
      }
      return ids;
    });
  }

  public Optional<Long> idOf(String slug) {
    return Optional.ofNullable(known(List.of(slug)).get(slug));
  }

  /** Links recorded articles to a country's listing; returns how many links are new. */
  public int link(Collection<Long> articleIds, int region, Instant now) {
    if (articleIds.isEmpty()) {
      return 0;
    }
    return db.inLightTransaction(c -> {
      int added = 0;
      for (long id : articleIds) {
        added += link(c, id, region, now);
      }
      return added;
    });
  }

  /** A newly archived article to record, with the time it was detected and the channels it is for. */
  public record Recording(NewArticle article, Instant detectedAt, ArticleAudience audience) {
    /** An article whose alert rows are made already, for channels without text filters. */
    public Recording(NewArticle article, Instant detectedAt, List<OutboxEntry> alerts) {
      this(article, detectedAt, ArticleAudience.of(alerts));
    }
  }

  /**
   * Records a newly archived article, its links to its countries and its {@code alerts} in one
   * durable transaction, and forgets it as gone or degraded. Returns empty when another job
   * recorded the same slug first; the caller then only links it.
   */
  public Optional<Long> recordNew(NewArticle a, Instant detectedAt, List<OutboxEntry> alerts) {
    return recordAll(List.of(new Recording(a, detectedAt, alerts))).get(0);
  }

  /**
   * Records newly archived articles (a listing page's, say) as {@link #recordNew} does, all in one
   * durable transaction: one commit and one fsync of the log for the lot. In that transaction each
   * article's channels are decided: those whose text filter the search index, holding the article's new
   * row, passes get its alert rows, and are recorded as the channels the article is for. Returns, per
   * article in order, its id, or empty when another job recorded the slug first.
   */
  public List<Optional<Long>> recordAll(List<Recording> batch) {
    // Crawls of several countries record articles at once: their commits (and fsyncs) are shared too.
    return groupCommit.run(c -> {
      List<Optional<Long>> ids = new java.util.ArrayList<>();
      List<OutboxEntry> alerts = new java.util.ArrayList<>();
      for (Recording r : batch) {
        Optional<Long> id = insert(c, r.article(), r.detectedAt());
        ids.add(id);
        if (id.isPresent()) {
          Map<String, String> passed = decide(c, id.get(), r.audience());
          r.audience().rows(passed).forEach(alert -> alerts.add(alert.forArticle(id.get())));
        }
      }
      Map<String, Instant> dueByChannel = dueTogether(alerts);
      outbox.insert(c, alerts.stream().map(e -> new OutboxEntry(e.deliveryId(), e.channel(), e.event(), e.articleId(),
          e.region(), e.subject(), e.payload(), dueByChannel.get(e.channel()), e.createdAt())).toList());
      return ids;
    });
  }

  /** The channels of {@code audience} that article {@code id} passes, with their snippets, recorded as its channels. */
  private Map<String, String> decide(Connection c, long id, ArticleAudience audience) throws SQLException {
    Map<String, String> passed = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, TextFilter> channel : audience.channels().entrySet()) {
      Optional<String> snippet = channel.getValue().isNone() ? Optional.of("")
          : SearchIndex.passes(db.dialect(), c, id, channel.getValue());
      snippet.ifPresent(s -> passed.put(channel.getKey(), s));
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO article_channels(article_id, channel) VALUES (?, ?)")) {
      for (String channel : passed.keySet()) {
        insert.setLong(1, id);
        insert.setString(2, channel);
        insert.addBatch();
      }
      if (!passed.isEmpty()) {
        insert.executeBatch();
      }
    }
    return passed;
  }

  /**
   * When each channel's deliveries of the batch fall due: together, at the latest of their times. A digest's time is
   * the tick after an alert was made, article by article; articles committed together would otherwise wait for
   * two ticks when their alerts were made on either side of one, and go out as two digests.
   */
  private static Map<String, Instant> dueTogether(List<OutboxEntry> alerts) {
    Map<String, Instant> due = new java.util.HashMap<>();
    for (OutboxEntry e : alerts) {
      due.merge(e.channel(), e.nextAttemptAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    return due;
  }

  private Optional<Long> insert(Connection c, NewArticle a, Instant detectedAt) throws SQLException {
    long id;
    // Another node may record the same slug at the same moment (an article of two countries): the
    // unique slug lets one row in, and the other finds it did nothing and only links it.
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO articles(slug, url, title, published, countries, archive_path, sidecar_path, sha256, "
            + "baseline, fetched_at, detected_at, degraded, etag, last_modified, language, channels_recorded)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
            + " ON CONFLICT (slug) DO NOTHING",
        PreparedStatement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, a.slug());
      insert.setString(2, a.url());
      insert.setString(3, a.title());
      insert.setString(4, a.published());
      insert.setString(5, a.countries());
      insert.setString(6, a.archivePath());
      insert.setString(7, a.sidecarPath());
      insert.setString(8, a.sha256());
      insert.setInt(9, a.baseline() ? 1 : 0);
      insert.setString(10, Timestamps.format(a.fetchedAt()));
      insert.setString(11, Timestamps.format(detectedAt));
      insert.setInt(12, a.degraded() ? 1 : 0);
      insert.setString(13, a.etag());
      insert.setString(14, a.lastModified());
      insert.setString(15, org.industriallmonitor.parse.SiteUrls.languageOf(a.slug()));
      if (insert.executeUpdate() == 0) {
        return Optional.empty();
      }
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    for (int region : a.regions()) {
      link(c, id, region, detectedAt);
    }
    SearchIndex.add(db.dialect(), c, id, a.title(), a.text());
    insertThemes(c, id, a.themes());
    problems.resolve(c, a.slug());
    return Optional.of(id);
  }

  /** Records an article's theme tags (once each): when it is recorded, or by {@code reindex} from its sidecar. */
  static void insertThemes(Connection c, long id, List<org.industriallmonitor.parse.Theme> themes) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO article_themes(article_id, theme, name, name_key) VALUES (?, ?, ?, ?) ON CONFLICT (article_id, theme) DO NOTHING")) {
      for (org.industriallmonitor.parse.Theme theme : themes) {
        insert.setLong(1, id);
        insert.setInt(2, theme.id());
        insert.setString(3, theme.name());
        insert.setString(4, org.industriallmonitor.config.CountryNames.key(theme.name()));
        insert.addBatch();
      }
      if (!themes.isEmpty()) {
        insert.executeBatch();
      }
    }
  }

  /** An archived article's address and files, relative to the archive root. */
  public record Archived(String url, String archivePath, String sidecarPath) {}

  /** The newest archived articles not read by the fallback extractor, newest first: references for calibration. */
  public List<Archived> newest(int limit) {
    return db.read(c -> {
      List<Archived> rows = new java.util.ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT url, archive_path, sidecar_path FROM articles WHERE degraded = 0 ORDER BY id DESC LIMIT ?")) {
        q.setInt(1, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            rows.add(new Archived(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
      return rows;
    });
  }

  /** Where an article is archived (relative to the archive root), if it is recorded. */
  public Optional<String> archivePath(String slug) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT archive_path FROM articles WHERE slug = ?")) {
        q.setString(1, slug);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }


  /** An archived article as the console lists it; paths are relative to the archive root. */
  public record Summary(String slug, String title, String published, String countries, String language, String url,
      String archivePath, String sidecarPath, Instant detectedAt) {}

  private static final String SUMMARY_COLUMNS =
      "a.slug, a.title, a.published, a.countries, a.language, a.url, a.archive_path, a.sidecar_path, a.detected_at";

  /**
   * The newest archived articles by publication date (then by when they were found), of one
   * country when {@code region} is set: the console's list and its Atom feeds.
   */
  public List<Summary> recent(Integer region, int limit) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM articles a"
          + (region == null ? "" : " WHERE a.id IN (SELECT article_id FROM article_countries WHERE region = ?)")
          + " ORDER BY a.published DESC, a.id DESC LIMIT ?")) {
        int i = 1;
        if (region != null) {
          q.setInt(i++, region);
        }
        q.setInt(i, limit);
        return summaries(q);
      }
    });
  }

  /** The archived article with this slug, if any. */
  public Optional<Summary> find(String slug) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM articles a WHERE a.slug = ?")) {
        q.setString(1, slug);
        return summaries(q).stream().findFirst();
      }
    });
  }

  /** A country an archived article is linked to: its region and the name the archive knows it by (the configured one). */
  public record LinkedCountry(int region, String name) {}

  /**
   * The countries the article of {@code slug} is linked to ({@code article_countries}, each with its row of
   * {@code countries}), by region: exactly those whose search by country finds it.
   */
  public List<LinkedCountry> countriesOf(String slug) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT ac.region, c.name FROM article_countries ac"
          + " JOIN articles a ON a.id = ac.article_id JOIN countries c ON c.region = ac.region WHERE a.slug = ? ORDER BY ac.region")) {
        q.setString(1, slug);
        List<LinkedCountry> linked = new java.util.ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            linked.add(new LinkedCountry(rs.getInt(1), rs.getString(2)));
          }
        }
        return linked;
      }
    });
  }

  /** How many archived articles of {@code region} were published in {@code month}; months without any have no row. */
  public record MonthCount(int region, java.time.YearMonth month, int articles) {}

  /**
   * The archived articles per country of {@code regions} and month of publication, from {@code first} to
   * {@code last} (both included), in one grouped query: the console's chart. {@code published} is an ISO
   * date ({@code 2026-11-20}), so its first seven characters are its month and its order is the dates'
   * order, on both databases; an article of two countries counts in each. Withdrawn articles count: their
   * archived texts stay.
   */
  public List<MonthCount> perMonth(Collection<Integer> regions, java.time.YearMonth first, java.time.YearMonth last) {
    if (regions.isEmpty() || last.isBefore(first)) {
      return List.of();
    }
    String in = String.join(", ", java.util.Collections.nCopies(regions.size(), "?"));
    return db.read(c -> {
      List<MonthCount> counts = new java.util.ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT ac.region, substr(a.published, 1, 7) AS month, count(*)"
          + " FROM article_countries ac JOIN articles a ON a.id = ac.article_id"
          + " WHERE ac.region IN (" + in + ") AND a.published >= ? AND a.published < ?"
          + " GROUP BY ac.region, substr(a.published, 1, 7) ORDER BY ac.region, month")) {
        int i = 1;
        for (int region : regions) {
          q.setInt(i++, region);
        }
        // Bounds as text: "2025-01" sorts before every day of January 2025, "2027-01" after every day of 2026.
        q.setString(i++, first.toString());
        q.setString(i, last.plusMonths(1).toString());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            counts.add(new MonthCount(rs.getInt(1), java.time.YearMonth.parse(rs.getString(2)), rs.getInt(3)));
          }
        }
      }
      return counts;
    });
  }

  private static List<Summary> summaries(PreparedStatement q) throws SQLException {
    List<Summary> rows = new java.util.ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        rows.add(new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), Timestamps.parse(rs.getString(9))));
      }
    }
    return rows;
  }

  private static int link(Connection c, long articleId, int region, Instant now) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO article_countries(article_id, region, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setLong(1, articleId);
      insert.setInt(2, region);
      insert.setString(3, Timestamps.format(now));
      return insert.executeUpdate();
    }
  }
}
