package org.industriallmonitor.testing;

import java.net.URI;
import java.util.function.Supplier;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The replica site for one test: started on a free loopback port before each test, stopped
 * after it. Register it as an instance field:
 * {@code @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();}
 */
public final class ReplicaExtension implements BeforeEachCallback, AfterEachCallback {
  private final Supplier<ReplicaCatalog> catalog;
  private final ReplicaTweaks tweaks = new ReplicaTweaks();
  private ReplicaServer server;

  /** The packaged fixtures: Kyrgyzstan, Kazakhstan and Uzbekistan with the contract's articles. */
  public ReplicaExtension() {
    this(ReplicaCatalog::standard);
  }

  public ReplicaExtension(Supplier<ReplicaCatalog> catalog) {
    this.catalog = catalog;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server = ReplicaServer.start(catalog.get(), 0, tweaks);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop();
  }

  public ReplicaServer server() {
    return server;
  }

  public URI baseUrl() {
    return server.baseUrl();
  }

  public ReplicaCatalog catalog() {
    return server.catalog();
  }

  public ReplicaTweaks tweaks() {
    return tweaks;
  }

  /** Stops the site now (a test of an unreachable site); stopping twice is harmless. */
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
