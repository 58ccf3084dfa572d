package org.industriallmonitor.config;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach the site and how politely: the {@code site:} section. {@code fallbackArchive}
 * archives articles that only the fallback extractor could read (flagged degraded);
 * {@code maxItemsPerPage} bounds what one listing page may ask the monitor to fetch.
 */
public record SiteConfig(
    URI baseUrl,
    String userAgent,
    Duration requestDelay,
    int maxPages,
    int maxItemsPerPage,
    int maxConnectionsPerHost,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int retries,
    Duration retryBackoff,
    long maxBodySize,
    Selectors selectors,
    boolean fallbackArchive) {

  /** Ten times the site's page size: a page with more is not the listing the monitor knows. */
  public static final int DEFAULT_MAX_ITEMS_PER_PAGE = 100;

  public static final String DEFAULT_USER_AGENT = "industriall-monitor/0.1 (+https://github.com/industriall-monitor)";

  /** The base URL without a trailing slash, for joining paths. */
  public String base() {
    String s = baseUrl.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
