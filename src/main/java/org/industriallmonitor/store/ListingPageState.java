package org.industriallmonitor.store;

import java.time.Instant;

/**
 * What the last complete crawl learned of one listing page: its validators, the hashes of its
 * body and its text, and where the listing goes on from it; a country's listing in each language is a listing of its own.
 */
public record ListingPageState(
    int region,
    String language,
    int from,
    String url,
    String etag,
    String lastModified,
    String bodyHash,
    String textHash,
    Integer total,
    String nextUrl,
    int itemCount,
    Instant fetchedAt) {}
