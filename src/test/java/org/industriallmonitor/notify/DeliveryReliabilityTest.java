package org.industriallmonitor.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries survive dead receivers and restarts; monitor alerts fire once and recover once. */
class DeliveryReliabilityTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private WireMockServer receiver;
  private Path db;

  @BeforeEach
  void start() throws Exception {
    receiver = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
    db = dir.resolve("state/monitor.db");
  }

  @AfterEach
  void stop() {
    receiver.stop();
  }

  private Path config(URI site, String hookUrl, String extra) {
    return TestConfig.site(site).country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  retry_backoff: 50ms\n  once_timeout: 2s\n" + extra + "  channels:\n    - id: hook\n      type: webhook\n      url: " + hookUrl + "\n")
        .writeTo(dir);
  }

  @Test
  void pendingDeliveriesAreDeliveredExactlyOnceAfterARestart() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path config = config(replica.baseUrl(), "http://127.0.0.1:" + closedPort + "/hook", "");
    CliRun.of("once", "--config", config.toString());
    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 0);
    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 12);

    CliRun receiverDown = CliRun.of("once", "--config", config.toString());

    assertThat(receiverDown.out()).contains("new 2, archived 2").contains("0 delivered").contains("2 pending");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")).isEqualTo(2);

    // The receiver comes back; a new process (a restart) delivers what the last one left.
    Files.writeString(config, Files.readString(config).replace("http://127.0.0.1:" + closedPort, receiver.baseUrl()));
    CliRun restart = CliRun.of("once", "--config", config.toString());
    CliRun again = CliRun.of("once", "--config", config.toString());

    assertThat(restart.out()).contains("deliveries: 2 delivered");
    assertThat(again.out()).contains("deliveries: 0 delivered");
    List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    Map<String, Long> perDelivery = posts.stream().collect(Collectors.groupingBy(r -> r.getHeader("X-Monitor-Delivery"), Collectors.counting()));
    assertThat(perDelivery).hasSize(2).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
  }

  @Test
  void deliveriesAreDeadLetteredAfterMaxAttemptsAndCanBeRetried() throws Exception {
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(500)));
    Path config = config(replica.baseUrl(), receiver.baseUrl() + "/hook", "  max_attempts: 3\n");
    CliRun.of("once", "--config", config.toString());
    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 0);

    CliRun failing = CliRun.of("once", "--config", config.toString());

    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.out()).contains("deliveries: 0 delivered, 2 failed attempts, 1 dead, 0 pending");
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(3);
    CliRun status = CliRun.of("status", "--config", config.toString());
    assertThat(status.out()).containsPattern("hook\\s+0\\s+0\\s+1\\s+-").contains("1 dead delivery: `outbox list --status dead` shows why");
    assertThat(CliRun.of("outbox", "list", "--status", "dead", "--config", config.toString()).out()).contains("HTTP 500 from");

    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
    CliRun retry = CliRun.of("outbox", "retry", "--config", config.toString());
    CliRun redelivered = CliRun.of("once", "--config", config.toString());

    assertThat(retry.out()).contains("1 dead delivery put back in line");
    assertThat(redelivered.out()).contains("deliveries: 1 delivered");
    assertThat(Sql.column(db, "SELECT status FROM outbox")).containsExactly("delivered");
  }

  @Test
  void aCountryFailingSeveralCyclesGivesOneAlertAndOneRecovery() throws Exception {
    WireMockServer site = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    site.start();
    try {
      site.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
      Path config = config(URI.create(site.baseUrl()), receiver.baseUrl() + "/hook", "  failure_threshold: 2\n");
      CliRun.of("once", "--config", config.toString());
      site.stubFor(get(urlPathEqualTo("/search")).atPriority(1).willReturn(aResponse().withStatus(503)));

      for (int cycle = 0; cycle < 4; cycle++) {
        assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isEqualTo(1);
      }
      List<String> events = events();
      assertThat(events).containsExactly("monitor.alert");
      var alert = new ObjectMapper().readTree(receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0).getBody());
      assertThat(alert.get("country").asText()).isEqualTo("Kyrgyzstan");
      assertThat(alert.get("kind").asText()).isEqualTo("failures");
      assertThat(alert.get("consecutive_failures").asInt()).isEqualTo(2);
      assertThat(alert.get("problem").asText()).contains("HTTP 503");

      site.resetAll();
      site.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
      CliRun.of("once", "--config", config.toString());
      CliRun.of("once", "--config", config.toString());

      assertThat(events()).containsExactly("monitor.alert", "monitor.recovered");
    } finally {
      site.stop();
    }
  }

  @Test
  void aLayoutChangeAlertsAtOnce() throws Exception {
    WireMockServer site = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    site.start();
    try {
      site.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
      Path config = config(URI.create(site.baseUrl()), receiver.baseUrl() + "/hook", "");
      CliRun.of("once", "--config", config.toString());
      site.stubFor(get(urlPathEqualTo("/search")).atPriority(1).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "text/html").withBody("<html><body><div class='results-v2'>Redesigned</div></body></html>")));

      replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 0);
      CliRun run = CliRun.of("once", "--config", config.toString());

      // Nothing on the redesigned page verifies: no repair, nothing archived, a layout alert with what was tried.
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).contains("layout changed at " + site.baseUrl() + "/search?regions=364");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(27);
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM learned_selectors")).isZero();
      var alert = new ObjectMapper().readTree(receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0).getBody());
      assertThat(alert.get("event").asText()).isEqualTo("monitor.alert");
      assertThat(alert.get("kind").asText()).isEqualTo("layout");
      assertThat(alert.get("problem").asText()).contains("listing_summary").contains("calibration against").contains("not learned: listing_* (no listing page with a known item was found)");
    } finally {
      site.stop();
    }
  }

  private List<String> events() {
    return receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).stream().map(r -> r.getHeader("X-Monitor-Event"))
        .map(Function.identity()).toList();
  }
}
