package org.industriallmonitor.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.store.SearchIndex;

/** {@code reindex}: rebuilds the search index from the archived texts. */
public final class Reindex {
  private Reindex() {}

  /** How many articles were indexed, the texts that could not be read, and the archive they were read from. */
  public record Result(int indexed, List<String> unreadable, Path archive) {}

  public static Result run(Components parts) {
    Archive archive = parts.archive();
    SearchIndex.Rebuilt rebuilt = parts.store().search()
        .rebuild(entry -> Files.readString(archive.resolve(entry.archivePath()), StandardCharsets.UTF_8));
    return new Result(rebuilt.indexed(), rebuilt.unreadable(), archive.root());
  }
}
