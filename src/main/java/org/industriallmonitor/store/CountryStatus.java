package org.industriallmonitor.store;

import java.time.Instant;

/** What {@code status} shows for one country; times are null when it never happened. */
public record CountryStatus(
    int region,
    String name,
    Instant lastCrawl,
    Instant lastSuccess,
    int articles,
    String lastError,
    boolean baselineComplete) {}
