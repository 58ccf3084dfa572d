package org.industriallmonitor.replica;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One page of a listing: the results from {@code from}, and how many there are in all; {@code query} the words
 * searched for when it is a search page ({@code search?query=...}), else null (a country's listing, or all).
 */
public record ListingSlice(int from, int total, List<ReplicaArticle> articles, String query) {
  public ListingSlice(int from, int total, List<ReplicaArticle> articles) {
    this(from, total, articles, null);
  }

  /** The filter of the page's own address, as its pager's links repeat it: {@code regions=R&amp;}, {@code query=...&amp;} or nothing. */
  String filter(Integer region) {
    if (query != null) {
      return "query=" + ReplicaPages.attribute(URLEncoder.encode(query, StandardCharsets.UTF_8)) + "&amp;";
    }
    return region == null ? "" : "regions=" + region + "&amp;";
  }
}
