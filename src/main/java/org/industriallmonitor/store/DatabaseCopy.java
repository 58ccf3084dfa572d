package org.industriallmonitor.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A copy of the SQLite database taken by {@link Store#copyTo}, as read back from the copy itself (never
 * from the live file, which went on changing): its schema version, the rows of each of the monitor's
 * tables, and every archive file its rows name (paths relative to the archive root, sorted).
 */
public record DatabaseCopy(Path file, int schemaVersion, Map<String, Long> tableCounts, List<String> archivePaths) {
  public DatabaseCopy {
    tableCounts = Map.copyOf(tableCounts);
    archivePaths = List.copyOf(archivePaths);
  }
}
