package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.RequiredTools;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** /metrics: Prometheus's own parser accepts it, and its figures are what the daemon did. */
class MetricsTest {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$", Pattern.MULTILINE);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @BeforeEach
  void needsPromtool() {
    RequiredTools.command("promtool", "Prometheus's own parser (promtool check metrics) is what says /metrics is in the text format");
  }

  @Test
  void countsRequestsCrawlsDeliveriesAndTheOutboxInTheTextFormat() throws Exception {
    int deadPort;
    try (ServerSocket closed = new ServerSocket(0)) {
      deadPort = closed.getLocalPort();
    }
    try (WebhookReceiver receiver = WebhookReceiver.start("s3cret", r -> {})) {
      Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364)
          .topLevel("notifications:\n  max_attempts: 1\n  channels:\n"
              + "    - {id: team-hook, type: webhook, url: \"" + receiver.url() + "\", secret: s3cret}\n"
              + "    - {id: dead-hook, type: webhook, url: \"http://127.0.0.1:" + deadPort + "/hook\"}\n")
          .writeTo(dir);
      try (ConsoleFixture fixture = ConsoleFixture.start(config).crawlAll()) {
        replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 0);
        fixture.crawlAll();
        fixture.parts.dispatcher().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);

        var response = fixture.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(promtoolCheck(response.body())).isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> samples(fixture.get("/metrics").body())
            .getOrDefault("industriall_outbox_dead{channel=\"dead-hook\"}", 0.0) == 1.0);
        Map<String, Double> m = samples(fixture.get("/metrics").body());
        assertThat(m.get("industriall_site_requests_total{status=\"200\"}")).isGreaterThanOrEqualTo(3 + 28 + 3 + 1);
        assertThat(m.get("industriall_articles{country=\"Kyrgyzstan\"}")).isEqualTo(28.0);
        assertThat(m.get("industriall_listing_pages_total{country=\"Kyrgyzstan\"}")).isEqualTo(6.0);
        assertThat(m.get("industriall_crawls_total{country=\"Kyrgyzstan\",outcome=\"ok\"}")).isEqualTo(2.0);
        assertThat(m.get("industriall_crawl_duration_seconds_count{country=\"Kyrgyzstan\"}")).isEqualTo(2.0);
        assertThat(m.get("industriall_deliveries_total{channel=\"team-hook\",outcome=\"delivered\"}")).isEqualTo(1.0);
        assertThat(m.get("industriall_deliveries_total{channel=\"dead-hook\",outcome=\"dead\"}")).isEqualTo(1.0);
        assertThat(m.get("industriall_outbox_pending{channel=\"team-hook\"}")).isEqualTo(0.0);
        assertThat(m.get("industriall_seconds_since_last_success{country=\"Kyrgyzstan\"}")).isBetween(0.0, 60.0);
      }
    }
  }

  @Test
  void promtoolRejectsWhatIsNotTheTextFormat() throws Exception {
    // The check above means something only if the parser refuses a broken exposition.
    assertThat(promtoolCheck("industriall_articles{country=\"Kyrgyzstan\" 28\n")).isNotEmpty();
  }

  static Map<String, Double> samples(String exposition) {
    Map<String, Double> samples = new LinkedHashMap<>();
    Matcher m = SAMPLE.matcher(exposition);
    while (m.find()) {
      samples.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return samples;
  }

  /** What {@code promtool check metrics} (Prometheus's parser and linter) says of an exposition: empty when it is fine. */
  static String promtoolCheck(String exposition) throws IOException, InterruptedException {
    Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var in = promtool.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return promtool.exitValue() == 0 ? said.strip() : "exit " + promtool.exitValue() + ": " + said;
  }
}
