package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.industriallmonitor.store.OutboxRow;

/**
 * How a channel's due rows become messages: a digest channel's article events go out as one message, the rest one
 * by one. A digest's articles come by country (each article's first configured country, see {@link DigestCountries}),
 * the countries in the configured order, the newest first inside each: the order its text lists them in.
 */
final class DigestBatching {
  private DigestBatching() {}

  /** The messages, in sending order: the digest (if any) first, then the other rows in their order. */
  static List<List<OutboxRow>> messages(List<OutboxRow> rows, boolean digest) {
    return messages(rows, digest, DigestCountries.NONE);
  }

  /** As {@link #messages(List, boolean, DigestCountries)}, the countries known by their names alone. */
  static List<List<OutboxRow>> messages(List<OutboxRow> rows, boolean digest, List<String> countryOrder) {
    return messages(rows, digest, DigestCountries.named(countryOrder));
  }

  /** As {@link #messages(List, boolean)}, the digest's articles filed and ordered by {@code countries}. */
  static List<List<OutboxRow>> messages(List<OutboxRow> rows, boolean digest, DigestCountries countries) {
    List<List<OutboxRow>> messages = new ArrayList<>();
    List<Filed> digestRows = new ArrayList<>();
    for (OutboxRow row : rows) {
      if (inDigest(row, digest)) {
        JsonNode payload = Payloads.parse(row.payload());
        digestRows.add(new Filed(row, countries.filing(payload), payload.path("published").asText("")));
      } else {
        messages.add(List.of(row));
      }
    }
    if (!digestRows.isEmpty()) {
      // Stable: rows equal in all three keep the outbox's order, so a digest sent again is the same digest.
      digestRows.sort(Comparator.comparingInt((Filed f) -> f.filing().rank())
          .thenComparing(f -> f.filing().country())
          .thenComparing(Filed::published, Comparator.reverseOrder()));
      messages.add(0, digestRows.stream().map(Filed::row).toList());
    }
    return messages;
  }

  /** Whether {@code row} of a channel that sends digests ({@code digest}) waits for its digest: new articles do. */
  static boolean inDigest(OutboxRow row, boolean digest) {
    return digest && Event.ofWireName(row.event()) == Event.ARTICLE_NEW;
  }

  private record Filed(OutboxRow row, DigestCountries.Filing filing, String published) {}
}
