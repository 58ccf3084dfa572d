/**
 * Reading the site's pages, the crawl's second step: {@code ListingParser} reads a country listing page
 * into a {@code ListingPage} of {@code ListingItem}s with its {@code ResultRange}; {@code ArticleParser}
 * reads an article page into an {@code Article} ({@code BodyBlocks}: the body's blocks and what each was,
 * {@code Region}, {@code Theme},
 * {@code Translation}), both with the configured selectors, and throws {@code LayoutException} when they
 * find nothing; {@code FallbackExtractor} finds articles on pages they no longer understand. The site's
 * contract lives here too: its addresses ({@code SiteUrls}, {@code PageLinks}, {@code TagLinks}), its
 * dates ({@code SiteDates}) and the archive's definition of an element's text ({@code SiteText}).
 *
 * <p>May use: config (the selectors; the site's languages, {@code CountryConfig.SITE_LANGUAGES}, written out in full).
 */
package org.industriallmonitor.parse;
