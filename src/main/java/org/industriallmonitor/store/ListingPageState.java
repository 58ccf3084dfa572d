package org.industriallmonitor.store;

import java.time.Instant;

/**
 * What the last complete crawl learned of one listing page: its validators, the hashes of its
 * body and its text, and where the listing goes on from it.
 */
public record ListingPageState(
    int region,
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
