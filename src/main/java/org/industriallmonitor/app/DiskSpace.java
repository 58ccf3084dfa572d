package org.industriallmonitor.app;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.notify.MonitorAlerts.DiskShortage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code storage.min_free}: the usable space of the archive's file system, and of the SQLite
 * database's when it is on another one, read before anything is fetched.
 */
final class DiskSpace {
  private static final Logger log = LoggerFactory.getLogger(DiskSpace.class);

  private DiskSpace() {}

  /** The first folder with less usable space than {@code storage.min_free}; empty when there is room or the check is off. */
  static Optional<DiskShortage> shortage(StorageConfig storage) {
    if (storage.minFree() <= 0) {
      return Optional.empty();
    }
    Optional<DiskShortage> archive = shortage(storage.archive(), storage.minFree());
    if (archive.isPresent() || storage.isPostgres()) {
      return archive;
    }
    Path database = storage.database().toAbsolutePath().getParent();
    try {
      if (Files.getFileStore(existing(database)).equals(Files.getFileStore(existing(storage.archive())))) {
        return Optional.empty();
      }
    } catch (IOException e) {
      log.debug("cannot compare the file systems of {} and {}: {}", database, storage.archive(), e.getMessage());
    }
    return shortage(database, storage.minFree());
  }

  private static Optional<DiskShortage> shortage(Path folder, long minFree) {
    Path absolute = folder.toAbsolutePath();
    long free;
    try {
      FileStore store = Files.getFileStore(existing(absolute));
      free = store.getUsableSpace();
    } catch (IOException e) {
      // Whether it can be written is found by the write itself, which says why it cannot.
      log.warn("cannot read the free space of {}: {}", absolute, e.getMessage());
      return Optional.empty();
    }
    if (free >= minFree) {
      return Optional.empty();
    }
    return Optional.of(new DiskShortage(absolute.toString(), free, minFree, "only " + size(free) + " free on the file system of "
        + absolute + ", less than storage.min_free (" + size(minFree) + "): nothing was fetched. Free space there, or lower"
        + " storage.min_free; the next crawl with room fetches what was not."));
  }

  /** The folder, or its nearest parent that exists (an archive not written yet). */
  private static Path existing(Path folder) {
    Path p = folder.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? folder.toAbsolutePath().getRoot() : p;
  }

  /** 1536 → 1.5 KB; bytes under a KB as they are. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
