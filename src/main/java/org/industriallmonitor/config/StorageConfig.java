package org.industriallmonitor.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the database and the archive live, and how long a write waits for another process that
 * holds the database (SQLite's busy timeout).
 */
public record StorageConfig(Path database, Path archive, Duration busyTimeout) {
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

  public StorageConfig(Path database, Path archive) {
    this(database, archive, DEFAULT_BUSY_TIMEOUT);
  }

  /** The layout used when {@code --state DIR} is given: {@code DIR/monitor.db} and {@code DIR/archive}. */
  public static StorageConfig under(Path stateDir) {
    return new StorageConfig(stateDir.resolve("monitor.db"), stateDir.resolve("archive"));
  }

  /** The same places with another busy timeout. */
  public StorageConfig withBusyTimeout(Duration timeout) {
    return new StorageConfig(database, archive, timeout);
  }
}
