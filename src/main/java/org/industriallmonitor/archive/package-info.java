/**
 * The archive folder, where the crawl hands each new article (beside the store): {@code Archive} writes
 * articles as {@code articles/YYYY/YYYY-MM-DD-SLUG.txt} with their {@code Sidecar} JSON, and listing
 * snapshots under {@code listings/}, through {@code AtomicFiles} (temporary file, fsync, rename) and
 * {@code SafeNames}; {@code ArchiveText} renders articles and listing pages in the contract's text format, and
 * {@code ArchivedText} reads an article's text back (for the console's reader's view), with the kinds of its
 * body's blocks that the sidecar keeps ({@code block_kinds}: the text does not say which paragraphs were quoted);
 * an {@code ArchivedArticle} says where one went and its checksum ({@code Hashes}, SHA-256).
 *
 * <p>May use: parse (the values it archives: {@code Article}, {@code ListingPage}; {@code SiteUrls}; the list
 * prefixes of {@code BodyBlocks}).
 * {@code Hashes} is also borrowed by crawl, notify and replica, as a helper rather than the archive.
 */
package org.industriallmonitor.archive;
