/**
 * The monitor's state, where the crawl records what it archived and notify finds its work: {@code Store}
 * opens and migrates the database ({@code Database}, {@code GroupCommit}) and hands out repositories
 * that take and return values, one per table or concern ({@code ArticleRepository}, {@code OutboxRepository}, {@code CrawlRunRepository},
 * {@code SearchIndex} (the full-text index: searched by words, a country, a theme or a channel's filters, and asked
 * whether a new article passes a channel's text filter by the same query), ...), and {@code RetentionRepository}, which prunes the history older than {@code storage.retention} and
 * gives the space back. What differs between SQLite and PostgreSQL (connecting and reconnecting, migrations, commit
 * durability, row claims among nodes, search, the space of pruned rows) is each one's {@code Dialect}, {@code SqliteDialect} or
 * {@code PostgresDialect}: the rest asks its dialect and never which one it is ({@code DialectStrategyTest}). Both
 * engines search the same words: PostgreSQL's index, queries ({@code TsQuery}) and snippets ({@code TextSnippet}) take a
 * text's words as SQLite's FTS5 splits and folds them ({@code SearchWords}), so a filter or a search finds on one what it
 * finds on the other.
 * Around it: the state folder's lock and ownership ({@code StateLock}, {@code StateOwnership}),
 * {@code StateMigration} to PostgreSQL, the copy of an SQLite database beside a running daemon
 * ({@code Store.openForCopying}: read-only and never migrated; {@code Store.copyTo}: {@code VACUUM INTO}, read back as a
 * {@code DatabaseCopy}, as {@code Store.readCopy} reads a backup's copy), and the failures a
 * user can act on ({@code StorageFailure}, {@code ForeignStateException}, {@code UnwritableFolderException}).
 *
 * <p>May use: config (where the state is), query (a query spelled for FTS5 or PostgreSQL), parse ({@code ArticleRepository} calls
 * {@code parse.SiteUrls.languageOf}, written out in full rather than imported).
 */
package org.industriallmonitor.store;
