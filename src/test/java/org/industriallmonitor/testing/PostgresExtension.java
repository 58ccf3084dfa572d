package org.industriallmonitor.testing;

import org.industriallmonitor.config.PostgresTarget;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test run's PostgreSQL server, for tests that use it: started by the first test that asks
 * ({@link #newDatabase}), stopped when the run ends. Register it as a field:
 * {@code @RegisterExtension final PostgresExtension postgres = new PostgresExtension();}
 */
public final class PostgresExtension implements BeforeEachCallback {
  private ExtensionContext context;

  @Override
  public void beforeEach(ExtensionContext context) {
    this.context = context;
  }

  public PostgresServer server() {
    return PostgresServer.shared(context);
  }

  /** A new, empty database on the server. */
  public PostgresTarget newDatabase() {
    return server().newDatabase();
  }
}
