package org.industriallmonitor.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code storage:} section: the database (an SQLite file or a PostgreSQL address), the archive,
 * and how long history is kept ({@code retention}, pruned every {@code prune_every}).
 */
final class StorageReader {
  private static final List<String> KEYS = List.of("database", "archive", "busy_timeout", "min_free", "retention", "prune_every");

  private final UnaryOperator<String> environment;

  StorageReader(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  StorageConfig read(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    Optional<ConfigNode> database = m.optional("database");
    PostgresTarget postgres = database.filter(n -> n.string().trim().startsWith(PostgresTarget.SCHEME)).map(this::postgres).orElse(null);
    StorageConfig storage = new StorageConfig(
        database.filter(n -> postgres == null).map(n -> Path.of(n.nonBlankString())).orElse(StorageConfig.defaults().database()),
        m.optional("archive").map(n -> Path.of(n.nonBlankString())).orElse(StorageConfig.defaults().archive()),
        ConfigValues.positive(m, "busy_timeout", StorageConfig.DEFAULT_BUSY_TIMEOUT))
        .withMinFree(m.optional("min_free").map(ConfigNode::byteSize).orElse(StorageConfig.DEFAULT_MIN_FREE))
        .withRetention(ConfigValues.positive(m, "retention", StorageConfig.DEFAULT_RETENTION),
            ConfigValues.positive(m, "prune_every", StorageConfig.DEFAULT_PRUNE_EVERY));
    return postgres == null ? storage : storage.withPostgres(postgres);
  }

  /**
   * {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB}: a password only as a {@code ${VAR}}
   * reference; without one, {@code PGUSER} and {@code PGPASSWORD} from the environment.
   */
  private PostgresTarget postgres(ConfigNode node) {
    if (PostgresTarget.writtenPassword(node.unresolvedString()).filter(p -> !ConfigNode.isReference(p)).isPresent()) {
      throw node.error("a database password is read from the environment only: write postgresql://HOST:PORT/DB and export"
          + " PGUSER and PGPASSWORD, or write the password as ${VARIABLE}");
    }
    try {
      return PostgresTarget.parse(node.nonBlankString(), environment);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }
}
