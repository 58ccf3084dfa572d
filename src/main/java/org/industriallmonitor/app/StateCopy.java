package org.industriallmonitor.app;

import java.util.List;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.store.StateMigration;
import org.industriallmonitor.store.Store;

/**
 * {@code migrate}: copies a state from SQLite into an empty PostgreSQL database ({@code store.StateMigration}),
 * opening both itself, so that the command does not open the store.
 */
public final class StateCopy {
  private StateCopy() {}

  /** One table's rows in SQLite and in PostgreSQL after the copy. */
  public record TableCount(String table, long source, long target) {
    public boolean matches() {
      return source == target;
    }
  }

  /** Thrown when the PostgreSQL database already holds a state: a copy never mixes two. */
  public static final class TargetNotEmptyException extends RuntimeException {
    TargetNotEmptyException(String message) {
      super(message);
    }
  }

  /** Copies the SQLite state of {@code storage} into {@code target}, and returns the counts of both, table by table. */
  public static List<TableCount> copy(StorageConfig storage, PostgresTarget target) {
    try (Store source = Store.open(storage); Store destination = Store.open(storage.withPostgres(target))) {
      return StateMigration.copy(source, destination).stream().map(c -> new TableCount(c.table(), c.source(), c.target())).toList();
    } catch (StateMigration.TargetNotEmptyException e) {
      throw new TargetNotEmptyException(e.getMessage());
    }
  }
}
