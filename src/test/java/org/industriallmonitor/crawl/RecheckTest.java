package org.industriallmonitor.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.ReplicaTweaks;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Articles that change after publication: a correction becomes a version, a withdrawal an alert, each once. */
class RecheckTest {
  @RegisterExtension
  static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path config;
  private Path db;
  private ReplicaArticle fresh;

  @BeforeEach
  void baseline() {
    hook.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    // Every archived article of the window is due again at once: each `once` re-checks the fresh one.
    config = TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_every", "1ms").country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n    - {id: hook, type: webhook, url: \"" + hook.baseUrl() + "/hook\"}\n")
        .writeTo(dir);
    db = dir.resolve("state/monitor.db");
    fresh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
    CliRun baseline = CliRun.of("once", "--config", config.toString());
    assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
    // The baseline's own re-check found the fresh article as it was archived; the old ones are outside the window.
    assertThat(baseline.out()).contains("re-checks: 1 checked, 1 unchanged, 0 updated, 0 withdrawn, 0 errors");
  }

  @Test
  void aCorrectedArticleBecomesVersionTwoWithOneUpdateAndItsDiff() throws Exception {
    String first = Sql.column(db, "SELECT archive_path FROM articles WHERE slug = '" + fresh.slug() + "'").get(0);
    Path archive = dir.resolve("state/archive");
    byte[] firstBytes = Files.readAllBytes(archive.resolve(first));
    replica.catalog().edit(fresh.slug(), List.of(fresh.paragraphs().get(0), "A correction: the agreement covers 4,000 workers."));

    CliRun corrected = CliRun.of("once", "--config", config.toString());

    assertThat(corrected.out()).as(corrected.toString()).contains("re-checks: 1 checked, 0 unchanged, 1 updated, 0 withdrawn, 0 errors")
        .contains("deliveries: 1 delivered");
    String second = first.replace(".txt", ".v2.txt");
    assertThat(Files.readAllBytes(archive.resolve(first))).as("the first file never changes").isEqualTo(firstBytes);
    String text = Files.readString(archive.resolve(second), StandardCharsets.UTF_8);
    assertThat(text).contains("A correction: the agreement covers 4,000 workers.");
    assertThat(Sql.column(db, "SELECT version || ' ' || archive_path || ' ' || sha256 FROM article_versions"))
        .containsExactly("2 " + second + " " + Hashes.sha256(text.getBytes(StandardCharsets.UTF_8)));

    JsonNode sidecar = new ObjectMapper().readTree(archive.resolve(Sql.column(db, "SELECT sidecar_path FROM articles WHERE slug = '"
        + fresh.slug() + "'").get(0)).toFile());
    assertThat(sidecar.get("versions")).hasSize(2);
    assertThat(sidecar.get("versions").get(0).get("archive_path").asText()).isEqualTo(first);
    assertThat(sidecar.get("versions").get(1).get("archive_path").asText()).isEqualTo(second);
    assertThat(sidecar.get("versions").get(1).get("sha256").asText()).isEqualTo(Hashes.sha256(text.getBytes(StandardCharsets.UTF_8)));

    List<LoggedRequest> posts = hook.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(posts.get(0).getBodyAsString());
    assertThat(event.get("event").asText()).isEqualTo("article.updated");
    assertThat(posts.get(0).getHeader("X-Monitor-Event")).isEqualTo("article.updated");
    assertThat(event.get("version").asInt()).isEqualTo(2);
    assertThat(event.get("archive_path").asText()).isEqualTo(second);
    assertThat(event.get("previous_archive_path").asText()).isEqualTo(first);
    String diff = event.get("diff").asText();
    assertThat(diff).startsWith("--- " + first + "\n+++ " + second + "\n@@ ")
        .contains("\n+A correction: the agreement covers 4,000 workers.\n");
    assertThat(diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---"))).hasSize(1);
    // The search finds the corrected text.
    assertThat(CliRun.of("search", "correction", "--config", config.toString()).out()).contains(fresh.title());

    CliRun again = CliRun.of("once", "--config", config.toString());
    assertThat(again.out()).contains("re-checks: 1 checked, 1 unchanged, 0 updated");
    assertThat(hook.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM article_versions")).isEqualTo(1);
  }

  @Test
  void aWithdrawnArticleIsAlertedOnceAndMarkedWhileAServerErrorIsNoRemoval() throws Exception {
    replica.tweaks().misbehave(fresh.slug(), ReplicaTweaks.Misbehaviour.SERVER_ERROR);
    CliRun failing = CliRun.of("once", "--config", config.toString());
    assertThat(failing.out()).contains("re-checks: 1 checked, 0 unchanged, 0 updated, 0 withdrawn, 1 error");
    assertThat(Sql.count(db, "SELECT count(*) FROM articles WHERE removed_at IS NOT NULL")).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM outbox")).isZero();
    replica.tweaks().behave(fresh.slug());

    replica.catalog().withdraw(fresh.slug());
    CliRun withdrawn = CliRun.of("once", "--config", config.toString());

    assertThat(withdrawn.out()).as(withdrawn.toString()).contains("re-checks: 1 checked, 0 unchanged, 0 updated, 1 withdrawn, 0 errors");
    List<LoggedRequest> posts = hook.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(posts.get(0).getBodyAsString());
    assertThat(event.get("event").asText()).isEqualTo("article.removed");
    assertThat(event.get("status").asInt()).isEqualTo(404);
    assertThat(event.get("slug").asText()).isEqualTo(fresh.slug());
    String sidecarPath = Sql.column(db, "SELECT sidecar_path FROM articles WHERE slug = '" + fresh.slug() + "'").get(0);
    JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("state/archive").resolve(sidecarPath).toFile());
    assertThat(sidecar.get("removed_status").asInt()).isEqualTo(404);
    assertThat(sidecar.get("removed_at").asText()).isNotBlank();
    assertThat(Files.exists(dir.resolve("state/archive").resolve(sidecar.get("archive_path").asText()))).as("the text stays").isTrue();
    assertThat(CliRun.of("status", "--config", config.toString()).out()).contains("1 article withdrawn by the site");

    CliRun after = CliRun.of("once", "--config", config.toString());
    assertThat(after.out()).doesNotContain("re-checks:");
    assertThat(hook.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
  }
}
