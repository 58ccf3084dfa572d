package org.industriallmonitor.config;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * How to reach the site and how politely: the {@code site:} section. {@code fallbackArchive}
 * archives articles that only the fallback extractor could read (flagged degraded);
 * {@code maxItemsPerPage} bounds what one listing page may ask the monitor to fetch;
 * {@code configuredSelectors} are the keys written under {@code site.selectors}, which win over
 * the selectors {@code calibrate} learned; {@code selfRepair} lets a crawl that meets a layout
 * error calibrate against {@code repairPages} archived articles and switch to what verifies;
 * {@code earlyWarning} is the site-wide source polled between the walks; {@code recheck} says
 * which archived articles are fetched again, and how often, to follow corrections and withdrawals.
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
    Set<String> configuredSelectors,
    boolean fallbackArchive,
    boolean selfRepair,
    int repairPages,
    EarlyWarningConfig earlyWarning,
    RecheckConfig recheck) {

  public SiteConfig {
    configuredSelectors = Set.copyOf(configuredSelectors);
  }

  /** Ten times the site's page size: a page with more is not the listing the monitor knows. */
  public static final int DEFAULT_MAX_ITEMS_PER_PAGE = 100;

  /**
   * One request at a time to a site that asks for a delay between requests (the real site's 2s);
   * four to a site without one (a replica, a mirror of one's own), where a baseline crawling four
   * countries at once took 0.72x the time of one (8 countries x 10 pages; the unchanged cycle gains
   * nothing, it is bound by start-up).
   */
  public static int defaultConnections(Duration requestDelay) {
    return requestDelay.isZero() ? 4 : 1;
  }

  public static final String DEFAULT_USER_AGENT = "industriall-monitor/0.1 (+https://github.com/industriall-monitor)";

  /** The selectors in force: the defaults, then the learned ones, then those the YAML sets. */
  public Selectors selectorsWith(java.util.Map<String, String> learned) {
    java.util.Map<String, String> keys = new java.util.LinkedHashMap<>(Selectors.defaults().byKey());
    learned.forEach((key, selector) -> {
      if (keys.containsKey(key) && !configuredSelectors.contains(key)) {
        keys.put(key, selector);
      }
    });
    selectors.byKey().forEach((key, selector) -> {
      if (configuredSelectors.contains(key)) {
        keys.put(key, selector);
      }
    });
    return Selectors.fromKeys(keys);
  }

  /** The base URL without a trailing slash, for joining paths. */
  public String base() {
    String s = baseUrl.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
