package org.industriallmonitor.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed listing page. {@code range} is empty when the summary line was missing or unreadable;
 * {@code nextUrl} is null when the page has no next link; {@code countries} is the site's country
 * list shown on the page, name by region id in page order (empty when the page shows none).
 */
public record ListingPage(String url, String summary, Optional<ResultRange> range, List<ListingItem> items, String nextUrl,
    Map<Integer, String> countries) {
  public ListingPage {
    items = List.copyOf(items);
    countries = Collections.unmodifiableMap(new LinkedHashMap<>(countries));
  }

  /** The ids of the site's country list shown on the page (empty when the page shows none). */
  public Set<Integer> regions() {
    return countries.keySet();
  }
}
