package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.industriallmonitor.config.ClusterConfig;

/**
 * History pruned after {@code storage.retention}: crawl runs, finished deliveries, remembered
 * early-warning items and node check-ins. Articles, their versions and the search index are
 * never touched. Each batch is its own short transaction, so a crawl waits for one batch at most; an
 * interrupted thread stops between two.
 */
public final class RetentionRepository {
  /** Rows per transaction: small enough that a crawl waiting for the database hardly notices. */
  static final int BATCH = 500;

  /**
   * Deliveries delivered, or dead, before the cutoff (both parameters): found by the indexes {@code outbox_delivered}
   * and {@code outbox_due}, never by reading every delivered row under the write lock.
   */
  static final String FINISHED_DELIVERIES = "(status = 'delivered' AND delivered_at < ?) OR (status = 'dead' AND next_attempt_at < ?)";

  private final Database db;
  private final ClusterConfig cluster;
  private final int batch;

  RetentionRepository(Database db, ClusterConfig cluster) {
    this(db, cluster, BATCH);
  }

  RetentionRepository(Database db, ClusterConfig cluster, int batch) {
    this.db = db;
    this.cluster = cluster;
    this.batch = batch;
  }

  /** What one pruning removed, table by table, and in how many transactions. */
  public record Pruned(int crawlRuns, int deliveries, int feedItems, int nodes, int batches) {
    public int total() {
      return crawlRuns + deliveries + feedItems + nodes;
    }
  }

  /** How big the database is and how far back its history goes (null: none kept). */
  public record HistoryKept(long databaseBytes, Instant oldestCrawlRun, Instant oldestDelivery) {}

  /** Deletes the history older than {@code cutoff}, in batches. */
  public Pruned prune(Instant cutoff, Instant now) {
    String before = Timestamps.format(cutoff);
    int[] batches = {0};
    int runs = pruneCrawlRuns(before, batches);
    // Pending deliveries are never pruned: only those delivered, or dead (next_attempt_at is when they died), that long ago.
    int deliveries = pruneByKey("outbox", "id", FINISHED_DELIVERIES, List.of(before, before), batches);
    // A remembered item the source still lists must never come back as new: only items the most
    // recent full read did not list (it marks each one it lists) and that no full read listed for
    // the retention; none before a full read has marked what the source lists.
    int feedItems = pruneByKey("early_warning_skipped", "slug",
        "COALESCE(last_listed_at, seen_at) < ?"
            + " AND (last_listed_at IS NULL OR last_listed_at < (SELECT MAX(last_listed_at) FROM early_warning_skipped))"
            + " AND EXISTS (SELECT 1 FROM early_warning_skipped WHERE last_listed_at IS NOT NULL)",
        List.of(before), batches);
    // Only nodes that are dead as well, and never this one: a live node whose row vanished would lose its claims.
    String deadSince = Timestamps.format(now.minus(cluster.deadAfter()));
    int nodes = pruneByKey("cluster_nodes", "node_id", "last_checkin_at < ? AND last_checkin_at < ? AND node_id <> ?",
        List.of(before, deadSince, cluster.nodeId()), batches);
    return new Pruned(runs, deliveries, feedItems, nodes, batches[0]);
  }

  /**
   * Finished runs past the cutoff, but never a country's newest run nor its newest successful one
   * ({@code status}, the console and the health of a country read them). The listing pages they
   * counted are carried into {@code pruned_crawl_pages}, so that the pages metric never goes down.
   */
  private int pruneCrawlRuns(String before, int[] batches) {
    int pruned = 0;
    while (!stopping()) {
      int deleted = db.inLightTransaction(c -> {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM crawl_runs r WHERE finished_at IS NOT NULL AND finished_at < ?"
            + " AND id <> (SELECT MAX(id) FROM crawl_runs x WHERE x.region = r.region)"
            + " AND id <> COALESCE((SELECT MAX(id) FROM crawl_runs x WHERE x.region = r.region AND x.finished_at IS NOT NULL"
            + " AND x.error IS NULL), -1)"
            // While a crawl is in flight, status reads its last error from the newest finished run.
            + " AND id <> COALESCE((SELECT MAX(id) FROM crawl_runs x WHERE x.region = r.region AND x.finished_at IS NOT NULL), -1)"
            + " LIMIT " + batch)) {
          q.setString(1, before);
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
        }
        if (ids.isEmpty()) {
          return 0;
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        // The pages of the rows this statement deleted, not of those it selected: another node pruning at the same
        // moment deletes each row once, so each row's pages are carried once.
        Map<Integer, Long> pages = new HashMap<>();
        int deletedRows = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DELETE FROM crawl_runs WHERE id IN " + in
            + " RETURNING region, pages")) {
          while (rs.next()) {
            pages.merge(rs.getInt(1), rs.getLong(2), Long::sum);
            deletedRows++;
          }
        }
        try (PreparedStatement carry = c.prepareStatement("INSERT INTO pruned_crawl_pages(region, pages) VALUES (?, ?)"
            + " ON CONFLICT (region) DO UPDATE SET pages = pruned_crawl_pages.pages + excluded.pages")) {
          for (Map.Entry<Integer, Long> region : pages.entrySet()) {
            carry.setInt(1, region.getKey());
            carry.setLong(2, region.getValue());
            carry.executeUpdate();
          }
        }
        return deletedRows;
      });
      if (deleted == 0) {
        return pruned;
      }
      batches[0]++;
      pruned += deleted;
    }
    return pruned;
  }

  private int pruneByKey(String table, String key, String condition, List<String> parameters, int[] batches) {
    String sql = "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table + " WHERE " + condition
        + " LIMIT " + batch + ")";
    int pruned = 0;
    while (!stopping()) {
      // Light: a batch lost to a power loss is pruned again next time.
      int deleted = db.inLightTransaction(c -> {
        try (PreparedStatement d = c.prepareStatement(sql)) {
          for (int i = 0; i < parameters.size(); i++) {
            d.setString(i + 1, parameters.get(i));
          }
          return d.executeUpdate();
        }
      });
      if (deleted == 0) {
        return pruned;
      }
      batches[0]++;
      pruned += deleted;
    }
    return pruned;
  }

  /** The daemon stopping interrupts its pruning: what is left is pruned next time. */
  private static boolean stopping() {
    return Thread.currentThread().isInterrupted();
  }

  /**
   * Makes a database made before incremental vacuum give pruned history's space back from now on: SQLite
   * rewrites the whole file once ({@code VACUUM}), and its write-ahead log grows as big as the file meanwhile,
   * then is truncated. Only at the start of {@code run} and {@code once}, which hold the state alone then:
   * nothing else waits for the rewrite, and a failure (a disk short of room) is tried again at the next start,
   * not at every pruning. PostgreSQL's autovacuum needs nothing.
   *
   * @return whether this call switched the database (false: nothing to switch)
   */
  public boolean switchToIncrementalVacuum() {
    return db.read(c -> db.dialect().giveSpaceBack(c));
  }

  /**
   * Gives the space of deleted rows back to the file system, as the dialect does: SQLite frees the free
   * pages of a switched file a few at a time, each step its own transaction, so that a crawl waits for one
   * step at most (a file not switched yet keeps them, reused by later writes); PostgreSQL's autovacuum does
   * it by itself. Stops early when the thread is interrupted (the daemon stopping).
   */
  public void reclaimSpace() {
    while (!stopping() && db.read(c -> db.dialect().giveSomeSpaceBack(c))) {
      // One step per turn of the database's lock: a crawl's transaction may come between two.
    }
  }

  /** The database's size and the oldest crawl run and delivery it keeps. */
  public HistoryKept kept() {
    return db.read(c -> new HistoryKept(db.dialect().sizeInBytes(c), oldest(c, "SELECT MIN(started_at) FROM crawl_runs"),
        oldest(c, "SELECT MIN(created_at) FROM outbox")));
  }

  private static Instant oldest(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? Timestamps.parse(rs.getString(1)) : null;
    }
  }
}
