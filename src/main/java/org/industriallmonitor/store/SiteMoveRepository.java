package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code site_moves} table: permanent redirects of {@code site.base_url} to another address, each alerted once,
 * in force until the site ends them (a redirect back, the configured base answering for itself).
 */
public final class SiteMoveRepository {
  private final Database db;
  private final OutboxRepository outbox;

  SiteMoveRepository(Database db, OutboxRepository outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /**
   * {@code fromBase} answered {@code status} (301 or 308) towards {@code toBase}, first at {@code detectedAt};
   * {@code endedAt} null while the move is in force.
   */
  public record SiteMove(String fromBase, String toBase, int status, Instant detectedAt, Instant lastSeenAt, Instant endedAt) {
    public SiteMove(String fromBase, String toBase, int status, Instant detectedAt, Instant lastSeenAt) {
      this(fromBase, toBase, status, detectedAt, lastSeenAt, null);
    }

    public boolean inForce() {
      return endedAt == null;
    }
  }

  /** Every recorded move, ended ones included, the most recently seen first. */
  public List<SiteMove> all() {
    return db.read(c -> {
      List<SiteMove> moves = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT from_base, to_base, status, detected_at, last_seen_at, ended_at FROM site_moves ORDER BY last_seen_at DESC, from_base");
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
   * in one durable transaction (returns true); after that, only when it was last seen, and that it is in force
   * again if it had ended. {@code alerts} is called only the first time. The row is claimed by one statement, so
   * that of two nodes meeting the move at once exactly one queues the alert (and neither fails on the key).
   */
  public boolean record(String fromBase, String toBase, int status, Instant at, Supplier<List<OutboxEntry>> alerts) {
    return db.inTransaction(c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO site_moves(from_base, to_base, status, detected_at, last_seen_at) VALUES (?, ?, ?, ?, ?)"
              + " ON CONFLICT (from_base, to_base) DO NOTHING")) {
        insert.setString(1, fromBase);
        insert.setString(2, toBase);
        insert.setInt(3, status);
        insert.setString(4, Timestamps.format(at));
        insert.setString(5, Timestamps.format(at));
        if (insert.executeUpdate() > 0) {
          outbox.insert(c, alerts.get());
          return true;
        }
      }
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE site_moves SET last_seen_at = ?, status = ?, ended_at = NULL WHERE from_base = ? AND to_base = ?")) {
        update.setString(1, Timestamps.format(at));
        update.setInt(2, status);
        update.setString(3, fromBase);
        update.setString(4, toBase);
        update.executeUpdate();
      }
      return false;
    });
  }

  /**
   * Ends the moves of {@code fromBase} in force (to {@code toBase} only, or to anywhere when it is null): the site
   * went back, or the configured base answered for itself. Returns how many ended now.
   */
  public int end(String fromBase, String toBase, Instant at) {
    return db.inTransaction(c -> {
      try (PreparedStatement update = c.prepareStatement("UPDATE site_moves SET ended_at = ? WHERE from_base = ? AND ended_at IS NULL"
          + (toBase == null ? "" : " AND to_base = ?"))) {
        update.setString(1, Timestamps.format(at));
        update.setString(2, fromBase);
        if (toBase != null) {
          update.setString(3, toBase);
        }
        return update.executeUpdate();
      }
    });
  }

  private static SiteMove move(ResultSet rs) throws SQLException {
    String ended = rs.getString(6);
    return new SiteMove(rs.getString(1), rs.getString(2), rs.getInt(3), Timestamps.parse(rs.getString(4)),
        Timestamps.parse(rs.getString(5)), ended == null ? null : Timestamps.parse(ended));
  }
}
