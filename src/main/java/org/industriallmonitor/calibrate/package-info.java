/**
 * Learning selectors for markup the monitor has never seen, from pages whose text is known exactly
 * ({@code References}: {@code KnownArticle}s and {@code KnownListing}s, from the contract, the monitor's own
 * archive or the user), in three parts that {@code Calibrator} runs in turn: {@code ReferenceFetcher} fetches the
 * reference pages through the site's fetcher, within a request budget (the known listing items under the ids they
 * were listed under, under the configured countries of their name, or through the site's search by title, matched
 * by title, date and teaser: a migration may renumber the site's countries); {@code SelectorLearner}, pure (HTML strings and known texts in,
 * selectors out), keeps for each field the {@code SelectorCandidates} whose elements give that text on every
 * reference; {@code SelectorVerifier} checks the whole set byte for byte by rendering with
 * {@code archive.ArchiveText}. None keeps anything between calls. Used by {@code calibrate} and by the
 * application's self-repair after a layout error.
 *
 * <p>May use: config, fetch, parse, site, archive.
 */
package org.industriallmonitor.calibrate;
