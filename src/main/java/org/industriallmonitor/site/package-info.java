/**
 * The watched site as the crawl reads it, joining fetch and parse: {@code Site} lives as long as the
 * process and holds the one host pacer and robots.txt cache every crawl shares, reconfigured in place when
 * the {@code site:} section changes; {@code SiteReader} is what one crawl needs to read the site (the
 * fetcher, the addresses, the parsers, the fallback extractor and the caps on pages and results).
 *
 * <p>May use: config, fetch, parse.
 */
package org.industriallmonitor.site;
