package org.industriallmonitor.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.industriallmonitor.config.PostgresTarget;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests: Debian's binaries, {@code initdb} into a temporary
 * folder and {@code pg_ctl} on a free loopback port, as an unprivileged user when the tests run as
 * root (PostgreSQL refuses root). One server per test run, started by the first test that asks and
 * stopped, its folder removed, when the run ends; each test takes a database of its own.
 */
public final class PostgresServer implements ExtensionContext.Store.CloseableResource {
  static final String USER = "monitor";
  private static final String UNPRIVILEGED = "nobody";

  private final Path binaries;
  private final Path folder;
  private final int port;
  private final boolean asRoot;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Path binaries, Path folder, int port, boolean asRoot) {
    this.binaries = binaries;
    this.folder = folder;
    this.port = port;
    this.asRoot = asRoot;
  }

  /** The run's server, started on first use. */
  public static PostgresServer shared(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(PostgresServer.class, k -> start(), PostgresServer.class);
  }

  /** A server of the caller's own (a jqwik property has no extension context), which it closes. */
  public static PostgresServer start() {
    try {
      Path binaries = findBinaries();
      boolean asRoot = "root".equals(System.getProperty("user.name"));
      Path folder = Files.createTempDirectory("pg-test");
      Path data = folder.resolve("data");
      Files.createDirectories(data);
      if (asRoot) {
        run(List.of("chown", "-R", UNPRIVILEGED, folder.toString()), folder);
        run(List.of("chmod", "755", folder.toString()), folder);
      }
      PostgresServer server = new PostgresServer(binaries, folder, freePort(), asRoot);
      server.command(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
          "--encoding=UTF8", "--locale=C", "--no-sync"));
      // fsync off: the tests prove what the monitor commits, not that this machine's disk keeps it.
      server.command(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
          folder.resolve("server.log").toString(), "-o", "-p " + server.port + " -c listen_addresses=127.0.0.1"
              + " -c unix_socket_directories=" + folder + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
              + " -c max_connections=200", "start"));
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
    }
  }

  /** A new, empty database on the server. */
  public PostgresTarget newDatabase() {
    String name = "monitor_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a database: " + e.getMessage(), e);
    }
    return new PostgresTarget("127.0.0.1", port, name, USER, null);
  }

  /** {@code postgresql://127.0.0.1:PORT/DB}, as a configuration file names it. */
  public static String url(PostgresTarget target) {
    return "postgresql://" + target.host() + ":" + target.port() + "/" + target.database();
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    try {
      command(List.of(binaries.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "immediate", "-w",
          "stop"));
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void command(List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if (asRoot) {
      full.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
    }
    full.addAll(command);
    run(full, folder);
  }

  private static void run(List<String> command, Path folder) throws IOException {
    Path output = Files.createTempFile("pg-command", ".log");
    try {
      Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 120 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(output));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Debian's newest {@code /usr/lib/postgresql/VERSION/bin}; skips the test where there is none (fails it under CI=true). */
  private static Path findBinaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    Optional<Path> found = Optional.empty();
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
      }
    }
    RequiredTools.present("pg_ctl", found.isPresent(), "the PostgreSQL tests run their own server (initdb, pg_ctl under "
        + root + "/*/bin) on loopback");
    return found.orElseThrow();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
