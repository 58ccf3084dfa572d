package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The {@code countries} table: which countries were ever crawled and whether their baseline is done. */
public final class CountryRepository {
  private final Database db;

  CountryRepository(Database db) {
    this.db = db;
  }

  /** Records the country (or its new name) and returns true when its baseline crawl is complete. */
  public boolean ensure(int region, String name, Instant now) {
    // Read first: in the common case (a known country) a crawl writes nothing here.
    Optional<Known> known = db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT name, baseline_completed_at FROM countries WHERE region = ?")) {
        q.setInt(1, region);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(new Known(rs.getString(1), rs.getString(2) != null)) : Optional.<Known>empty();
        }
      }
    });
    if (known.isPresent() && known.get().name().equals(name)) {
      return known.get().baselineComplete();
    }
    db.inLightTransaction(c -> {
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO countries(region, name, added_at) VALUES (?, ?, ?) "
              + "ON CONFLICT(region) DO UPDATE SET name = excluded.name")) {
        upsert.setInt(1, region);
        upsert.setString(2, name);
        upsert.setString(3, Timestamps.format(now));
        return upsert.executeUpdate();
      }
    });
    return known.map(Known::baselineComplete).orElse(false);
  }

  private record Known(String name, boolean baselineComplete) {}

  public void markBaselineComplete(int region, Instant now) {
    db.inTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE countries SET baseline_completed_at = ? WHERE region = ? AND baseline_completed_at IS NULL")) {
        u.setString(1, Timestamps.format(now));
        u.setInt(2, region);
        return u.executeUpdate();
      }
    });
  }
}
