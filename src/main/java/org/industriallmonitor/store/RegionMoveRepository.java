package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  /** Every recorded move, by configured id. */
  public List<RegionMove> all() {
    return db.read(c -> {
      List<RegionMove> moves = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT region, name, site_region, site_name, detected_at FROM region_moves ORDER BY region");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          moves.add(move(rs));
        }
      }
      return moves;
    });
  }

  /** The move of the country configured as {@code region}, if the site lists it elsewhere. */
  public Optional<RegionMove> of(int region) {
    return db.read(c -> of(c, region));
  }

  private static Optional<RegionMove> of(Connection c, int region) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT region, name, site_region, site_name, detected_at FROM region_moves WHERE region = ?")) {
      q.setInt(1, region);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(move(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Records {@code move} with its alerts in one durable transaction, unless the same move (same
   * configured and site ids) is recorded already: then nothing is written and {@code alerts} is not
   * called. Returns true when it was recorded now.
   */
  public boolean record(RegionMove move, Supplier<List<OutboxEntry>> alerts) {
    return db.inTransaction(c -> {
      Optional<RegionMove> before = of(c, move.region());
      if (before.isPresent() && before.get().siteRegion() == move.siteRegion()) {
        return false;
      }
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO region_moves(region, name, site_region, site_name, detected_at) VALUES (?, ?, ?, ?, ?) "
              + "ON CONFLICT(region) DO UPDATE SET name = excluded.name, site_region = excluded.site_region, "
              + "site_name = excluded.site_name, detected_at = excluded.detected_at")) {
        upsert.setInt(1, move.region());
        upsert.setString(2, move.name());
        upsert.setInt(3, move.siteRegion());
        upsert.setString(4, move.siteName());
        upsert.setString(5, Timestamps.format(move.detectedAt()));
        upsert.executeUpdate();
      }
      outbox.insert(c, alerts.get());
      return true;
    });
  }

  /** Forgets the move of {@code region} (the site lists the configured id again). Returns true when there was one. */
  public boolean forget(int region) {
    return db.inTransaction(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM region_moves WHERE region = ?")) {
        delete.setInt(1, region);
        return delete.executeUpdate() > 0;
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
   * outbox's region) and the move of {@code from} is forgotten, in one durable transaction. Nothing is
   * done (false) unless {@code from} has a {@code countries} row and {@code to} has none: the state
   * continues once, never over a state of its own. Where {@code to} has a row of its own (its schedule,
   * written when the new id was configured), that row stays and the old one goes.
   */
  public boolean continueUnder(int from, int to) {
    if (from == to) {
      return false;
    }
    return db.inTransaction(c -> {
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
      update(c, "DELETE FROM region_moves WHERE region = ?", from);
      return true;
    });
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
