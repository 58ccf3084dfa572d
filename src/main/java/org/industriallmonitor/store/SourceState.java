package org.industriallmonitor.store;

import java.time.Instant;

/**
 * What the monitor knows of its early-warning source: the validators for the next conditional
 * poll, whether its baseline was taken, its last poll and last new article, and its health.
 */
public record SourceState(
    String source,
    String url,
    String etag,
    String lastModified,
    Instant baselineAt,
    Instant lastPollAt,
    String lastOutcome,
    Instant lastNewAt,
    String lastNewSlug,
    int consecutiveFailures,
    String lastError,
    Instant lastErrorAt,
    boolean alertOpen) {

  /** A source never polled. */
  public static SourceState fresh(String source, String url) {
    return new SourceState(source, url, null, null, null, null, null, null, null, 0, null, null, false);
  }

  public boolean baselineTaken() {
    return baselineAt != null;
  }
}
