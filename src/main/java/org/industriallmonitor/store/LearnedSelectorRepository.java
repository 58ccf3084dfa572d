package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code learned_selectors} table: what {@code calibrate} learned, key by key, and when. */
public final class LearnedSelectorRepository {
  private final Database db;

  LearnedSelectorRepository(Database db) {
    this.db = db;
  }

  /** A learned selector and when it was learned. */
  public record Learned(String selector, Instant at) {}

  public Map<String, Learned> all() {
    return db.read(c -> {
      Map<String, Learned> learned = new LinkedHashMap<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key, selector, learned_at FROM learned_selectors ORDER BY key")) {
        while (rs.next()) {
          learned.put(rs.getString(1), new Learned(rs.getString(2), Timestamps.parse(rs.getString(3))));
        }
      }
      return learned;
    });
  }

  /** Replaces every learned selector by {@code selectors}, in one durable transaction. */
  public void replaceAll(Map<String, String> selectors, Instant now) {
    db.inTransaction(c -> {
      try (Statement clear = c.createStatement()) {
        clear.executeUpdate("DELETE FROM learned_selectors");
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO learned_selectors(key, selector, learned_at) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, String> e : selectors.entrySet()) {
          insert.setString(1, e.getKey());
          insert.setString(2, e.getValue());
          insert.setString(3, Timestamps.format(now));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return null;
    });
  }
}
