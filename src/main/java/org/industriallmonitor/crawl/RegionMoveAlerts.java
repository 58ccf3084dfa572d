package org.industriallmonitor.crawl;

import java.time.Instant;
import java.util.List;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.store.OutboxEntry;

/** The alert rows of a country found under another region id, recorded in the transaction that records the move. */
@FunctionalInterface
public interface RegionMoveAlerts {
  RegionMoveAlerts NONE = (country, siteRegion, siteName, detectedAt) -> List.of();

  /** The deliveries telling that the site lists {@code country} as {@code siteRegion} ({@code siteName}) now. */
  List<OutboxEntry> rowsFor(CountryConfig country, int siteRegion, String siteName, Instant detectedAt);
}
