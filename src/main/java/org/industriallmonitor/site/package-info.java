/**
 * The watched site as the crawl reads it, joining fetch and parse: {@code Site} lives as long as the
 * process and holds the one host pacer and robots.txt cache every crawl shares, reconfigured in place when
 * the {@code site:} section changes; {@code SiteReader} is what one crawl needs to read the site (the
 * fetcher, the addresses, the parsers, the fallback extractor and the caps on pages and results).
 * {@code HostMoves} (the fetcher's {@code Redirects}) knows where the site answers when its base address
 * redirects: a permanent move, heard once per process as a {@code SiteMove} by a {@code SiteMove.Listener}
 * (the application records and alerts it; told again, a minute later at the soonest, until it could), and its end (a
 * redirect back, the configured base answering for itself with a listing or a feed that reads as the site's: a parking
 * page ends nothing); or a temporary detour, kept an hour. It refuses downgrades to http, addresses of the
 * machine's own networks and detours out of the site's domain.
 *
 * <p>May use: config, fetch, parse.
 */
package org.industriallmonitor.site;
