package org.industriallmonitor.store;

import java.time.Instant;

/**
 * What {@code status} shows for one country; times are null when it never happened.
 * {@code listedResults} is the result count its listing's first page gave at the last complete
 * read (null when unknown): 0 makes one ask whether the region id is right.
 */
public record CountryStatus(
    int region,
    String name,
    Instant lastCrawl,
    Instant lastSuccess,
    int articles,
    String lastError,
    boolean baselineComplete,
    Integer listedResults) {}
