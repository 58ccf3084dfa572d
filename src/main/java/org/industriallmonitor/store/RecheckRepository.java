package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-checks of archived articles: which are due, and what a re-check found (the same text, a new
 * version, a withdrawal), each recorded with its alerts in one transaction.
 */
public final class RecheckRepository {
  private final Database db;
  private final OutboxRepository outbox;

  RecheckRepository(Database db, OutboxRepository outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /**
   * An archived article to fetch again: its current text (the last version's, or the first),
   * the validators of its last answer, the countries it is listed under, and the channels it was
   * recorded for ({@code channels}, when {@code channelsRecorded}; an article recorded before schema 16
   * has none recorded, and its changes go to its countries' channels).
   */
  public record Target(long id, String slug, String url, String title, String published, String countries, String archivePath,
      String sidecarPath, String sha256, int version, String etag, String lastModified, List<Integer> regions,
      boolean channelsRecorded, List<String> channels) {
    public Target {
      regions = List.copyOf(regions);
      channels = List.copyOf(channels);
    }

    /** An article whose channels were not recorded (archived before schema 16). */
    public Target(long id, String slug, String url, String title, String published, String countries, String archivePath,
        String sidecarPath, String sha256, int version, String etag, String lastModified, List<Integer> regions) {
      this(id, slug, url, title, published, countries, archivePath, sidecarPath, sha256, version, etag, lastModified, regions,
          false, List.of());
    }
  }

  /**
   * The articles published on {@code publishedSince} or later, not withdrawn, not read by the
   * fallback extractor, last fetched before {@code checkedBefore}: the longest unchecked first.
   */
  public List<Target> due(LocalDate publishedSince, Instant checkedBefore, int limit) {
    return db.read(c -> {
      List<Target> targets = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT a.id, a.slug, a.url, a.title, a.published, a.countries, coalesce(v.archive_path, a.archive_path), a.sidecar_path,"
              + " coalesce(v.sha256, a.sha256), coalesce(v.version, 1), a.etag, a.last_modified,"
              + " (SELECT " + db.dialect().joinedByCommas("region") + " FROM article_countries WHERE article_id = a.id),"
              + " a.channels_recorded"
              + " FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id"
              + "   AND v.version = (SELECT max(version) FROM article_versions WHERE article_id = a.id)"
              + " WHERE a.removed_at IS NULL AND a.degraded = 0 AND a.published >= ?"
              + "   AND coalesce(a.last_checked_at, a.fetched_at) < ?"
              + " ORDER BY coalesce(a.last_checked_at, a.fetched_at), a.id LIMIT ?")) {
        q.setString(1, publishedSince.toString());
        q.setString(2, Timestamps.format(checkedBefore));
        q.setInt(3, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            List<Integer> regions = new ArrayList<>();
            String list = rs.getString(13);
            if (list != null) {
              for (String r : list.split(",")) {
                regions.add(Integer.parseInt(r));
              }
            }
            targets.add(new Target(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11),
                rs.getString(12), regions, rs.getInt(14) == 1, List.of()));
          }
        }
      }
      // A channel's id may hold any character: read apart, not joined by commas.
      try (PreparedStatement q = c.prepareStatement("SELECT channel FROM article_channels WHERE article_id = ? ORDER BY channel")) {
        for (int i = 0; i < targets.size(); i++) {
          Target t = targets.get(i);
          if (!t.channelsRecorded()) {
            continue;
          }
          List<String> channels = new ArrayList<>();
          q.setLong(1, t.id());
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              channels.add(rs.getString(1));
            }
          }
          targets.set(i, new Target(t.id(), t.slug(), t.url(), t.title(), t.published(), t.countries(), t.archivePath(),
              t.sidecarPath(), t.sha256(), t.version(), t.etag(), t.lastModified(), t.regions(), true, channels));
        }
      }
      return targets;
    });
  }

  /**
   * The oldest last check (or first fetch) among the articles a re-check could fetch, published on
   * {@code publishedSince} or later: the next one falls due an interval after it. Empty when none.
   */
  public java.util.Optional<Instant> oldestCheck(LocalDate publishedSince) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT min(coalesce(last_checked_at, fetched_at)) FROM articles"
          + " WHERE removed_at IS NULL AND degraded = 0 AND published >= ?")) {
        q.setString(1, publishedSince.toString());
        try (ResultSet rs = q.executeQuery()) {
          String oldest = rs.next() ? rs.getString(1) : null;
          return java.util.Optional.ofNullable(oldest == null ? null : Timestamps.parse(oldest));
        }
      }
    });
  }

  /**
   * A re-check that changes nothing (the same text, a 304, or a failure tried again an interval
   * later): only when it was checked, and the validators, change.
   */
  public void checked(long articleId, String etag, String lastModified, Instant now) {
    // Light: a lost check is made again, with the same outcome.
    db.inLightTransaction(c -> {
      checked(c, articleId, etag, lastModified, now);
      return null;
    });
  }

  /** A new text of an article, its file written: where, its hash, the answer's validators, and the text for the search index. */
  public record NewVersion(long articleId, int version, String archivePath, String sha256, String etag, String lastModified,
      Instant fetchedAt, String title, String text) {}

  /**
   * Records a new text: its version row, the search index on it, then its alerts, all in one
   * durable transaction and once (a repeat after a crash changes nothing and queues nothing).
   */
  public boolean recordVersion(NewVersion v, List<OutboxEntry> alerts) {
    long articleId = v.articleId();
    return db.inTransaction(c -> {
      int inserted;
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO article_versions(article_id, version, archive_path, sha256, fetched_at) VALUES (?, ?, ?, ?, ?)"
              + " ON CONFLICT DO NOTHING")) {
        insert.setLong(1, articleId);
        insert.setInt(2, v.version());
        insert.setString(3, v.archivePath());
        insert.setString(4, v.sha256());
        insert.setString(5, Timestamps.format(v.fetchedAt()));
        inserted = insert.executeUpdate();
      }
      checked(c, articleId, v.etag(), v.lastModified(), v.fetchedAt());
      if (inserted == 1) {
        SearchIndex.replace(db.dialect(), c, articleId, v.title(), v.text());
        outbox.insert(c, alerts);
      }
      return inserted == 1;
    });
  }

  /** The site withdrew the article (404 or 410): marked, and its alerts queued, the first time only. */
  public boolean recordRemoved(long articleId, Instant now, List<OutboxEntry> alerts) {
    return db.inTransaction(c -> {
      int marked;
      try (PreparedStatement update = c.prepareStatement("UPDATE articles SET removed_at = ? WHERE id = ? AND removed_at IS NULL")) {
        update.setString(1, Timestamps.format(now));
        update.setLong(2, articleId);
        marked = update.executeUpdate();
      }
      if (marked == 1) {
        outbox.insert(c, alerts.stream().map(alert -> alert.forArticle(articleId)).toList());
      }
      return marked == 1;
    });
  }

  /** Every text of an article, its first (version 1, the articles row) included: version, path, hash, when fetched. */
  public record Version(int version, String archivePath, String sha256, Instant fetchedAt) {}

  public List<Version> versions(long articleId) {
    return db.read(c -> {
      List<Version> versions = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT 1, archive_path, sha256, fetched_at FROM articles WHERE id = ?"
              + " UNION ALL SELECT version, archive_path, sha256, fetched_at FROM article_versions WHERE article_id = ? ORDER BY 1")) {
        q.setLong(1, articleId);
        q.setLong(2, articleId);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            versions.add(new Version(rs.getInt(1), rs.getString(2), rs.getString(3), Timestamps.parse(rs.getString(4))));
          }
        }
      }
      return versions;
    });
  }

  /** How many articles of each region the site withdrew. */
  public java.util.Map<Integer, Integer> removedByRegion() {
    return db.read(c -> {
      java.util.Map<Integer, Integer> removed = new java.util.LinkedHashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT ac.region, count(*) FROM articles a"
          + " JOIN article_countries ac ON ac.article_id = a.id WHERE a.removed_at IS NOT NULL GROUP BY ac.region");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          removed.put(rs.getInt(1), rs.getInt(2));
        }
      }
      return removed;
    });
  }

  private static void checked(Connection c, long articleId, String etag, String lastModified, Instant now) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE articles SET last_checked_at = ?, etag = ?, last_modified = ? WHERE id = ?")) {
      update.setString(1, Timestamps.format(now));
      update.setString(2, etag);
      update.setString(3, lastModified);
      update.setLong(4, articleId);
      update.executeUpdate();
    }
  }
}
