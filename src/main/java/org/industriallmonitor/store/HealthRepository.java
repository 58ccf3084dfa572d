package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The {@code country_health} table: failures in a row, and whether a monitor alert is open. */
public final class HealthRepository {
  private HealthRepository() {}

  /** A country's health before a crawl's outcome is counted. */
  public record Health(int consecutiveFailures, boolean alertOpen) {}

  public static Health read(Connection c, int region) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT consecutive_failures, alert_open FROM country_health WHERE region = ?")) {
      q.setInt(1, region);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? new Health(rs.getInt(1), rs.getBoolean(2)) : new Health(0, false);
      }
    }
  }

  public static void write(Connection c, int region, Health health, String problem, Instant now) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(
        "INSERT INTO country_health(region, consecutive_failures, alert_open, last_problem, updated_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT(region) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, "
            + "alert_open = excluded.alert_open, last_problem = excluded.last_problem, updated_at = excluded.updated_at")) {
      upsert.setInt(1, region);
      upsert.setInt(2, health.consecutiveFailures());
      upsert.setInt(3, health.alertOpen() ? 1 : 0);
      upsert.setString(4, problem);
      upsert.setString(5, Timestamps.format(now));
      upsert.executeUpdate();
    }
  }
}
