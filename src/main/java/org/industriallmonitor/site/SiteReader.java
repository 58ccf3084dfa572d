package org.industriallmonitor.site;

import org.industriallmonitor.fetch.PageFetcher;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.parse.FallbackExtractor;
import org.industriallmonitor.parse.ListingParser;
import org.industriallmonitor.parse.SiteUrls;

/**
 * Everything a crawl needs to read the site: the fetcher, its addresses, the parsers, the
 * fallback extractor and whether what only the fallback can read is archived, and the caps on
 * pages per country and results per page.
 */
public record SiteReader(
    PageFetcher fetcher,
    SiteUrls urls,
    ListingParser listingParser,
    ArticleParser articleParser,
    FallbackExtractor fallback,
    boolean fallbackArchive,
    int maxPages,
    int maxItemsPerPage) {}
