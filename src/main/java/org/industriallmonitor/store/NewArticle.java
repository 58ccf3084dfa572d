package org.industriallmonitor.store;

import java.time.Instant;

/** An archived article ready to be recorded, found in the listing of {@code region}. */
public record NewArticle(
    String slug,
    String url,
    String title,
    String published,
    String countries,
    String archivePath,
    String sidecarPath,
    String sha256,
    boolean baseline,
    boolean degraded,
    String etag,
    String lastModified,
    Instant fetchedAt,
    int region) {}
