package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The {@code site_moves} table: permanent redirects of {@code site.base_url} to another address, each alerted once. */
public final class SiteMoveRepository {
  private final Database db;
  private final OutboxRepository outbox;

  SiteMoveRepository(Database db, OutboxRepository outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** {@code fromBase} answered {@code status} (301 or 308) towards {@code toBase}, first at {@code detectedAt}. */
  public record SiteMove(String fromBase, String toBase, int status, Instant detectedAt, Instant lastSeenAt) {}

  /** Every recorded move, the most recently seen first. */
  public List<SiteMove> all() {
    return db.read(c -> {
      List<SiteMove> moves = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT from_base, to_base, status, detected_at, last_seen_at FROM site_moves ORDER BY last_seen_at DESC, from_base");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          moves.add(move(rs));
        }
      }
      return moves;
    });
  }

  /**
   * Records that {@code fromBase} moved to {@code toBase}: the first time, the row and {@code alerts}
   * in one durable transaction (returns true); after that, only when it was last seen. {@code alerts}
   * is called only the first time.
   */
  public boolean record(String fromBase, String toBase, int status, Instant at, Supplier<List<OutboxEntry>> alerts) {
    return db.inTransaction(c -> {
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE site_moves SET last_seen_at = ?, status = ? WHERE from_base = ? AND to_base = ?")) {
        update.setString(1, Timestamps.format(at));
        update.setInt(2, status);
        update.setString(3, fromBase);
        update.setString(4, toBase);
        if (update.executeUpdate() > 0) {
          return false;
        }
      }
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO site_moves(from_base, to_base, status, detected_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, fromBase);
        insert.setString(2, toBase);
        insert.setInt(3, status);
        insert.setString(4, Timestamps.format(at));
        insert.setString(5, Timestamps.format(at));
        insert.executeUpdate();
      }
      outbox.insert(c, alerts.get());
      return true;
    });
  }

  private static SiteMove move(ResultSet rs) throws SQLException {
    return new SiteMove(rs.getString(1), rs.getString(2), rs.getInt(3), Timestamps.parse(rs.getString(4)),
        Timestamps.parse(rs.getString(5)));
  }
}
