/**
 * The monitor's state, where the crawl records what it archived and notify finds its work: {@code Store}
 * opens and migrates the database (SQLite, or PostgreSQL: {@code Database}, {@code Dialect},
 * {@code GroupCommit}) and hands out repositories that take and return values, one per table or concern
 * ({@code ArticleRepository}, {@code OutboxRepository}, {@code CrawlRunRepository}, {@code SearchIndex},
 * ...). Around it: the state folder's lock and ownership ({@code StateLock}, {@code StateOwnership}),
 * {@code StateMigration} to PostgreSQL, the copy of an SQLite database beside a running daemon
 * ({@code Store.copyTo}: {@code VACUUM INTO}, read back as a {@code DatabaseCopy}), and the failures a
 * user can act on ({@code StorageFailure}, {@code ForeignStateException}, {@code UnwritableFolderException}).
 *
 * <p>May use: config (where the state is), parse ({@code ArticleRepository} calls
 * {@code parse.SiteUrls.languageOf}, written out in full rather than imported).
 */
package org.industriallmonitor.store;
