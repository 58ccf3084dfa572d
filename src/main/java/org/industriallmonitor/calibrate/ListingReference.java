package org.industriallmonitor.calibrate;

/**
 * A listing page that holds known items, as fetched: the items known of its country, the
 * page's offset into the listing ({@code from}, which its summary and pager must agree with), its
 * address and its HTML; {@code region} the country id it was asked for ({@code regions=}), null for a
 * search page, whose items may be of any country; {@code where} how it was found, for the report.
 */
record ListingReference(KnownListing known, int from, String url, String html, Integer region, String where) {
  /** A page of the listing of the region the known items were listed under. */
  ListingReference(KnownListing known, int from, String url, String html) {
    this(known, from, url, html, known.region(), "region " + known.region());
  }
}
