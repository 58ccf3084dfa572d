/**
 * The monitor's state, where the crawl records what it archived and notify finds its work: {@code Store}
 * opens and migrates the database (SQLite, or PostgreSQL: {@code Database}, {@code Dialect},
 * {@code GroupCommit}) and hands out repositories that take and return values, one per table or concern
 * ({@code ArticleRepository}, {@code OutboxRepository}, {@code CrawlRunRepository}, {@code SearchIndex},
 * ...), and {@code RetentionRepository}, which prunes the history older than {@code storage.retention} and
 * gives the space back. Around it: the state folder's lock and ownership ({@code StateLock}, {@code StateOwnership}),
 * {@code StateMigration} to PostgreSQL, and the failures a user can act on ({@code StorageFailure},
 * {@code ForeignStateException}, {@code UnwritableFolderException}).
 *
 * <p>May use: config (where the state is), parse ({@code ArticleRepository} calls
 * {@code parse.SiteUrls.languageOf}, written out in full rather than imported).
 */
package org.industriallmonitor.store;
