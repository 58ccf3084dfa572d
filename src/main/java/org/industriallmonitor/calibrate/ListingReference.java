package org.industriallmonitor.calibrate;

/**
 * A listing page that holds known items, as fetched: the items known of its country, the
 * page's offset into the listing ({@code from}, which its summary and pager must agree with), its
 * address and its HTML.
 */
record ListingReference(KnownListing known, int from, String url, String html) {}
