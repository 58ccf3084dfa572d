package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cluster_nodes} table: each daemon checks in every {@code cluster.checkin_interval};
 * one silent for two check-ins counts as dead, and its claims (deliveries, open crawl runs) are
 * taken over by the live ones.
 */
public final class NodeRepository {
  /** Nodes silent this long are removed from the table (their runs keep their node ids). */
  static final Duration FORGOTTEN_AFTER = Duration.ofDays(7);

  private final Database db;

  NodeRepository(Database db) {
    this.db = db;
  }

  /** A node as {@code status} shows it. */
  public record Node(String id, String host, long pid, Instant startedAt, Instant lastCheckin, Instant stoppedAt) {
    /** Whether it checked in within {@code deadAfter} of {@code now} and has not stopped. */
    public boolean alive(Instant now, Duration deadAfter) {
      return stoppedAt == null && !lastCheckin.plus(deadAfter).isBefore(now);
    }
  }

  /**
   * Records that {@code node} starts now, or refuses when a live process already runs under the
   * same id: two daemons with one {@code cluster.node_id} would take each other's claims.
   *
   * @return the live node that holds the id, when there is one
   */
  public java.util.Optional<Node> start(String node, String host, long pid, Instant now, Duration deadAfter) {
    return db.inTransaction(c -> {
      java.util.Optional<Node> holder = find(c, node).filter(n -> n.pid() != pid && n.alive(now, deadAfter));
      if (holder.isPresent()) {
        return holder;
      }
      // Each `once` is a node for its run: the ones silent for a week are forgotten.
      try (PreparedStatement prune = c.prepareStatement("DELETE FROM cluster_nodes WHERE last_checkin_at < ?")) {
        prune.setString(1, Timestamps.format(now.minus(FORGOTTEN_AFTER)));
        prune.executeUpdate();
      }
      try (PreparedStatement u = c.prepareStatement("INSERT INTO cluster_nodes(node_id, host, pid, started_at, last_checkin_at)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET host = excluded.host, pid = excluded.pid,"
          + " started_at = excluded.started_at, last_checkin_at = excluded.last_checkin_at, stopped_at = NULL")) {
        u.setString(1, node);
        u.setString(2, host);
        u.setLong(3, pid);
        u.setString(4, Timestamps.format(now));
        u.setString(5, Timestamps.format(now));
        u.executeUpdate();
      }
      return java.util.Optional.<Node>empty();
    });
  }

  /** The node's check-in: it is alive at {@code now}. */
  public void checkIn(String node, Instant now) {
    db.inLightTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE cluster_nodes SET last_checkin_at = ? WHERE node_id = ?")) {
        u.setString(1, Timestamps.format(now));
        u.setString(2, node);
        return u.executeUpdate();
      }
    });
  }

  /** An orderly stop: the node is no longer counted on, and its claims are free at once. */
  public void stop(String node, Instant now) {
    db.inTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE cluster_nodes SET stopped_at = ? WHERE node_id = ?")) {
        u.setString(1, Timestamps.format(now));
        u.setString(2, node);
        u.executeUpdate();
      }
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND status = 'pending'")) {
        u.setString(1, node);
        u.executeUpdate();
      }
      return null;
    });
  }

  /** Every node that ever ran on this state, the most recent check-in first. */
  public List<Node> all() {
    return db.read(c -> {
      List<Node> nodes = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT node_id, host, pid, started_at, last_checkin_at, stopped_at FROM cluster_nodes ORDER BY last_checkin_at DESC, node_id");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          nodes.add(node(rs));
        }
      }
      return nodes;
    });
  }

  private static java.util.Optional<Node> find(java.sql.Connection c, String node) throws java.sql.SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT node_id, host, pid, started_at, last_checkin_at, stopped_at FROM cluster_nodes WHERE node_id = ?")) {
      q.setString(1, node);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? java.util.Optional.of(node(rs)) : java.util.Optional.empty();
      }
    }
  }

  private static Node node(ResultSet rs) throws java.sql.SQLException {
    return new Node(rs.getString(1), rs.getString(2), rs.getLong(3), Timestamps.parse(rs.getString(4)),
        Timestamps.parse(rs.getString(5)), Timestamps.parse(rs.getString(6)));
  }

  /**
   * The SQL condition "the node in {@code column} is not alive": null, unknown, stopped, or
   * silent since before the first parameter (a time).
   */
  static String notAlive(String column) {
    return "(" + column + " IS NULL OR " + column + " NOT IN (SELECT node_id FROM cluster_nodes"
        + " WHERE stopped_at IS NULL AND last_checkin_at >= ?))";
  }
}
