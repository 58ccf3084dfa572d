package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code crawl_runs} table: one row per crawl of a country, and the status read from it. */
public final class CrawlRunRepository {
  private final Database db;

  private final String node;
  private final java.time.Duration deadAfter;

  CrawlRunRepository(Database db, org.industriallmonitor.config.ClusterConfig cluster) {
    this.db = db;
    this.node = cluster.nodeId();
    this.deadAfter = cluster.deadAfter();
  }

  public long start(int region, boolean baseline, Instant now) {
    return db.inLightTransaction(c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO crawl_runs(region, started_at, baseline, node_id) VALUES (?, ?, ?, ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
        insert.setInt(1, region);
        insert.setString(2, Timestamps.format(now));
        insert.setInt(3, baseline ? 1 : 0);
        insert.setString(4, node);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
  }

  /** Closes a run with its figures; {@code error} is null for a run that succeeded. */
  public void finish(long runId, CrawlCounts counts, String error, Instant now) {
    db.inLightTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE crawl_runs SET finished_at = ?, pages = ?, seen = ?, new_articles = ?, archived = ?, error = ? WHERE id = ?")) {
        u.setString(1, Timestamps.format(now));
        u.setInt(2, counts.pages());
        u.setInt(3, counts.seen());
        u.setInt(4, counts.newArticles());
        u.setInt(5, counts.archived());
        u.setString(6, error);
        u.setLong(7, runId);
        return u.executeUpdate();
      }
    });
  }

  /** Every country ever crawled, with its last crawl, last success, article count and last error. */
  public List<CountryStatus> status() {
    return db.read(c -> {
      List<CountryStatus> rows = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT k.region, k.name, "
              + " (SELECT MAX(started_at) FROM crawl_runs r WHERE r.region = k.region), "
              + " (SELECT MAX(finished_at) FROM crawl_runs r WHERE r.region = k.region AND r.finished_at IS NOT NULL AND r.error IS NULL), "
              + " (SELECT COUNT(*) FROM article_countries a WHERE a.region = k.region), "
              + " (SELECT error FROM crawl_runs r WHERE r.region = k.region AND r.finished_at IS NOT NULL ORDER BY r.id DESC LIMIT 1), "
              + " k.baseline_completed_at IS NOT NULL, "
              + " (SELECT total FROM listing_pages p WHERE p.region = k.region AND p.language = 'en' AND p.from_offset = 0) "
              + "FROM countries k ORDER BY k.name");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          int listed = rs.getInt(8);
          rows.add(new CountryStatus(rs.getInt(1), rs.getString(2), Timestamps.parse(rs.getString(3)),
              Timestamps.parse(rs.getString(4)), rs.getInt(5), rs.getString(6), rs.getBoolean(7), rs.wasNull() ? null : listed));
        }
      }
      return rows;
    });
  }

  /**
   * Listing pages fetched per region over every crawl run recorded, the pruned ones included
   * (their pages are carried in {@code pruned_crawl_pages}), so it only grows.
   */
  public Map<Integer, Long> pagesByRegion() {
    return db.read(c -> {
      Map<Integer, Long> pages = new LinkedHashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT region, sum(pages) FROM (SELECT region, pages FROM crawl_runs"
          + " UNION ALL SELECT region, pages FROM pruned_crawl_pages) counted GROUP BY region ORDER BY region");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          pages.put(rs.getInt(1), rs.getLong(2));
        }
      }
      return pages;
    });
  }

  /**
   * Marks runs that a killed process left open as interrupted. With SQLite, every open run (this
   * process holds the state folder's lock, so no other runs); with PostgreSQL, this node's own and
   * those of nodes silent for two check-ins: a live node's crawl in flight is left to it.
   */
  public int closeAbandoned(Instant now) {
    SqlCondition abandoned = db.dialect().ownOrOrphaned("node_id", new ClaimingNode(node, now, deadAfter));
    return db.inLightTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE crawl_runs SET finished_at = ?, error = 'interrupted: the process stopped during this crawl' "
              + "WHERE finished_at IS NULL" + abandoned.sql())) {
        u.setString(1, Timestamps.format(now));
        abandoned.bind(u, 2);
        return u.executeUpdate();
      }
    });
  }

  /** With PostgreSQL: closes the open runs of nodes that stopped checking in (their crawls start again on a live node). */
  public int closeRunsOfDeadNodes(Instant now) {
    return db.inLightTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE crawl_runs SET finished_at = ?, error = 'interrupted: its node stopped checking in' "
              + "WHERE finished_at IS NULL AND node_id <> ? AND " + NodeRepository.notAlive("node_id"))) {
        u.setString(1, Timestamps.format(now));
        u.setString(2, node);
        u.setString(3, Timestamps.format(now.minus(deadAfter)));
        return u.executeUpdate();
      }
    });
  }

  /** Which node runs each country now (an open run), or ran it last: for {@code status}. */
  public record NodeRun(int region, String node, boolean running) {}

  /** The node of each country's newest run that names one. */
  public Map<Integer, NodeRun> nodesByRegion() {
    return db.read(c -> {
      Map<Integer, NodeRun> runs = new LinkedHashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT r.region, r.node_id, r.finished_at IS NULL FROM crawl_runs r"
          + " WHERE r.id = (SELECT max(id) FROM crawl_runs x WHERE x.region = r.region AND x.node_id IS NOT NULL)");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          runs.put(rs.getInt(1), new NodeRun(rs.getInt(1), rs.getString(2), rs.getBoolean(3)));
        }
      }
      return runs;
    });
  }
}
