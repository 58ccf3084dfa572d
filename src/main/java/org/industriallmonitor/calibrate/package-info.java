/**
 * Learning selectors for markup the monitor has never seen: {@code Calibrator} fetches pages whose text is
 * known exactly ({@code References}: {@code KnownArticle}s and {@code KnownListing}s, from the monitor's own
 * archive) and, for each field, keeps the {@code SelectorCandidates} whose elements give that text, verified
 * byte for byte by rendering with {@code archive.ArchiveText}. Used by {@code calibrate} and by the
 * application's self-repair after a layout error.
 *
 * <p>May use: config, fetch, parse, site, archive.
 */
package org.industriallmonitor.calibrate;
