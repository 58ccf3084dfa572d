package org.industriallmonitor.parse;

/** One result of a country listing: the article's canonical address, slug, title, date and teaser. */
public record ListingItem(String url, String slug, String title, String date, String teaser) {}
