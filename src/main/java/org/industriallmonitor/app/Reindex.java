package org.industriallmonitor.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.parse.Theme;
import org.industriallmonitor.store.SearchIndex;

/**
 * {@code reindex}: rebuilds the search index from the archived texts, and fills the theme tags of the articles
 * recorded before the database held them, from their sidecars.
 */
public final class Reindex {
  private Reindex() {}

  /**
   * How many articles were indexed, the texts that could not be read, and the archive they were read from; how many
   * articles had their theme tags filled from their sidecars, and the sidecars that could not be read.
   */
  public record Result(int indexed, List<String> unreadable, Path archive, int themesFilled, List<String> unreadableSidecars) {
    public Result {
      unreadable = List.copyOf(unreadable);
      unreadableSidecars = List.copyOf(unreadableSidecars);
    }

    public Result(int indexed, List<String> unreadable, Path archive) {
      this(indexed, unreadable, archive, 0, List.of());
    }
  }

  public static Result run(Components parts) {
    Archive archive = parts.archive();
    ObjectMapper json = new ObjectMapper();
    SearchIndex.Rebuilt rebuilt = parts.store().search()
        .rebuild(entry -> ArchiveText.withoutHeader(Files.readString(archive.resolve(entry.archivePath()), StandardCharsets.UTF_8)),
            entry -> themes(json.readTree(archive.resolve(entry.sidecarPath()).toFile())));
    return new Result(rebuilt.indexed(), rebuilt.unreadable(), archive.root(), rebuilt.themesFilled(), rebuilt.unreadableSidecars());
  }

  /** The theme tags a sidecar names ({@code themes: [{id, name}]}); none in a sidecar without them. */
  static List<Theme> themes(JsonNode sidecar) {
    List<Theme> themes = new ArrayList<>();
    for (JsonNode t : sidecar.path("themes")) {
      if (t.path("id").canConvertToInt() && t.path("id").asInt() > 0) {
        themes.add(new Theme(t.path("id").asInt(), t.path("name").asText("")));
      }
    }
    return themes;
  }
}
