package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Articles a listing links to that cannot be archived yet: gone ones (404/410, checked again
 * once a day) and ones found only by the fallback extractor while the site's layout is broken.
 */
public final class ProblemArticleRepository {
  private final Database db;

  ProblemArticleRepository(Database db) {
    this.db = db;
  }

  /** When a gone article was last checked, if it is recorded as gone. */
  public Optional<Instant> goneCheckedAt(String slug) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT checked_at FROM gone_articles WHERE slug = ?")) {
        q.setString(1, slug);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(Timestamps.parse(rs.getString(1))) : Optional.<Instant>empty();
        }
      }
    });
  }

  /** Records a gone article (or a new check of it); returns true the first time. */
  public boolean markGone(String slug, String url, int status, Instant now) {
    return db.inLightTransaction(c -> {
      boolean first = !listed(c, "gone_articles", slug);
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO gone_articles(slug, url, status, first_seen_at, checked_at) VALUES (?, ?, ?, ?, ?) "
              + "ON CONFLICT(slug) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at")) {
        upsert.setString(1, slug);
        upsert.setString(2, url);
        upsert.setInt(3, status);
        upsert.setString(4, Timestamps.format(now));
        upsert.setString(5, Timestamps.format(now));
        upsert.executeUpdate();
      }
      return first;
    });
  }

  /** Records an article found only by the fallback; returns true the first time. */
  public boolean markDegraded(String slug, String url, String title, int region, String reason, Instant now) {
    return db.inLightTransaction(c -> {
      boolean first = !listed(c, "degraded_articles", slug);
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO degraded_articles(slug, url, title, region, reason, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT(slug) DO UPDATE SET reason = excluded.reason, last_seen_at = excluded.last_seen_at")) {
        upsert.setString(1, slug);
        upsert.setString(2, url);
        upsert.setString(3, title);
        upsert.setInt(4, region);
        upsert.setString(5, reason);
        upsert.setString(6, Timestamps.format(now));
        upsert.setString(7, Timestamps.format(now));
        upsert.executeUpdate();
      }
      return first;
    });
  }

  private static boolean listed(Connection c, String table, String slug) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM " + table + " WHERE slug = ?")) {
      q.setString(1, slug);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Forgets an article as gone or degraded, in the transaction that records it as archived. */
  void resolve(Connection c, String slug) throws SQLException {
    for (String table : new String[] {"gone_articles", "degraded_articles"}) {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE slug = ?")) {
        delete.setString(1, slug);
        delete.executeUpdate();
      }
    }
  }

  /** Articles of a country found only by the fallback and not archived. */
  public int degradedCount(int region) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM degraded_articles WHERE region = ?")) {
        q.setInt(1, region);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    });
  }
}
