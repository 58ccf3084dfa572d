package org.industriallmonitor.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
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
    assertThat(post.getHeader("X-Monitor-Signature")).isEqualTo("sha256=" + WebhookChannel.signature(SECRET, post.getBody()));
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

  @Test
  void retryAfterOf429IsHonoured() throws Exception {
    Path config = config("json");
    CliRun.of("once", "--config", config.toString());
    receiver.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
    receiver.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs("free").willReturn(aResponse().withStatus(204)));

    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 0);
    CliRun.of("once", "--config", config.toString());

    List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(2);
    long gap = posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime();
    assertThat(gap).as("waited for Retry-After: 2").isGreaterThanOrEqualTo(1900);
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
    assertThat(post.getHeader("X-Monitor-Signature")).isEqualTo("sha256=" + WebhookChannel.signature(SECRET, post.getBody()));
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
}
