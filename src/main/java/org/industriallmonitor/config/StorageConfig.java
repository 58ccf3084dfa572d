package org.industriallmonitor.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the database and the archive live, and how long a write waits for another process that
 * holds the database (SQLite's busy timeout). {@code postgres} is set when {@code storage.database}
 * is a {@code postgresql://} address; {@code database} is then only the state folder's place.
 * {@code retention} is how long history (crawl runs, finished deliveries, remembered feed items,
 * node check-ins) is kept, pruned every {@code pruneEvery}; articles are never pruned.
 */
public record StorageConfig(Path database, Path archive, Duration busyTimeout, PostgresTarget postgres, long minFree,
    Duration retention, Duration pruneEvery) {
  public static final Duration DEFAULT_BUSY_TIMEOUT = MonitorDefaults.builtIn().duration("storage.busy_timeout");
  /** {@code storage.min_free}: below this many free bytes a crawl fetches nothing ({@code 0}: no check). */
  public static final long DEFAULT_MIN_FREE = MonitorDefaults.builtIn().byteSize("storage.min_free");
  /** {@code storage.retention}: history older than this is pruned. */
  public static final Duration DEFAULT_RETENTION = MonitorDefaults.builtIn().duration("storage.retention");
  /** {@code storage.prune_every}: how often the daemon prunes. */
  public static final Duration DEFAULT_PRUNE_EVERY = MonitorDefaults.builtIn().duration("storage.prune_every");

  public StorageConfig(Path database, Path archive, Duration busyTimeout, PostgresTarget postgres, long minFree) {
    this(database, archive, busyTimeout, postgres, minFree, DEFAULT_RETENTION, DEFAULT_PRUNE_EVERY);
  }

  public StorageConfig(Path database, Path archive, Duration busyTimeout, PostgresTarget postgres) {
    this(database, archive, busyTimeout, postgres, DEFAULT_MIN_FREE);
  }

  public StorageConfig(Path database, Path archive, Duration busyTimeout) {
    this(database, archive, busyTimeout, null);
  }

  public StorageConfig(Path database, Path archive) {
    this(database, archive, DEFAULT_BUSY_TIMEOUT);
  }

  /** The default places, {@code storage.database} and {@code storage.archive}, relative to the working directory. */
  public static StorageConfig defaults() {
    return new StorageConfig(Path.of(MonitorDefaults.builtIn().string("storage.database")),
        Path.of(MonitorDefaults.builtIn().string("storage.archive")));
  }

  /** The layout used when {@code --state DIR} is given: {@code DIR/monitor.db} and {@code DIR/archive}. */
  public static StorageConfig under(Path stateDir) {
    return new StorageConfig(stateDir.resolve("monitor.db"), stateDir.resolve("archive"));
  }

  /** The same places with another busy timeout. */
  public StorageConfig withBusyTimeout(Duration timeout) {
    return new StorageConfig(database, archive, timeout, postgres, minFree, retention, pruneEvery);
  }

  /** The same places, the state in PostgreSQL. */
  public StorageConfig withPostgres(PostgresTarget target) {
    return new StorageConfig(database, archive, busyTimeout, target, minFree, retention, pruneEvery);
  }

  /** The same places with another {@code storage.min_free}. */
  public StorageConfig withMinFree(long bytes) {
    return new StorageConfig(database, archive, busyTimeout, postgres, bytes, retention, pruneEvery);
  }

  /** The same places with another {@code storage.retention} and {@code storage.prune_every}. */
  public StorageConfig withRetention(Duration keep, Duration every) {
    return new StorageConfig(database, archive, busyTimeout, postgres, minFree, keep, every);
  }

  public boolean isPostgres() {
    return postgres != null;
  }

  /**
   * Whether there is a database to read: a PostgreSQL one is taken to exist (it is created by the
   * administrator, and opening it says why it cannot be reached); an SQLite file exists once a
   * command wrote it.
   */
  public boolean hasDatabase() {
    return postgres != null || Files.exists(database);
  }

  /** The database as a user names it: the SQLite file, or the PostgreSQL address (no password). */
  public String describeDatabase() {
    return postgres != null ? postgres.display() : database.toString();
  }
}
