/**
 * The search language, one for every place a user types a query: {@code search}, the console's search
 * page and feeds, and a channel's {@code match:} and {@code exclude:} filters. {@code SearchQuery} parses
 * what was typed (words, "quoted phrases", {@code word*} prefixes, {@code OR}, {@code -word}) into terms,
 * or fails with a {@code QuerySyntaxException} saying what is wrong; {@code TextFilter} is a channel's pair
 * of queries. Nothing here runs a query: the store turns a {@code SearchQuery} into FTS5's or PostgreSQL's
 * words and runs it, so that a filter and a search are one engine and cannot disagree.
 *
 * <p>May use: no other package of the product; config, store, app, web and cli read it.
 */
package org.industriallmonitor.query;
