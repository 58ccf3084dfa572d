package org.industriallmonitor.testing;

import java.nio.file.Path;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.config.StorageConfig;

/** The two databases a state can live in, for tests that run on each. */
public enum Databases {
  SQLITE,
  POSTGRESQL;

  /** Storage under {@code stateDir}: an SQLite file there, or a new PostgreSQL database on {@code server}. */
  public StorageConfig storage(Path stateDir, java.util.function.Supplier<PostgresServer> server) {
    StorageConfig storage = StorageConfig.under(stateDir);
    if (this == SQLITE) {
      return storage;
    }
    PostgresTarget target = server.get().newDatabase();
    return storage.withPostgres(target);
  }
}
