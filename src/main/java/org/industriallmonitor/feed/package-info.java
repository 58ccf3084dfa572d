/**
 * The early-warning feeds: site-wide sources of the newest articles, polled often between the walks of
 * every listing. {@code EarlyWarningSource} is one such source: {@code FeedSource} reads the site's RSS
 * (or Atom) feed through {@code FeedParser}, {@code LatestSource} the site-wide listing, newest first;
 * each yields {@code FeedItem}s (which slugs to look at) or an {@code UnreadableFeedException}. They fetch
 * through the site's fetcher, so the walks' pacing and robots rules hold. {@code crawl.EarlyWarningPoller}
 * turns the items into archived articles.
 *
 * <p>May use: config, fetch, parse, site.
 */
package org.industriallmonitor.feed;
