package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The {@code listing_pages} table. */
public final class ListingPageRepository {
  private final Database db;

  ListingPageRepository(Database db) {
    this.db = db;
  }

  /** The stored state of every listing page of a country's English listing, by {@code from}. */
  public Map<Integer, ListingPageState> allFor(int region) {
    return allFor(region, "en");
  }

  /** The stored state of every listing page of a country's listing in {@code language}, by {@code from}. */
  public Map<Integer, ListingPageState> allFor(int region, String language) {
    return db.read(c -> {
      Map<Integer, ListingPageState> pages = new HashMap<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT from_offset, url, etag, last_modified, body_hash, text_hash, total, next_url, item_count, fetched_at "
              + "FROM listing_pages WHERE region = ? AND language = ?")) {
        q.setInt(1, region);
        q.setString(2, language);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            int total = rs.getInt(7);
            Integer totalOrNull = rs.wasNull() ? null : total;
            int from = rs.getInt(1);
            pages.put(from, new ListingPageState(region, language, from, rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), totalOrNull, rs.getString(8), rs.getInt(9), Timestamps.parse(rs.getString(10))));
          }
        }
      }
      return pages;
    });
  }

  /** Saves the states of pages whose every article is recorded, in one transaction. */
  public void saveAll(Collection<ListingPageState> pages) {
    if (pages.isEmpty()) {
      return;
    }
    db.inLightTransaction(c -> {
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO listing_pages(region, from_offset, url, etag, last_modified, body_hash, text_hash, total, "
              + "next_url, item_count, fetched_at, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT(region, language, from_offset) DO UPDATE SET url = excluded.url, etag = excluded.etag, "
              + "last_modified = excluded.last_modified, body_hash = excluded.body_hash, "
              + "text_hash = excluded.text_hash, total = excluded.total, next_url = excluded.next_url, "
              + "item_count = excluded.item_count, fetched_at = excluded.fetched_at")) {
        for (ListingPageState p : pages) {
          upsert.setInt(1, p.region());
          upsert.setInt(2, p.from());
          upsert.setString(3, p.url());
          upsert.setString(4, p.etag());
          upsert.setString(5, p.lastModified());
          upsert.setString(6, p.bodyHash());
          upsert.setString(7, p.textHash());
          if (p.total() == null) {
            upsert.setNull(8, Types.INTEGER);
          } else {
            upsert.setInt(8, p.total());
          }
          upsert.setString(9, p.nextUrl());
          upsert.setInt(10, p.itemCount());
          upsert.setString(11, Timestamps.format(p.fetchedAt()));
          upsert.setString(12, p.language());
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
      return null;
    });
  }
}
