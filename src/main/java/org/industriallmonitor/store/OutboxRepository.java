package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import org.industriallmonitor.config.ClusterConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code outbox} table: deliveries waiting, delivered and dead. */
public final class OutboxRepository {
  private static final String COLUMNS =
      "id, delivery_id, channel, event, subject, payload, status, attempts, next_attempt_at, created_at, last_error";

  private final Database db;
  private final String node;
  private final Duration deadAfter;

  OutboxRepository(Database db, ClusterConfig cluster) {
    this.db = db;
    this.node = cluster.nodeId();
    this.deadAfter = cluster.deadAfter();
  }

  /** Writes entries in a transaction of the store's own; an entry already there is skipped. */
  void insert(Connection c, Collection<OutboxEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement(
        // Only a repeat (the same delivery id, or the same article, channel and event) is skipped: OR IGNORE
        // would also drop a row that breaks NOT NULL, and an alert must never vanish without an error.
        "INSERT INTO outbox(delivery_id, channel, event, article_id, region, subject, payload, next_attempt_at, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (OutboxEntry e : entries) {
        insert.setString(1, e.deliveryId());
        insert.setString(2, e.channel());
        insert.setString(3, e.event());
        if (e.articleId() == null) {
          insert.setNull(4, Types.INTEGER);
        } else {
          insert.setLong(4, e.articleId());
        }
        if (e.region() == null) {
          insert.setNull(5, Types.INTEGER);
        } else {
          insert.setInt(5, e.region());
        }
        insert.setString(6, e.subject());
        insert.setString(7, e.payload());
        insert.setString(8, Timestamps.format(e.nextAttemptAt()));
        insert.setString(9, Timestamps.format(e.createdAt()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  public void enqueue(Collection<OutboxEntry> entries) {
    db.inTransaction(c -> {
      insert(c, entries);
      return null;
    });
  }

  /** Pending deliveries whose next attempt is due at {@code now}, oldest first. */
  public List<OutboxRow> due(Instant now, int limit) {
    return due(now, limit, null);
  }

  /** The same, for one channel only ({@code channel} null: every channel). */
  public List<OutboxRow> due(Instant now, int limit, String channel) {
    return db.read(c -> {
      try (PreparedStatement q = dueQuery(c, now, limit, channel, "")) {
        return rows(q);
      }
    });
  }

  /**
   * The deliveries due at {@code now} (of {@code channel}, or of all when null) that this node may
   * send, oldest first: the dialect leaves out those another live node has claimed.
   */
  private PreparedStatement dueQuery(Connection c, Instant now, int limit, String channel, String lockRows) throws SQLException {
    SqlCondition claimable = db.dialect().claimableDeliveries(claimingNode(now));
    PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE status = 'pending' "
        + "AND next_attempt_at <= ?" + (channel == null ? "" : " AND channel = ?") + claimable.sql() + " ORDER BY id LIMIT ?" + lockRows);
    try {
      int i = 1;
      q.setString(i++, Timestamps.format(now));
      if (channel != null) {
        q.setString(i++, channel);
      }
      i = claimable.bind(q, i);
      q.setInt(i, limit);
      return q;
    } catch (SQLException | RuntimeException e) {
      q.close();
      throw e;
    }
  }

  private ClaimingNode claimingNode(Instant now) {
    return new ClaimingNode(node, now, deadAfter);
  }

  /**
   * Claims for this node the deliveries of {@code channel} due at {@code now}, oldest first, for
   * {@code lease}: another node that shares the database skips them until this node records their
   * outcome, stops, dies (two missed check-ins) or lets the lease run out. Where this process is the
   * only sender (SQLite, under the state folder's lock), the dialect reads the due rows and writes no
   * claim.
   */
  public List<OutboxRow> claim(Instant now, int limit, String channel, Duration lease) {
    return db.dialect().<OutboxRow>claim(db, c -> {
      try (PreparedStatement q = dueQuery(c, now, limit, channel, db.dialect().skipLocked())) {
        return rows(q);
      }
    }, (c, rows) -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?")) {
        for (OutboxRow row : rows) {
          u.setString(1, node);
          u.setString(2, Timestamps.format(now.plus(lease)));
          u.setLong(3, row.id());
          u.addBatch();
        }
        u.executeBatch();
      }
    });
  }

  /** Every delivery in {@code status} (all when null), oldest first. */
  public List<OutboxRow> list(String status, int limit) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox"
          + (status == null ? "" : " WHERE status = ?") + " ORDER BY id LIMIT ?")) {
        int i = 1;
        if (status != null) {
          q.setString(i++, status);
        }
        q.setInt(i, limit);
        return rows(q);
      }
    });
  }

  /** When the next pending delivery this node may send is due, if any is pending. */
  public Optional<Instant> nextDue(Instant now) {
    return db.read(c -> {
      SqlCondition claimable = db.dialect().claimableDeliveries(claimingNode(now));
      try (PreparedStatement q = c.prepareStatement("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'" + claimable.sql())) {
        claimable.bind(q, 1);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.ofNullable(Timestamps.parse(rs.getString(1))) : Optional.<Instant>empty();
        }
      }
    });
  }

  public void markDelivered(Collection<Long> ids, Instant now) {
    // Lost to a power loss, a delivery is sent again with the same id: receivers de-duplicate.
    db.inLightTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL, "
              + "claimed_by = NULL, claimed_until = NULL "
              + "WHERE id = ? AND status = 'pending'")) {
        for (long id : ids) {
          u.setString(1, Timestamps.format(now));
          u.setLong(2, id);
          u.addBatch();
        }
        u.executeBatch();
      }
      return null;
    });
  }

  /** Counts a failed attempt: the delivery is tried again at {@code nextAttempt}. */
  public void markFailed(Collection<Long> ids, String error, Instant nextAttempt) {
    markAttemptFailed(ids, error, "pending", nextAttempt);
  }

  /**
   * Counts a last failed attempt: the delivery is dead from {@code now} until {@code outbox retry}. Its
   * {@code next_attempt_at} becomes the time it died, which the retention counts from: one that waited
   * longer than the retention for its last attempt is kept that long after it, for a retry.
   */
  public void markDead(Collection<Long> ids, String error, Instant now) {
    markAttemptFailed(ids, error, "dead", now);
  }

  private void markAttemptFailed(Collection<Long> ids, String error, String status, Instant nextAttemptAt) {
    db.inLightTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE outbox SET attempts = attempts + 1, last_error = ?, status = ?, next_attempt_at = ?, "
              + "claimed_by = NULL, claimed_until = NULL "
              + "WHERE id = ? AND status = 'pending'")) {
        for (long id : ids) {
          u.setString(1, error);
          u.setString(2, status);
          u.setString(3, Timestamps.format(nextAttemptAt));
          u.setLong(4, id);
          u.addBatch();
        }
        u.executeBatch();
      }
      return null;
    });
  }

  /** Puts dead deliveries (of one channel, or one delivery id, or all when both are null) back in line. */
  public int retryDead(String channel, String deliveryId, Instant now) {
    return db.inTransaction(c -> {
      StringBuilder sql = new StringBuilder("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, "
          + "created_at = ? WHERE status = 'dead'");
      if (channel != null) {
        sql.append(" AND channel = ?");
      }
      if (deliveryId != null) {
        sql.append(" AND delivery_id = ?");
      }
      try (PreparedStatement u = c.prepareStatement(sql.toString())) {
        int i = 1;
        u.setString(i++, Timestamps.format(now));
        u.setString(i++, Timestamps.format(now));
        if (channel != null) {
          u.setString(i++, channel);
        }
        if (deliveryId != null) {
          u.setString(i, deliveryId);
        }
        return u.executeUpdate();
      }
    });
  }

  /** Pending, delivered and dead deliveries per channel. */
  public Map<String, ChannelCounts> countsByChannel() {
    return db.read(c -> {
      Map<String, ChannelCounts> counts = new LinkedHashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT channel, "
          + "SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END), "
          + "SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END), "
          + "MIN(CASE WHEN status = 'pending' THEN created_at END) FROM outbox GROUP BY channel ORDER BY channel");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), new ChannelCounts(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
              Timestamps.parse(rs.getString(5))));
        }
      }
      return counts;
    });
  }

  private static List<OutboxRow> rows(PreparedStatement q) throws SQLException {
    List<OutboxRow> rows = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getInt(8), Timestamps.parse(rs.getString(9)),
            Timestamps.parse(rs.getString(10)), rs.getString(11)));
      }
    }
    return rows;
  }
}
