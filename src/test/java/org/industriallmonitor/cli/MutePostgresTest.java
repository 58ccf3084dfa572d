package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL address where something accepts connections and never answers: every command
 * that opens the state gives up within its login time-out with one line naming the address,
 * instead of waiting in a socket read for ever.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MutePostgresTest {
  @TempDir Path dir;
  private ServerSocket mute;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private Thread acceptor;

  @BeforeEach
  void startAMuteServer() throws IOException {
    mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      try {
        while (true) {
          accepted.add(mute.accept());
        }
      } catch (IOException closed) {
        // The test is over.
      }
    }, "mute-postgresql");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    mute.close();
    for (Socket socket : accepted) {
      socket.close();
    }
    acceptor.join(5_000);
  }

  private String address() {
    return "postgresql://monitor@127.0.0.1:" + mute.getLocalPort() + "/monitor";
  }

  @Test
  void statusAndOnceGiveUpOnAMuteDatabaseNamingIt() {
    Path config = TestConfig.site(URI.create("http://127.0.0.1:9/")).country("Kyrgyzstan", 364).database(address()).writeTo(dir);
    // Both at once: each waits out its own login time-out, so together they take one time-out, not two.
    Map<String, CompletableFuture<Timed>> runs = new LinkedHashMap<>();
    for (String command : List.of("status", "once")) {
      runs.put(command, CompletableFuture.supplyAsync(() -> {
        long started = System.nanoTime();
        CliRun run = CliRun.of(command, "--config", config.toString());
        return new Timed(run, Duration.ofNanos(System.nanoTime() - started));
      }));
    }
    for (Map.Entry<String, CompletableFuture<Timed>> entry : runs.entrySet()) {
      String command = entry.getKey();
      CliRun run = entry.getValue().join().run();
      assertThat(entry.getValue().join().took()).as(command).isLessThan(Duration.ofSeconds(30));
      assertThat(run.exitCode()).as(run.toString()).isNotZero();
      assertThat(run.err()).as(command).contains("cannot connect to the database " + address())
          .doesNotContain("\tat ");
      assertThat(accepted).as("the command did reach the server").isNotEmpty();
    }
  }

  private record Timed(CliRun run, Duration took) {}

  @Test
  void migrateToAMuteDatabaseGivesUp() {
    Path config = TestConfig.site(URI.create("http://127.0.0.1:9/")).country("Kyrgyzstan", 364).writeTo(dir);
    // A SQLite state to copy: a once against a site that refuses connections makes one.
    CliRun.of("once", "--config", config.toString());
    assertThat(dir.resolve("state/monitor.db")).exists();
    long started = System.nanoTime();
    CliRun run = CliRun.of("migrate", "--config", config.toString(), "--to", address());

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.err()).contains("127.0.0.1:" + mute.getLocalPort()).doesNotContain("\tat ");
  }
}
