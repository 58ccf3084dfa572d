package org.industriallmonitor.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A receiver that accepts and never answers delays only its own channel, and never keeps once past its bound. */
class SlowChannelTest {
  @RegisterExtension
  static WireMockExtension fast = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private ServerSocket silent;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  @BeforeEach
  void silentReceiver() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (!silent.isClosed()) {
          held.add(silent.accept()); // takes the request, never answers
        }
      } catch (IOException closed) {
        // the test is over
      }
    }, "silent-receiver");
    acceptor.setDaemon(true);
    acceptor.start();
    fast.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void close() throws IOException {
    silent.close();
    for (Socket socket : held) {
      socket.close();
    }
  }

  @Test
  void aReceiverThatNeverAnswersDelaysNoOtherChannelAndOnceEndsWithinItsBound() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  once_timeout: 3s\n  channels:\n"
            + "    - {id: slow, type: webhook, url: \"http://127.0.0.1:" + silent.getLocalPort() + "/hook\"}\n"
            + "    - {id: fast, type: webhook, url: \"" + fast.baseUrl() + "/hook\"}\n")
        .writeTo(dir);
    CliRun.of("once", "--config", config.toString());
    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 0);

    long started = System.currentTimeMillis();
    CliRun once = CliRun.of("once", "--config", config.toString());
    Duration took = Duration.ofMillis(System.currentTimeMillis() - started);

    assertThat(once.out()).contains("new 1, archived 1").contains("deliveries: 1 delivered, 0 failed attempts, 0 dead, 1 pending");
    List<LoggedRequest> delivered = fast.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).getLoggedDate().getTime() - started).as("the fast channel did not wait for the slow one").isLessThan(2500);
    assertThat(took).as("once_timeout (3s), a second, and the crawl").isLessThan(Duration.ofMillis(3000 + 1000 + 1500));
    assertThat(Sql.column(dir.resolve("state/monitor.db"), "SELECT channel || ' ' || status FROM outbox ORDER BY channel"))
        .containsExactly("fast delivered", "slow pending");
  }
}
