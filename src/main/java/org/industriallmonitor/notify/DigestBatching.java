package org.industriallmonitor.notify;

import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.store.OutboxRow;

/** How a channel's due rows become messages: a digest channel's article events go out as one message, the rest one by one. */
final class DigestBatching {
  private DigestBatching() {}

  /** The messages, in sending order: the digest (if any) first, then the other rows in their order. */
  static List<List<OutboxRow>> messages(List<OutboxRow> rows, boolean digest) {
    List<List<OutboxRow>> messages = new ArrayList<>();
    List<OutboxRow> digestRows = new ArrayList<>();
    for (OutboxRow row : rows) {
      if (digest && Event.ofWireName(row.event()) == Event.ARTICLE_NEW) {
        digestRows.add(row);
      } else {
        messages.add(List.of(row));
      }
    }
    if (!digestRows.isEmpty()) {
      messages.add(0, digestRows);
    }
    return messages;
  }
}
