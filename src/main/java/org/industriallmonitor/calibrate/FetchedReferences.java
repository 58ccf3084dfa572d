package org.industriallmonitor.calibrate;

import java.util.List;

/**
 * The reference pages a calibration learns from and verifies against: the articles that could be
 * fetched, the listing pages that hold known items, and the requests it took to find them.
 */
record FetchedReferences(List<ArticleReference> articles, List<ListingReference> listings, int requests) {
  FetchedReferences {
    articles = List.copyOf(articles);
    listings = List.copyOf(listings);
  }
}
