package org.industriallmonitor.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.parse.Theme;
import org.industriallmonitor.parse.Translation;

/** The JSON file beside each archived article: what it is, where it came from and its checksum. */
@JsonPropertyOrder({"url", "slug", "title", "published", "lede", "countries", "themes", "translations", "fetched_at", "sha256", "archive_path", "degraded", "language"})
public record Sidecar(
    String url,
    String slug,
    String title,
    String published,
    String lede,
    List<Region> countries,
    List<Theme> themes,
    List<Translation> translations,
    @JsonProperty("fetched_at") String fetchedAt,
    String sha256,
    @JsonProperty("archive_path") String archivePath,
    boolean degraded,
    String language) {}
