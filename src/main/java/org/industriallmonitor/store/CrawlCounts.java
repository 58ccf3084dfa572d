package org.industriallmonitor.store;

/** The figures of one crawl of one country. */
public record CrawlCounts(int pages, int seen, int newArticles, int archived) {}
