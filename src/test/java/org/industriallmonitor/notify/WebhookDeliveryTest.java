package org.industriallmonitor.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import okhttp3.OkHttpClient;
import org.industriallmonitor.config.WebhookChannelConfig;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.HmacSha256;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** New articles reach a webhook receiver (WireMock), signed, retried and never duplicated. */
class WebhookDeliveryTest {
  private static final String SECRET = "test-secret";

  @RegisterExtension
  static WireMockExtension receiver = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path db;

  @BeforeEach
  void start() throws Exception {
    db = dir.resolve("state/monitor.db");
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
  }

  private Path config(String format) {
    return TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169)
        .topLevel("notifications:\n  retry_backoff: 100ms\n  channels:\n    - id: team-hook\n      type: webhook\n"
            + "      url: " + receiver.baseUrl() + "/hook\n      secret: " + SECRET + "\n      format: " + format + "\n")
        .writeTo(dir);
  }

  @Test
  void baselineSendsNothingThenANewArticleIsPostedSigned() throws Exception {
    Path config = config("json");

    CliRun baseline = CliRun.of("once", "--config", config.toString());

    assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).isEmpty();
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM outbox")).isZero();

    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 4);
    CliRun next = CliRun.of("once", "--config", config.toString());

    assertThat(next.out()).contains("deliveries: 1 delivered, 0 failed attempts, 0 dead, 0 pending");
    List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(1);
    LoggedRequest post = posts.get(0);
    assertThat(post.getHeader("X-Monitor-Event")).isEqualTo("article.new");
    assertThat(post.getHeader("X-Monitor-Delivery")).matches("[0-9a-f-]{36}");
    assertThat(post.getHeader("X-Monitor-Signature")).isEqualTo("sha256=" + HmacSha256.hex(SECRET, post.getBody()));
    assertThat(post.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = new ObjectMapper().readTree(post.getBody());
    assertThat(body.get("event").asText()).isEqualTo("article.new");
    assertThat(body.get("delivery_id").asText()).isEqualTo(post.getHeader("X-Monitor-Delivery"));
    assertThat(body.get("url").asText()).isEqualTo(replica.baseUrl() + "/" + fresh.slug());
    assertThat(body.get("slug").asText()).isEqualTo(fresh.slug());
    assertThat(body.get("title").asText()).isEqualTo(fresh.title());
    assertThat(body.get("published").asText()).isEqualTo("2026-11-24");
    assertThat(body.get("lede").asText()).isEqualTo(fresh.lede());
    assertThat(body.get("countries")).extracting(JsonNode::asText).containsExactly("Kyrgyzstan");
    assertThat(body.get("themes")).hasSize(1);
    assertThat(body.get("archive_path").asText()).isEqualTo("articles/2026/2026-11-24-" + fresh.slug() + ".txt");
    assertThat(body.get("detected_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    CliRun third = CliRun.of("once", "--config", config.toString());
    assertThat(third.out()).contains("deliveries: 0 delivered");
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
  }

  @Test
  void anArticleInTwoCountriesGivesOneAlertNamingBoth() throws Exception {
    Path config = config("json");
    CliRun.of("once", "--config", config.toString());

    replica.catalog().publishNew(List.of(364, 169), LocalDate.of(2026, 11, 24), 0);
    CliRun.of("once", "--config", config.toString());

    List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(1);
    assertThat(new ObjectMapper().readTree(posts.get(0).getBody()).get("countries")).extracting(JsonNode::asText)
        .containsExactly("Kyrgyzstan", "Kazakhstan");
  }

  @Test
  void a500IsRetriedWithTheSameDeliveryId() throws Exception {
    Path config = config("json");
    CliRun.of("once", "--config", config.toString());
    receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
    receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));

    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 0);
    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.out()).contains("deliveries: 1 delivered, 1 failed attempts, 0 dead, 0 pending");
    List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).getHeader("X-Monitor-Delivery")).isEqualTo(posts.get(0).getHeader("X-Monitor-Delivery"));
    assertThat(posts.get(1).getBodyAsString()).isEqualTo(posts.get(0).getBodyAsString());
    assertThat(Sql.column(db, "SELECT status || ' ' || attempts FROM outbox")).containsExactly("delivered 2");
  }

  /**
   * A 429's Retry-After reaches the pump with the failure (that the pump then waits for it, on its clock,
   * is OutboxPumpTest's): the receiver's answer is read here, with no wait.
   */
  @Test
  void retryAfterOf429IsHandedToThePump() throws Exception {
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
    OkHttpClient client = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
    try {
      WebhookChannel channel = new WebhookChannel(new WebhookChannelConfig("team-hook", URI.create(receiver.baseUrl() + "/hook"), SECRET,
          WebhookChannelConfig.JSON), client, "test-agent/1.0");
      String payload = Payloads.write(Payloads.test("d-1", "team-hook", Instant.now()));

      assertThatThrownBy(() -> channel.send(List.of(new Delivery("d-1", Event.TEST, "test", payload, 1))))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
            assertThat(e.permanent()).as("429 is tried again").isFalse();
          })
          .hasMessage("HTTP 429 from " + receiver.baseUrl() + "/hook");
    } finally {
      HttpClients.shutdown(client);
    }
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
  }

  @Test
  void slackFormatPostsATextBody() throws Exception {
    Path config = config("slack");
    CliRun.of("once", "--config", config.toString());

    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 0);
    CliRun.of("once", "--config", config.toString());

    LoggedRequest post = receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
    JsonNode body = new ObjectMapper().readTree(post.getBody());
    assertThat(body.fieldNames()).toIterable().containsExactly("text");
    assertThat(body.get("text").asText()).isEqualTo("[IndustriALL] Kyrgyzstan: " + fresh.title() + "\n" + replica.baseUrl() + "/" + fresh.slug());
    assertThat(post.getHeader("X-Monitor-Signature")).isEqualTo("sha256=" + HmacSha256.hex(SECRET, post.getBody()));
  }

  @Test
  void notifyTestReportsTheOutcome() {
    Path config = config("json");

    CliRun ok = CliRun.of("notify-test", "team-hook", "--config", config.toString());
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(403)));
    CliRun refused = CliRun.of("notify-test", "team-hook", "--config", config.toString());
    CliRun unknown = CliRun.of("notify-test", "nope", "--config", config.toString());

    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out()).contains("team-hook: test message delivered (HTTP 204)");
    receiver.verify(postRequestedFor(urlEqualTo("/hook")).withHeader("X-Monitor-Event", equalTo("test")));
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("team-hook: test message NOT delivered: HTTP 403 from " + receiver.baseUrl() + "/hook");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no channel 'nope'").contains("channels: team-hook");
  }

  @Test
  void withoutItsSecretInTheEnvironmentAChannelWaitsAndEveryOtherCommandWorks() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  once_timeout: 2s\n  channels:\n    - id: team-hook\n      type: webhook\n"
            + "      url: " + receiver.baseUrl() + "/hook\n      secret: ${IM_TEST_UNSET_SECRET}\n")
        .writeTo(dir);

    CliRun validate = CliRun.of("validate", "--config", config.toString());
    CliRun baseline = CliRun.of("once", "--config", config.toString());
    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 0);
    CliRun next = CliRun.of("once", "--config", config.toString());

    String warning = "channel 'team-hook' cannot send: environment variable IM_TEST_UNSET_SECRET is not set";
    assertThat(validate.exitCode()).isZero();
    assertThat(validate.out()).contains("is valid, with 1 warning:").contains("  warning: " + config + ":").contains(warning);
    assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
    assertThat(baseline.err()).contains("warning: ").contains(warning);
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.out()).contains("new 1, archived 1").contains("0 delivered, 0 failed attempts, 0 dead, 1 pending");
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).as("never sent unsigned").isEmpty();
    assertThat(Sql.column(db, "SELECT status || ' ' || attempts FROM outbox")).containsExactly("pending 0");

    CliRun status = CliRun.of("status", "--config", config.toString());
    CliRun list = CliRun.of("outbox", "list", "--config", config.toString());
    CliRun countries = CliRun.of("countries", "--config", config.toString());
    CliRun test = CliRun.of("notify-test", "team-hook", "--config", config.toString());

    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).containsPattern("team-hook\\s+1\\s+0\\s+0");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains("team-hook").contains("pending");
    assertThat(countries.exitCode()).as(countries.toString()).isZero();
    assertThat(test.exitCode()).isEqualTo(1);
    assertThat(test.err()).contains("team-hook: test message NOT delivered: cannot send: environment variable IM_TEST_UNSET_SECRET is not set");

    // Started again with the secret in its environment (here: a default), the monitor sends what waited.
    Files.writeString(config, Files.readString(config).replace("${IM_TEST_UNSET_SECRET}", "${IM_TEST_UNSET_SECRET:-now-set}"));
    CliRun later = CliRun.of("once", "--config", config.toString());

    assertThat(later.out()).contains("deliveries: 1 delivered");
    List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).getHeader("X-Monitor-Signature")).startsWith("sha256=");
  }
}
