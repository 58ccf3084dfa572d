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

  /** The same, polled at {@code at} with this outcome. */
  public SourceState polled(Instant at, String outcome) {
    return new SourceState(source, url, etag, lastModified, baselineAt, at, outcome, lastNewAt, lastNewSlug, consecutiveFailures,
        lastError, lastErrorAt, alertOpen);
  }

  /** The same, with the validators to send at the next poll. */
  public SourceState withValidators(String etag, String lastModified) {
    return new SourceState(source, url, etag, lastModified, baselineAt, lastPollAt, lastOutcome, lastNewAt, lastNewSlug,
        consecutiveFailures, lastError, lastErrorAt, alertOpen);
  }

  /** The same, its baseline taken at {@code at}. */
  public SourceState withBaseline(Instant at) {
    return new SourceState(source, url, etag, lastModified, at, lastPollAt, lastOutcome, lastNewAt, lastNewSlug, consecutiveFailures,
        lastError, lastErrorAt, alertOpen);
  }

  /** The same, its last new article {@code slug}, archived at {@code at}. */
  public SourceState withNewArticle(String slug, Instant at) {
    return new SourceState(source, url, etag, lastModified, baselineAt, lastPollAt, lastOutcome, at, slug, consecutiveFailures,
        lastError, lastErrorAt, alertOpen);
  }

  /** The same, its last error {@code problem}, at {@code at}. */
  public SourceState withError(String problem, Instant at) {
    return new SourceState(source, url, etag, lastModified, baselineAt, lastPollAt, lastOutcome, lastNewAt, lastNewSlug,
        consecutiveFailures, problem, at, alertOpen);
  }

  /** The same, with its failed polls in a row and whether a monitor alert is open. */
  public SourceState withHealth(int consecutiveFailures, boolean alertOpen) {
    return new SourceState(source, url, etag, lastModified, baselineAt, lastPollAt, lastOutcome, lastNewAt, lastNewSlug,
        consecutiveFailures, lastError, lastErrorAt, alertOpen);
  }
}
