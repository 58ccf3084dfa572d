package org.industriallmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReleaseStates;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state written by each earlier release opens with today's monitor: nothing archived again, the
 * delivery that was pending sent once with its delivery id, and the next new article found once.
 *
 * <p>Each release's folder under {@code src/test/resources/upgrade/} (its README.md says how it was made)
 * was written by that release's jar: its {@code once} took the baseline of Kyrgyzstan (364) from its own
 * replica, then found one new article whose alert to a webhook that refused connections stayed pending.
 * {@code v0.1.0} by the jar of commit {@code b3e3ac1} (2026-11-25, schema 5); {@code v0.2.0} by the jar
 * of tag {@code v0.2.0} (2026-12-07, schema 14). Add a folder and a line below for every release.
 */
class UpgradeFromReleasesTest {
  private static final String SECRET = "fixture-secret";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @ParameterizedTest(name = "a state of {0}")
  @CsvSource({
      "v0.1.0, d17054c8-93bb-4b85-817c-d7bc4a4a861b",
      "v0.2.0, 097d3142-1a5d-4a1f-856a-81afed3dfbed"})
  void aStateOfAnEarlierReleaseOpensAndGoesOnWithNothingLostOrDoubled(String release, String pendingDelivery) throws Exception {
    ReleaseStates.copy(release, dir.resolve("state"));
    Path db = dir.resolve("state/monitor.db");
    long articles = Sql.count(db, "SELECT count(*) FROM articles");
    List<Path> textsBefore = texts();
    assertThat(articles).isEqualTo(28);
    assertThat(Sql.column(db, "SELECT delivery_id || ' ' || status FROM outbox")).containsExactly(pendingDelivery + " pending");

    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, r -> {})) {
      // Re-checks off: the fixture's newest article is not on today's replica, and a re-check would call it withdrawn.
      Path config = TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_window", "0s").country("Kyrgyzstan", 364)
          .topLevel("notifications:\n  once_timeout: 5s\n  retry_backoff: 100ms\n  channels:\n"
              + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "\", secret: \"${HOOK_SECRET:-" + SECRET + "}\"}\n")
          .writeTo(dir);

      CliRun once = CliRun.of("once", "--config", config.toString());

      assertThat(once.exitCode()).as(once.toString()).isZero();
      assertThat(receiver.received()).as("the pending alert, once, with its delivery id and a valid signature")
          .extracting(WebhookReceiver.Received::deliveryId, WebhookReceiver.Received::event, WebhookReceiver.Received::signatureValid)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(pendingDelivery, "article.new", true));
      assertThat(Sql.count(db, "SELECT count(*) FROM articles")).as("nothing archived again").isEqualTo(articles);
      assertThat(texts()).as("no archive file added or rewritten").isEqualTo(textsBefore);
      assertThat(Sql.column(db, "SELECT status FROM outbox")).containsExactly("delivered");

      // The replica's first news item has the slug of the fixture's (the same article, known); its second is new.
      ReplicaArticle known = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
      assertThat(Sql.column(db, "SELECT slug FROM articles WHERE slug = '" + known.slug() + "'")).hasSize(1);
      CliRun next = CliRun.of("once", "--config", config.toString());

      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(Sql.count(db, "SELECT count(*) FROM articles")).as(once + "\n" + next).isEqualTo(articles + 1);
      assertThat(Sql.column(db, "SELECT slug FROM articles WHERE slug = '" + fresh.slug() + "'")).hasSize(1);
      assertThat(receiver.received()).hasSize(2);
      assertThat(receiver.received().get(1).body()).contains(fresh.slug());
      assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
    }
  }

  private List<Path> texts() throws IOException {
    Path archive = dir.resolve("state/archive/articles");
    try (Stream<Path> files = Files.walk(archive)) {
      return files.filter(Files::isRegularFile).map(p -> archive.relativize(p)).sorted().toList();
    }
  }
}
