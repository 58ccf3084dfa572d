/**
 * One crawl of one country, and one poll of the early-warning source, in the flow's middle: read the site
 * (through fetch, parse and site), then hand what is new to the archive and the store.
 * {@code CountryCrawler} walks a listing ({@code ListingWalker}), records unknown articles
 * ({@code ArticleRecorder}, {@code ArticleArchiver}: file first, then the row with its alerts) and saves the
 * pages' states; {@code ArticleRechecker} fetches young articles again; {@code EarlyWarningPoller} archives
 * what a feed names. {@code SiteRegions} (with the site's country list, {@code SiteCountries}) says where
 * the site lists each configured country now, per language, following a renumbered one by its name, and
 * carries the states of moved countries over to the ids the user writes (and says when a crawl must be
 * refused: its id holds another country's state, or its own still waits under an earlier id). Outcomes are
 * {@code CrawlReport} and {@code PollReport}; {@code CrawlListener}, {@code CrawlProgress},
 * {@code NewArticleAlerts} and {@code RegionMoveAlerts} are the hooks others implement; {@code SlugLocks}
 * keeps two crawls off one article.
 *
 * <p>May use: config, fetch, parse, site, feed, archive, store.
 */
package org.industriallmonitor.crawl;
