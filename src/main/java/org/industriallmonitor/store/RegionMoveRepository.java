package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code region_moves} table: configured countries the site now lists under another region id.
 * The country's state stays under its configured id; the row says which id the site uses now.
 */
public final class RegionMoveRepository {
  private final Database db;
  private final OutboxRepository outbox;

  RegionMoveRepository(Database db, OutboxRepository outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /**
   * A configured country ({@code region}, {@code name}) found on the site under {@code siteRegion}
   * ({@code siteName}) since {@code detectedAt}.
   */
  public record RegionMove(int region, String name, int siteRegion, String siteName, Instant detectedAt) {}

  /** Every move in force, by configured id. */
  public List<RegionMove> all() {
    return db.read(c -> {
      List<RegionMove> moves = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT region, name, site_region, site_name, detected_at FROM region_moves"
          + " WHERE active = 1 ORDER BY region, detected_at DESC, site_region")) {
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            RegionMove move = move(rs);
            // Two nodes recording two ids at once may leave two in force: the newest counts.
            if (moves.isEmpty() || moves.get(moves.size() - 1).region() != move.region()) {
              moves.add(move);
            }
          }
        }
      }
      return moves;
    });
  }

  /** The move in force of the country configured as {@code region}, if the site lists it elsewhere. */
  public Optional<RegionMove> of(int region) {
    return all().stream().filter(m -> m.region() == region).findFirst();
  }

  /** {@link #record(RegionMove, String, Supplier)} of a move the English country list showed. */
  public boolean record(RegionMove move, Supplier<List<OutboxEntry>> alerts) {
    return record(move, "en", alerts);
  }

  /**
   * Puts {@code move}, shown by the country list in {@code language}, in force, in one durable transaction
   * that ends the country's other move, if any. The alerts are queued with the pair's first row only: a
   * pair of ids (configured, site) is alerted once ever, however often the site's list flips back and
   * forth. Returns true when the move came into force now; false (nothing written, {@code alerts} not
   * called) when it was in force already. Each step is one statement whose row count decides, so two
   * nodes recording the same move at once queue its alerts once.
   */
  public boolean record(RegionMove move, String language, Supplier<List<OutboxEntry>> alerts) {
    return db.inTransaction(c -> {
      boolean inserted;
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO region_moves(region, site_region, name, site_name, language, detected_at, active) VALUES (?, ?, ?, ?, ?, ?, 1) "
              + "ON CONFLICT(region, site_region) DO NOTHING")) {
        insert.setInt(1, move.region());
        insert.setInt(2, move.siteRegion());
        insert.setString(3, move.name());
        insert.setString(4, move.siteName());
        insert.setString(5, language);
        insert.setString(6, Timestamps.format(move.detectedAt()));
        inserted = insert.executeUpdate() > 0;
      }
      boolean resumed = false;
      if (!inserted) {
        try (PreparedStatement resume = c.prepareStatement("UPDATE region_moves SET active = 1, name = ?, site_name = ?, language = ?, "
            + "detected_at = ? WHERE region = ? AND site_region = ? AND active = 0")) {
          resume.setString(1, move.name());
          resume.setString(2, move.siteName());
          resume.setString(3, language);
          resume.setString(4, Timestamps.format(move.detectedAt()));
          resume.setInt(5, move.region());
          resume.setInt(6, move.siteRegion());
          resumed = resume.executeUpdate() > 0;
        }
      }
      if (!inserted && !resumed) {
        return false;
      }
      try (PreparedStatement end = c.prepareStatement(
          "UPDATE region_moves SET active = 0 WHERE region = ? AND site_region <> ? AND active = 1")) {
        end.setInt(1, move.region());
        end.setInt(2, move.siteRegion());
        end.executeUpdate();
      }
      if (inserted) {
        outbox.insert(c, alerts.get());
      }
      return true;
    });
  }

  /** Ends the move of {@code region} in force (the site lists the configured id again). Returns true when there was one. */
  public boolean forget(int region) {
    return end(region, null);
  }

  /**
   * Ends the move of {@code region} in force if the country list in {@code language} showed it: another
   * language's list, perhaps still on the old CMS, says nothing of it. Returns true when it ended now.
   */
  public boolean forget(int region, String language) {
    return end(region, language);
  }

  private boolean end(int region, String language) {
    return db.inTransaction(c -> {
      try (PreparedStatement end = c.prepareStatement("UPDATE region_moves SET active = 0 WHERE region = ? AND active = 1"
          + (language == null ? "" : " AND language = ?"))) {
        end.setInt(1, region);
        if (language != null) {
          end.setString(2, language);
        }
        return end.executeUpdate() > 0;
      }
    });
  }

  /**
   * The tables whose rows are a country's state, keyed by its region id, with the other columns of their
   * primary key ({@code null}: the region alone is the key; none: the region is not part of the key).
   */
  private static final List<String[]> STATE_TABLES = List.of(
      new String[] {"country_languages", "language"},
      new String[] {"listing_pages", "language", "from_offset"},
      new String[] {"article_countries", "article_id"},
      new String[] {"schedule"},
      new String[] {"country_health"});

  /**
   * The user wrote the id the site uses now ({@code to}) in place of {@code from}: every row of the
   * country's state moves from {@code from} to {@code to} (countries, country_languages, listing_pages,
   * article_countries, crawl_runs, schedule, country_health, degraded_articles, pruned_crawl_pages, the
   * outbox's region) and the moves of {@code from} are forgotten, in one durable transaction. Nothing is
   * done (false) unless {@code from} has a {@code countries} row and {@code to} has none: the state
   * continues once, never over a state of its own. Where {@code to} has a row of its own (its schedule,
   * written when the new id was configured), that row stays and the old one goes.
   */
  public boolean continueUnder(int from, int to) {
    return !continueUnder(Map.of(from, to)).isEmpty();
  }

  /**
   * {@link #continueUnder(int, int)} for several countries at once ({@code from} to {@code to}), in one
   * durable transaction: ordered so that each state moves to an id already left by the state that was
   * there (a chain: 170 to 171 before 169 to 170), through a temporary negative id where the ids go round
   * (a swap). Returns the moves done, {@code from} to {@code to}.
   */
  public Map<Integer, Integer> continueUnder(Map<Integer, Integer> rekeys) {
    Map<Integer, Integer> pending = new LinkedHashMap<>();
    rekeys.forEach((from, to) -> {
      if (!from.equals(to) && from > 0 && to > 0) {
        pending.put(from, to);
      }
    });
    if (pending.isEmpty()) {
      return Map.of();
    }
    return db.inTransaction(c -> {
      Map<Integer, Integer> todo = new LinkedHashMap<>(pending);
      Map<Integer, Integer> original = new HashMap<>(); // a temporary id: the id its state had
      Map<Integer, Integer> done = new LinkedHashMap<>();
      while (!todo.isEmpty()) {
        Integer next = todo.keySet().stream().filter(from -> !todo.containsKey(todo.get(from))).findFirst().orElse(null);
        if (next == null) {
          // Every target is the id of another state still to move: the ids go round; one state steps aside.
          int from = todo.keySet().iterator().next();
          int to = todo.remove(from);
          if (move(c, from, -from)) {
            todo.put(-from, to);
            original.put(-from, from);
          }
          continue;
        }
        int to = todo.remove(next);
        if (move(c, next, to)) {
          done.put(original.getOrDefault(next, next), to);
        } else if (original.containsKey(next)) {
          // A state stepped aside and cannot go on: nothing of this transaction is kept, no state left at a temporary id.
          throw new IllegalStateException("the state of region " + original.get(next) + " cannot continue under " + to
              + ": region " + to + " has a state of its own");
        }
      }
      return done;
    });
  }

  /** Moves the state of {@code from} under {@code to}; false (nothing done) unless {@code from} has a state and {@code to} none. */
  private static boolean move(Connection c, int from, int to) throws SQLException {
    if (!hasCountry(c, from) || hasCountry(c, to)) {
      return false;
    }
    for (String[] table : STATE_TABLES) {
      String name = table[0];
      StringBuilder sameKey = new StringBuilder();
      for (int i = 1; i < table.length; i++) {
        sameKey.append(" AND o.").append(table[i]).append(" = ").append(name).append('.').append(table[i]);
      }
      update(c, "UPDATE " + name + " SET region = ? WHERE region = ? AND NOT EXISTS (SELECT 1 FROM " + name
          + " o WHERE o.region = ?" + sameKey + ")", to, from, to);
      update(c, "DELETE FROM " + name + " WHERE region = ?", from);
    }
    // A counter: the pages of the old id's pruned runs add to the new id's.
    update(c, "UPDATE pruned_crawl_pages SET pages = pages + (SELECT o.pages FROM pruned_crawl_pages o WHERE o.region = ?) "
        + "WHERE region = ? AND EXISTS (SELECT 1 FROM pruned_crawl_pages o WHERE o.region = ?)", from, to, from);
    update(c, "UPDATE pruned_crawl_pages SET region = ? WHERE region = ? AND NOT EXISTS "
        + "(SELECT 1 FROM pruned_crawl_pages o WHERE o.region = ?)", to, from, to);
    update(c, "DELETE FROM pruned_crawl_pages WHERE region = ?", from);
    for (String table : List.of("countries", "crawl_runs", "degraded_articles", "outbox")) {
      update(c, "UPDATE " + table + " SET region = ? WHERE region = ?", to, from);
    }
    // The listing snapshots stay in the archive under the old id: the next walk parses the first pages
    // again (no validators, no hashes to match) and writes their snapshots under the new one, which
    // self-repair and calibrate read.
    update(c, "UPDATE listing_pages SET etag = NULL, last_modified = NULL, body_hash = '', text_hash = '' "
        + "WHERE region = ? AND from_offset = 0", to);
    update(c, "DELETE FROM region_moves WHERE region = ?", from);
    return true;
  }

  private static boolean hasCountry(Connection c, int region) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM countries WHERE region = ?")) {
      q.setInt(1, region);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void update(Connection c, String sql, int... values) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        u.setInt(i + 1, values[i]);
      }
      u.executeUpdate();
    }
  }

  private static RegionMove move(ResultSet rs) throws SQLException {
    return new RegionMove(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4), Timestamps.parse(rs.getString(5)));
  }
}
