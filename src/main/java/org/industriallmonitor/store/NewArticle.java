package org.industriallmonitor.store;

import java.time.Instant;
import java.util.List;

/**
 * An archived article ready to be recorded, linked to the listings of {@code regions} (at least
 * one); {@code text} is its archived text, which the search index holds beside its title, and
 * {@code themes} its theme tags.
 */
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
    List<Integer> regions,
    String text,
    List<org.industriallmonitor.parse.Theme> themes) {

  public NewArticle {
    regions = List.copyOf(regions);
    themes = List.copyOf(themes);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("an article is recorded under at least one country");
    }
  }

  /** An article without theme tags. */
  public NewArticle(String slug, String url, String title, String published, String countries, String archivePath, String sidecarPath,
      String sha256, boolean baseline, boolean degraded, String etag, String lastModified, Instant fetchedAt, List<Integer> regions,
      String text) {
    this(slug, url, title, published, countries, archivePath, sidecarPath, sha256, baseline, degraded, etag, lastModified, fetchedAt,
        regions, text, List.of());
  }
}
