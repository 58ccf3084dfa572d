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

  /**
   * Whether the country's listing in {@code language} (not English, which is {@link #ensure}'s)
   * had its baseline walk: a language added later starts with one, raising no alerts.
   */
  public boolean languageBaselineComplete(int region, String language) {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT baseline_completed_at FROM country_languages WHERE region = ? AND language = ?")) {
        q.setInt(1, region);
        q.setString(2, language);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() && rs.getString(1) != null;
        }
      }
    });
  }

  /** Marks the baseline of the country's listing in {@code language} done: English's in {@code countries}, the others' here. */
  public void markBaselineComplete(int region, String language, Instant now) {
    if (language.equals("en")) {
      markBaselineComplete(region, now);
      return;
    }
    db.inTransaction(c -> {
      try (PreparedStatement u = c.prepareStatement("INSERT INTO country_languages(region, language, baseline_completed_at) VALUES (?, ?, ?)"
          + " ON CONFLICT(region, language) DO UPDATE SET baseline_completed_at = coalesce(country_languages.baseline_completed_at, excluded.baseline_completed_at)")) {
        u.setInt(1, region);
        u.setString(2, language);
        u.setString(3, Timestamps.format(now));
        return u.executeUpdate();
      }
    });
  }

  /** Every country ever crawled: its name by region id (the configured name of its last crawl). */
  public java.util.Map<Integer, String> names() {
    return db.read(c -> {
      java.util.Map<Integer, String> names = new java.util.LinkedHashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT region, name FROM countries ORDER BY region");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          names.put(rs.getInt(1), rs.getString(2));
        }
      }
      return names;
    });
  }
}
