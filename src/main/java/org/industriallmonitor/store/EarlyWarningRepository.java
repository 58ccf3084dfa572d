package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code early_warning} and {@code early_warning_skipped} tables. */
public final class EarlyWarningRepository {
  private final Database db;
  private final OutboxRepository outbox;

  EarlyWarningRepository(Database db, OutboxRepository outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** An item the source showed that it leaves alone: {@code reason} as in the table, {@code note} why in words. */
  public record Skipped(String slug, String reason, String note) {}

  /** The state of {@code source}, if it was ever polled. */
  public Optional<SourceState> read(String source) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT source, url, etag, last_modified, baseline_at, last_poll_at, last_outcome, "
          + "last_new_at, last_new_slug, consecutive_failures, last_error, last_error_at, alert_open FROM early_warning WHERE source = ?")) {
        q.setString(1, source);
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next()) {
            return Optional.<SourceState>empty();
          }
          return Optional.of(new SourceState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              Timestamps.parse(rs.getString(5)), Timestamps.parse(rs.getString(6)), rs.getString(7), Timestamps.parse(rs.getString(8)),
              rs.getString(9), rs.getInt(10), rs.getString(11), Timestamps.parse(rs.getString(12)), rs.getBoolean(13)));
        }
      }
    });
  }

  /** The slugs among {@code slugs} that the source skipped before. */
  public Set<String> skipped(Collection<String> slugs) {
    if (slugs.isEmpty()) {
      return Set.of();
    }
    return db.read(c -> {
      Set<String> found = new HashSet<>();
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM early_warning_skipped WHERE slug = ?")) {
        for (String slug : slugs) {
          q.setString(1, slug);
          try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
              found.add(slug);
            }
          }
        }
      }
      return found;
    });
  }

  /**
   * Forgets the items remembered because their tags named no configured country ({@code outside},
   * {@code untagged}) and the sources' validators, in one transaction: the configured countries or the
   * site's country ids changed, so the next poll reads its source in full and fetches those items
   * again while it lists them. Returns how many items were forgotten.
   */
  public int reconsiderPlacements() {
    return db.inTransaction(c -> {
      int forgotten;
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM early_warning_skipped WHERE reason IN ('outside', 'untagged')")) {
        forgotten = delete.executeUpdate();
      }
      if (forgotten > 0) {
        try (PreparedStatement clear = c.prepareStatement("UPDATE early_warning SET etag = NULL, last_modified = NULL")) {
          clear.executeUpdate();
        }
      }
      return forgotten;
    });
  }

  /** Remembers items not to fetch again. */
  public void skip(List<Skipped> items, Instant now) {
    if (items.isEmpty()) {
      return;
    }
    db.inLightTransaction(c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO early_warning_skipped(slug, reason, note, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        for (Skipped item : items) {
          insert.setString(1, item.slug());
          insert.setString(2, item.reason());
          insert.setString(3, item.note());
          insert.setString(4, Timestamps.format(now));
          insert.executeUpdate();
        }
      }
      return null;
    });
  }

  /**
   * Marks the remembered items among {@code slugs} (all that a full read of the source listed) as
   * listed at {@code at}: retention never forgets an item the source still lists.
   */
  public void listed(Collection<String> slugs, Instant at) {
    if (slugs.isEmpty()) {
      return;
    }
    // Light: a mark lost to a power loss is made again by the next full read.
    db.inLightTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE early_warning_skipped SET last_listed_at = ? WHERE slug = ?")) {
        for (String slug : slugs) {
          u.setString(1, Timestamps.format(at));
          u.setString(2, slug);
          u.addBatch();
        }
        u.executeBatch();
      }
      return null;
    });
  }

  /** Saves the source's state after a poll, with the monitor alerts that poll raised, in one durable transaction. */
  public void save(SourceState s, List<OutboxEntry> alerts) {
    db.inTransaction(c -> {
      upsert(c, s);
      outbox.insert(c, alerts);
      return null;
    });
  }

  private static void upsert(Connection c, SourceState s) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement("INSERT INTO early_warning(source, url, etag, last_modified, baseline_at, "
        + "last_poll_at, last_outcome, last_new_at, last_new_slug, consecutive_failures, last_error, last_error_at, alert_open) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source) DO UPDATE SET url = excluded.url, etag = excluded.etag, "
        + "last_modified = excluded.last_modified, baseline_at = excluded.baseline_at, last_poll_at = excluded.last_poll_at, "
        + "last_outcome = excluded.last_outcome, last_new_at = excluded.last_new_at, last_new_slug = excluded.last_new_slug, "
        + "consecutive_failures = excluded.consecutive_failures, last_error = excluded.last_error, "
        + "last_error_at = excluded.last_error_at, alert_open = excluded.alert_open")) {
      upsert.setString(1, s.source());
      upsert.setString(2, s.url());
      upsert.setString(3, s.etag());
      upsert.setString(4, s.lastModified());
      upsert.setString(5, time(s.baselineAt()));
      upsert.setString(6, time(s.lastPollAt()));
      upsert.setString(7, s.lastOutcome());
      upsert.setString(8, time(s.lastNewAt()));
      upsert.setString(9, s.lastNewSlug());
      upsert.setInt(10, s.consecutiveFailures());
      upsert.setString(11, s.lastError());
      upsert.setString(12, time(s.lastErrorAt()));
      upsert.setInt(13, s.alertOpen() ? 1 : 0);
      upsert.executeUpdate();
    }
  }

  private static String time(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }
}
