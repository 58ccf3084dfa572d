package org.industriallmonitor.parse;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed listing page. {@code range} is empty when the summary line was missing or unreadable;
 * {@code nextUrl} is null when the page has no next link; {@code regions} are the ids of the
 * site's country list shown on the page (empty when the page shows none).
 */
public record ListingPage(String url, String summary, Optional<ResultRange> range, List<ListingItem> items, String nextUrl,
    Set<Integer> regions) {
  public ListingPage {
    items = List.copyOf(items);
    regions = Set.copyOf(regions);
  }
}
