package org.industriallmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.industriallmonitor.parse.SiteText;
import org.industriallmonitor.replica.HostileFixtures;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hostile site content on the replica: exact text or a clear per-page error, safe names, safe alerts. */
class HostileContentTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void hostileTitlesSlugsAndPagesAreArchivedExactlyOrRefusedClearly() throws Exception {
    HostileFixtures.addCountry(replica.catalog());
    try (WebhookReceiver receiver = WebhookReceiver.start("hostile-secret", request -> {})) {
      Path config = TestConfig.site(replica.baseUrl()).walksOnly().site("call_timeout", "1s").site("retries", "0")
          .country(HostileFixtures.COUNTRY, HostileFixtures.REGION)
          .topLevel("notifications:\n  once_timeout: 5s\n  channels:\n    - {id: hook, type: webhook, url: \"" + receiver.url()
              + "\", secret: hostile-secret}\n")
          .writeTo(dir);
      assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).as("the baseline").isZero();
      HostileFixtures.publishAll(replica.catalog(), replica.tweaks());

      CliRun run = CliRun.of("once", "--config", config.toString(), "--logs", dir.resolve("logs").toString());

      // Per-page errors that say what happened; everything else archived.
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).contains("error: article " + replica.baseUrl() + "/" + HostileFixtures.INVALID_UTF8 + ": the body is not valid UTF-8 text")
          .containsPattern("error: article " + replica.baseUrl() + "/" + HostileFixtures.TRICKLE + ": timed out");
      Path db = dir.resolve("state/monitor.db");
      Path archive = dir.resolve("state/archive");

      // Titles: exactly the site's text, ASCII white space folded, everything else kept (control characters too).
      for (int i = 0; i < HostileFixtures.TITLES.size(); i++) {
        String title = HostileFixtures.TITLES.get(i);
        String expected = SiteText.fold(title);
        List<String> paths = Sql.column(db, "SELECT archive_path FROM articles WHERE slug = 'hostile-title-" + (i + 1) + "'");
        assertThat(paths).as(title.substring(0, Math.min(40, title.length()))).hasSize(1);
        String text = Files.readString(archive.resolve(paths.get(0)), StandardCharsets.UTF_8);
        assertThat(text.split("\n")[3]).isEqualTo(expected);
      }
      assertThat(Sql.column(db, "SELECT title FROM articles WHERE slug = '" + HostileFixtures.LYING_CHARSET + "'"))
          .containsExactly("Zürich, Łódź, Астана: a lying charset");

      // In the log file and on the console, control characters from the site are escapes, never raw.
      String log = Files.readString(dir.resolve("logs/monitor.log"), StandardCharsets.UTF_8);
      assertThat(log).contains("archived A bell\\x07, an escape \\x1B[2J\\x1B[31mred\\x1B[0m and a NUL")
          .contains("\\u202Egnp.exe\\u202C");
      assertThat(log.chars().filter(c -> c < 0x20 && c != '\n' || c == 0x7F || c == 0x202E)).as("raw control characters").isEmpty();
      assertThat(run.out().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();

      // Each hostile slug is recorded once under the slug a browser would reach, archived under a safe file name.
      List<String> reached = List.of(
          "escape-attempt-one", // the dot segments resolve away, as in a browser
          "%2e%2e%2f%2e%2e%2fescape-attempt-two", // encoded dots and slashes stay one path segment
          "nul%00byte-in-slug",
          "back/slash/slug", // a backslash is a slash, as in a browser
          HostileFixtures.SLUGS.get(4),
          "query-and-fragment-slug"); // neither the query nor the fragment is part of the slug
      for (int i = 0; i < reached.size(); i++) {
        String title = "Hostile slug " + (i + 1);
        assertThat(Sql.column(db, "SELECT slug FROM articles WHERE title = '" + title + "'")).as(title).containsExactly(reached.get(i));
        List<String> paths = Sql.column(db, "SELECT archive_path FROM articles WHERE title = '" + title + "'");
        assertThat(paths.get(0)).as(title).matches("articles/2026/2026-11-01-[A-Za-z0-9_][A-Za-z0-9_.-]*\\.txt");
        assertThat(archive.resolve(paths.get(0))).as(title).isRegularFile();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(files.filter(Files::isRegularFile)).allSatisfy(p -> assertThat(p)
            .satisfiesAnyOf(f -> assertThat(f).startsWith(archive), f -> assertThat(f).startsWith(dir.resolve("state")),
                f -> assertThat(f).startsWith(dir.resolve("config")), f -> assertThat(f).startsWith(dir.resolve("logs"))));
      }
      try (Stream<Path> files = Files.walk(archive.resolve("articles"))) {
        assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
            .allSatisfy(name -> assertThat(name).matches("[A-Za-z0-9_][A-Za-z0-9_.-]*\\.(txt|json)"));
      }

      // Alerts: valid, signed JSON whose title is the archived one; the body cannot be broken out of.
      assertThat(receiver.received()).isNotEmpty().allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
      for (WebhookReceiver.Received received : receiver.received()) {
        JsonNode body = new ObjectMapper().readTree(received.body());
        assertThat(body.get("event").asText()).isEqualTo("article.new");
        assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles WHERE slug = '" + body.get("slug").asText().replace("'", "''") + "'"))
            .isEqualTo(1);
      }
      assertThat(receiver.received()).extracting(r -> new ObjectMapper().readTree(r.body()).get("title").asText())
          .contains(SiteText.fold(HostileFixtures.TITLES.get(0)), SiteText.fold(HostileFixtures.TITLES.get(1)));

      // A clean cycle later: what failed is tried again, nothing is archived twice.
      long before = Sql.count(db, "SELECT COUNT(*) FROM articles");
      CliRun again = CliRun.of("once", "--config", config.toString());
      assertThat(again.out()).contains("new 2, archived 0");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(before);
    }
  }

  @Test
  void aLongListingPageIsWalkedToItsLastItem() throws Exception {
    // Hundreds of results on one page, each archived: the parser alone reads a page of thousands (ListingParserTest).
    HostileFixtures.addLongListing(replica.catalog(), 600);
    Path config = TestConfig.site(replica.baseUrl()).site("max_items_per_page", "1000")
        .country("Long Listing", HostileFixtures.LONG_LISTING_REGION).writeTo(dir);

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("pages 1, seen 600, new 600, archived 600, errors 0");
    assertThat(Sql.count(dir.resolve("state/monitor.db"), "SELECT COUNT(*) FROM articles")).isEqualTo(600);
    assertThat(Sql.column(dir.resolve("state/monitor.db"), "SELECT title FROM articles WHERE slug = 'long-listing-item-600'"))
        .as("the last item of the page").containsExactly("Long listing item 600");
  }

  @Test
  void aPageOfMoreResultsThanMaxItemsPerPageIsALayoutErrorAndNothingOnItIsFetched() throws Exception {
    HostileFixtures.addLongListing(replica.catalog(), 600);
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Long Listing", HostileFixtures.LONG_LISTING_REGION).writeTo(dir);

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("pages 1, seen 0, new 0, archived 0, errors 1, baseline")
        .contains("error: layout changed at " + replica.baseUrl() + "/search?regions=" + HostileFixtures.LONG_LISTING_REGION
            + "&language=en&sort=relevance&from=0: the page lists 600 results, more than site.max_items_per_page (100); nothing on it was fetched");
    assertThat(replica.tweaks().requestCount()).as("robots.txt and the one listing page").isEqualTo(2);
    assertThat(dir.resolve("state/archive/articles")).doesNotExist();
  }
}
