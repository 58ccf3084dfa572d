package org.industriallmonitor.crawl;

import java.util.Map;
import java.util.Set;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.store.ListingPageState;

/**
 * What a walk of a country's listing found: its articles by slug in listing order, and the new
 * states of the pages it parsed with the slugs on each, to be saved once those are all recorded.
 */
record Listing(Map<String, ListingItem> items, Map<ListingPageState, Set<String>> pages) {
  Listing {
    items = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(items));
    pages = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pages));
  }
}
