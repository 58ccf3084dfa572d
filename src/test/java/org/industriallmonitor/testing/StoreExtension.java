package org.industriallmonitor.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.store.Store;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stores a test opens on either database (an SQLite file, or a new database on the run's
 * PostgreSQL server), each closed after the test, after its own {@code @AfterEach}. Register it as a
 * field: {@code @RegisterExtension final StoreExtension stores = new StoreExtension();}
 */
public final class StoreExtension implements BeforeEachCallback, AfterEachCallback {
  private final PostgresExtension postgres = new PostgresExtension();
  private final List<Store> opened = new ArrayList<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    postgres.beforeEach(context);
  }

  /** The storage of a new state under {@code stateDir} on {@code database}; a store of it is opened by {@link #open}. */
  public StorageConfig storage(Databases database, Path stateDir) {
    return database.storage(stateDir, postgres::server);
  }

  /** Opens the store of {@code storage} as {@code node}: closed after the test, if the test has not closed it. */
  public Store open(StorageConfig storage, ClusterConfig node) {
    Store store = Store.open(storage, node);
    opened.add(store);
    return store;
  }

  /** Opens a new state under {@code stateDir} on {@code database} as {@code node}. */
  public Store open(Databases database, Path stateDir, ClusterConfig node) {
    return open(storage(database, stateDir), node);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    // Closing a closed store does nothing (JDBC), so a test may close its own.
    opened.forEach(Store::close);
    opened.clear();
  }
}
