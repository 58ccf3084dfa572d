package org.industriallmonitor.crawl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The site's country list as last read, per language: name by region id (the search page's region
 * facets, read when {@code run} and {@code once} start, and from every walk's first page). Shared by
 * the crawls, the early warning and the alert routing of one process; safe for their threads.
 */
public final class SiteCountries {
  /** One language's list and when it was read, in the order of reading (a higher {@code seq} is fresher). */
  record Read(String language, Map<Integer, String> countries, long seq) {}

  private final Map<String, Read> byLanguage = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();

  /**
   * Keeps {@code countries} as the list in {@code language} (an empty list, a page without one, is
   * ignored). Returns true when the ids of the list changed from a list read before (not the first).
   */
  public boolean update(String language, Map<Integer, String> countries) {
    if (countries.isEmpty()) {
      return false;
    }
    Read next = new Read(language, Collections.unmodifiableMap(new LinkedHashMap<>(countries)), reads.incrementAndGet());
    Read before = byLanguage.put(language, next);
    return before != null && !before.countries().keySet().equals(next.countries().keySet());
  }

  /** The list in {@code language}, if one was read. */
  public Optional<Map<Integer, String>> of(String language) {
    return Optional.ofNullable(byLanguage.get(language)).map(Read::countries);
  }

  /** The most recently read list, of any language: the site's ids now (one taxonomy in every language). */
  Optional<Read> freshest() {
    return byLanguage.values().stream().max(java.util.Comparator.comparingLong(Read::seq));
  }

  /** Every list read, English first, then the others in the site's order. */
  List<Read> all() {
    List<Read> lists = new ArrayList<>();
    for (String language : org.industriallmonitor.config.CountryConfig.SITE_LANGUAGES) {
      Optional.ofNullable(byLanguage.get(language)).ifPresent(lists::add);
    }
    byLanguage.values().stream().filter(r -> !lists.contains(r)).forEach(lists::add);
    return lists;
  }
}
