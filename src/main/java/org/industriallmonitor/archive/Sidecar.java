package org.industriallmonitor.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.parse.Theme;
import org.industriallmonitor.parse.Translation;

/**
 * The JSON file beside each archived article: what it is, where it came from and its checksum.
 * {@code block_kinds} says what each part of the body of the text at {@code archive_path} was
 * ({@code paragraph}, {@code heading}, {@code list}, {@code quote}: the text alone does not say
 * which paragraphs were quoted), one per part separated by a blank line (a block with a blank line
 * inside is two parts of its kind); absent from sidecars written before it existed. A later version
 * of the text has its own in its entry of {@code versions}.
 */
@JsonPropertyOrder({"url", "slug", "title", "published", "lede", "countries", "themes", "translations", "fetched_at", "sha256", "archive_path",
    "degraded", "language", "block_kinds"})
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
    String language,
    @JsonProperty("block_kinds") List<String> blockKinds) {

  /**
   * The sidecar's names of the kinds of {@code article}'s body, one per part its archived text reads back as
   * ({@link ArchivedText#read}: parts are separated by a blank line, which a block may hold too), each the kind
   * of the block it comes from.
   */
  public static List<String> blockKinds(Article article) {
    return ArchivedText.kindsOfParts(article.blocks(), article.kinds().stream().map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList());
  }
}
