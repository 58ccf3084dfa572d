package org.industriallmonitor.parse;

import java.util.List;
import java.util.Optional;

/**
 * A parsed listing page. {@code range} is empty when the summary line was missing or unreadable;
 * {@code nextUrl} is null when the page has no next link.
 */
public record ListingPage(String url, String summary, Optional<ResultRange> range, List<ListingItem> items, String nextUrl) {
  public ListingPage {
    items = List.copyOf(items);
  }
}
