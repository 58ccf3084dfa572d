package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The {@code country_health} table: failed crawls in a row per country, and whether a monitor alert is open. */
public final class HealthRepository {
  private final Database db;
  private final OutboxRepository outbox;

  HealthRepository(Database db, OutboxRepository outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** A country's health: failed crawls in a row, and whether a monitor alert awaits its recovery. */
  public record Health(int consecutiveFailures, boolean alertOpen) {
    public static final Health GOOD = new Health(0, false);
  }

  /** What one crawl's outcome makes of a country's health: the health after it, its problem, the alerts it sends. */
  public record Change(Health after, String problem, List<OutboxEntry> alerts) {
    public Change {
      alerts = List.copyOf(alerts);
    }
  }

  public Health read(int region) {
    return db.read(c -> read(c, region));
  }

  private static Health read(Connection c, int region) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT consecutive_failures, alert_open FROM country_health WHERE region = ?")) {
      q.setInt(1, region);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? new Health(rs.getInt(1), rs.getBoolean(2)) : Health.GOOD;
      }
    }
  }

  /**
   * Reads the country's health, lets {@code decide} (a function of values) say what changes, and
   * writes the new health and its alerts in one durable transaction. Returns the change.
   */
  public Change update(int region, Instant now, Function<Health, Change> decide) {
    return db.inTransaction(c -> {
      Change change = decide.apply(read(c, region));
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO country_health(region, consecutive_failures, alert_open, last_problem, updated_at) VALUES (?, ?, ?, ?, ?) "
              + "ON CONFLICT(region) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, "
              + "alert_open = excluded.alert_open, last_problem = excluded.last_problem, updated_at = excluded.updated_at")) {
        upsert.setInt(1, region);
        upsert.setInt(2, change.after().consecutiveFailures());
        upsert.setInt(3, change.after().alertOpen() ? 1 : 0);
        upsert.setString(4, change.problem());
        upsert.setString(5, Timestamps.format(now));
        upsert.executeUpdate();
      }
      outbox.insert(c, change.alerts());
      return change;
    });
  }
}
