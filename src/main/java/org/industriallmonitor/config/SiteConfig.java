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
    RecheckConfig recheck,
    java.util.List<String> themes) {

  public SiteConfig {
    configuredSelectors = Set.copyOf(configuredSelectors);
    themes = java.util.List.copyOf(themes);
  }

  /** Ten times the site's page size: a page with more is not the listing the monitor knows. */
  public static final int DEFAULT_MAX_ITEMS_PER_PAGE = MonitorDefaults.builtIn().integer("site.max_items_per_page");

  /**
   * One request at a time to a site that asks for a delay between requests (the real site's 2s);
   * more to a site without one (a replica, a mirror of one's own): monitor-defaults.yaml says how
   * many, and why.
   */
  public static int defaultConnections(Duration requestDelay) {
    return MonitorDefaults.builtIn().integer(requestDelay.isZero()
        ? "conditional.site.max_connections_per_host_without_delay" : "site.max_connections_per_host");
  }

  public static final String DEFAULT_USER_AGENT = MonitorDefaults.builtIn().string("site.user_agent");

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
