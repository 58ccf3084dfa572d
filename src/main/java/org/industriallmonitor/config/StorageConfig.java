package org.industriallmonitor.config;

import java.nio.file.Path;

/** Where the database and the archive live. */
public record StorageConfig(Path database, Path archive) {

  /** The layout used when {@code --state DIR} is given: {@code DIR/monitor.db} and {@code DIR/archive}. */
  public static StorageConfig under(Path stateDir) {
    return new StorageConfig(stateDir.resolve("monitor.db"), stateDir.resolve("archive"));
  }
}
