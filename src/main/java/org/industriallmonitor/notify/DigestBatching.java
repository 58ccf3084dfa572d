package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.industriallmonitor.store.OutboxRow;

/**
 * How a channel's due rows become messages: a digest channel's article events go out as one message, the rest one
 * by one. A digest's articles come by country (each article's first), the countries in the configured order, the
 * newest first inside each: the order its text lists them in.
 */
final class DigestBatching {
  private DigestBatching() {}

  /** The messages, in sending order: the digest (if any) first, then the other rows in their order. */
  static List<List<OutboxRow>> messages(List<OutboxRow> rows, boolean digest) {
    return messages(rows, digest, List.of());
  }

  /** As {@link #messages(List, boolean)}, the digest's articles in the order of {@code countryOrder} (names of countries). */
  static List<List<OutboxRow>> messages(List<OutboxRow> rows, boolean digest, List<String> countryOrder) {
    List<List<OutboxRow>> messages = new ArrayList<>();
    List<Filed> digestRows = new ArrayList<>();
    for (OutboxRow row : rows) {
      if (digest && Event.ofWireName(row.event()) == Event.ARTICLE_NEW) {
        JsonNode payload = Payloads.parse(row.payload());
        digestRows.add(new Filed(row, MessageText.firstCountry(payload), payload.path("published").asText("")));
      } else {
        messages.add(List.of(row));
      }
    }
    if (!digestRows.isEmpty()) {
      // Stable: rows equal in all three keep the outbox's order, so a digest sent again is the same digest.
      digestRows.sort(Comparator.comparingInt((Filed f) -> rank(countryOrder, f.country()))
          .thenComparing(Filed::country)
          .thenComparing(Filed::published, Comparator.reverseOrder()));
      messages.add(0, digestRows.stream().map(Filed::row).toList());
    }
    return messages;
  }

  /** A configured country's place; a country not configured (a tag of the article) after them all. */
  private static int rank(List<String> countryOrder, String country) {
    for (int i = 0; i < countryOrder.size(); i++) {
      if (countryOrder.get(i).equalsIgnoreCase(country)) {
        return i;
      }
    }
    return countryOrder.size();
  }

  private record Filed(OutboxRow row, String country, String published) {}
}
