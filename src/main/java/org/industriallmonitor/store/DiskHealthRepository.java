package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The {@code disk_health} table: whether a monitor alert of kind {@code disk} awaits its recovery. */
public final class DiskHealthRepository {
  private final Database db;
  private final OutboxRepository outbox;

  DiskHealthRepository(Database db, OutboxRepository outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** What a look at the free space makes of the disk's health: open or not after it, its problem, the alerts it sends. */
  public record Change(boolean alertOpen, String problem, List<OutboxEntry> alerts) {
    public Change {
      alerts = List.copyOf(alerts);
    }
  }

  public boolean alertOpen() {
    return db.read(DiskHealthRepository::alertOpen);
  }

  private static boolean alertOpen(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT alert_open FROM disk_health WHERE id = 1");
        ResultSet rs = q.executeQuery()) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  /**
   * Reads whether the alert is open, lets {@code decide} say what changes, and writes it with its
   * alerts in one transaction; nothing is written when {@code decide} returns null. Returns the change.
   */
  public Change update(Instant now, Function<Boolean, Change> decide) {
    return db.inTransaction(c -> {
      Change change = decide.apply(alertOpen(c));
      if (change == null) {
        return null;
      }
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO disk_health(id, alert_open, last_problem, updated_at) VALUES (1, ?, ?, ?) "
              + "ON CONFLICT(id) DO UPDATE SET alert_open = excluded.alert_open, last_problem = excluded.last_problem, "
              + "updated_at = excluded.updated_at")) {
        upsert.setInt(1, change.alertOpen() ? 1 : 0);
        upsert.setString(2, change.problem());
        upsert.setString(3, Timestamps.format(now));
        upsert.executeUpdate();
      }
      outbox.insert(c, change.alerts());
      return change;
    });
  }
}
