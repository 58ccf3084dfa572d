package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code schedule} table: the running daemon's next run per country. */
public final class ScheduleRepository {
  private final Database db;

  ScheduleRepository(Database db) {
    this.db = db;
  }

  /** A country's next run as the daemon scheduled it. */
  public record NextRun(Instant at, String schedule) {}

  public void save(int region, Instant nextRun, String schedule, Instant now) {
    db.inLightTransaction(c -> {
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO schedule(region, next_run_at, describe, updated_at) VALUES (?, ?, ?, ?) "
              + "ON CONFLICT(region) DO UPDATE SET next_run_at = excluded.next_run_at, describe = excluded.describe, "
              + "updated_at = excluded.updated_at")) {
        upsert.setInt(1, region);
        upsert.setString(2, nextRun == null ? null : Timestamps.format(nextRun));
        upsert.setString(3, schedule);
        upsert.setString(4, Timestamps.format(now));
        return upsert.executeUpdate();
      }
    });
  }

  public void remove(int region) {
    db.inLightTransaction(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM schedule WHERE region = ?")) {
        delete.setInt(1, region);
        return delete.executeUpdate();
      }
    });
  }

  public void clear() {
    db.inLightTransaction(c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate("DELETE FROM schedule");
      }
    });
  }

  public Map<Integer, NextRun> all() {
    return db.read(c -> {
      Map<Integer, NextRun> runs = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT region, next_run_at, describe FROM schedule")) {
        while (rs.next()) {
          runs.put(rs.getInt(1), new NextRun(Timestamps.parse(rs.getString(2)), rs.getString(3)));
        }
      }
      return runs;
    });
  }

  /** The start time of the last crawl of each country, for scheduling the first run after a restart. */
  public Map<Integer, Instant> lastCrawls() {
    return db.read(c -> {
      Map<Integer, Instant> last = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT region, MAX(started_at) FROM crawl_runs GROUP BY region")) {
        while (rs.next()) {
          last.put(rs.getInt(1), Timestamps.parse(rs.getString(2)));
        }
      }
      return last;
    });
  }
}
