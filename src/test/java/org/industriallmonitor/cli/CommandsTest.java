package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.industriallmonitor.replica.ReplicaCountry;
import org.industriallmonitor.store.StateLock;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** validate, status and countries, run as a user runs them. */
class CommandsTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path config;

  @BeforeEach
  void start() throws Exception {
    config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
  }

  @Test
  void validatePrintsWhatWouldBeCrawled() {
    CliRun run = CliRun.of("validate", "--config", config.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains(config + " is valid.")
        .contains("Kyrgyzstan (region 364): " + replica.baseUrl() + "/search?regions=364&language=en&sort=relevance&from=0")
        .contains("Kazakhstan (region 169)");
  }

  @Test
  void invalidConfigExitsWithCode3AndNamesLineAndKey() throws Exception {
    Files.writeString(config, Files.readString(config).replace("region: 169", "region: [169]"));

    CliRun run = CliRun.of("validate", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("configuration error: " + config + ":13: countries[1].region: expected a whole number, got a list");
  }

  @Test
  void missingConfigSaysHowToCreateIt() {
    CliRun run = CliRun.of("once", "--config", dir.resolve("nothing.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("nothing.yaml: no such file. Create a commented configuration with:\n  java -jar target/industriall-monitor.jar init\n");
  }

  @Test
  void statusShowsLastCrawlSuccessCountAndError() {
    CliRun before = CliRun.of("status", "--config", config.toString());
    assertThat(before.out()).contains("nothing was crawled");

    CliRun.of("once", "--config", config.toString(), "--country", "Kyrgyzstan");
    CliRun after = CliRun.of("status", "--config", config.toString());

    assertThat(after.exitCode()).isZero();
    assertThat(after.out()).containsPattern("Kyrgyzstan\\s+364\\s+27\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+-\\s+-")
        .containsPattern("Kazakhstan\\s+169\\s+0\\s+never\\s+never\\s+-\\s+-")
        .contains("No daemon is running on this state folder");
  }

  @Test
  void statusShowsTheLastErrorOfAFailedCrawl() throws Exception {
    replica.stop();

    CliRun.of("once", "--config", config.toString(), "--country", "364");
    CliRun status = CliRun.of("status", "--config", config.toString());

    assertThat(status.out()).containsPattern("Kyrgyzstan\\s+364\\s+0\\s+\\S+ \\S+\\s+never\\s+-\\s+listing .*cannot reach .*/robots.txt")
        .contains("baseline not complete yet");
  }

  @Test
  void countriesPrintsYamlReadyToPaste() {
    CliRun run = CliRun.of("countries", "--config", config.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("  - {name: Kyrgyzstan, region: 364}\n  - {name: Kazakhstan, region: 169}\n  - {name: Uzbekistan, region: 366}\n");
  }

  @Test
  void countriesPrintsTheRegionListOfALanguage() {
    CliRun spanish = CliRun.of("countries", "--language", "es", "--config", config.toString());

    assertThat(spanish.exitCode()).as(spanish.toString()).isZero();
    assertThat(spanish.out()).contains("(names in es)")
        .contains("  - {name: \"Kirguistán\", region: 364}\n  - {name: \"Kazajistán\", region: 169}\n  - {name: \"Uzbekistán\", region: 366}\n");
    assertThat(replica.tweaks().requestsFor("/es/search?language=es&sort=relevance")).isEqualTo(1);

    CliRun unknown = CliRun.of("countries", "--language", "de", "--config", config.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--language de: the site publishes in en, es, fr, ru");
  }

  @Test
  void stateOptionMovesDatabaseAndArchive() {
    Path state = dir.resolve("elsewhere");

    CliRun.of("once", "--config", config.toString(), "--state", state.toString(), "--country", "Kyrgyzstan");

    assertThat(state.resolve("monitor.db")).exists();
    assertThat(state.resolve("archive/articles")).isDirectory();
    assertThat(dir.resolve("state/monitor.db")).doesNotExist();
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"once", "validate", "status", "countries", "replica"}) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: industriall-monitor " + command);
    }
  }

  @Test
  void aRegionTheSiteDoesNotHaveIsAnErrorOfOnceStatusAndValidateOnline() throws Exception {
    Path atlantis = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Atlantis", 99999).writeTo(dir.resolve("a"));

    CliRun once = CliRun.of("once", "--config", atlantis.toString());
    CliRun status = CliRun.of("status", "--config", atlantis.toString());
    CliRun online = CliRun.of("validate", "--online", "--config", atlantis.toString());

    assertThat(once.exitCode()).isEqualTo(1);
    assertThat(once.out()).containsPattern("Atlantis \\(region 99999\\): pages 1, seen 0, new 0, archived 0, errors 1, baseline, \\d+ ms, "
        + "FAILED; no results: is region 99999 right\\? see countries\n")
        .contains("  error: region 99999 is not in the site's list of countries on " + replica.baseUrl()
            + "/search?regions=99999&language=en&sort=relevance&from=0 (is the id right? `countries` lists them)");
    assertThat(status.out()).containsPattern("Atlantis\\s+99999\\s+0\\s+.*region 99999 is not in the site's list of countries");
    assertThat(online.exitCode()).isEqualTo(1);
    assertThat(online.out()).contains("online: the site lists 3 countries (" + replica.baseUrl() + "/search?language=en&sort=relevance)")
        .containsPattern("  Kyrgyzstan \\(region 364\\): in the site's list; 27 results, first \".+\"\n")
        .contains("  Atlantis (region 99999): NOT in the site's list of countries; 0 results; no results: is region 99999 right? see countries\n")
        .contains("`countries` prints the site's list")
        .contains("  selectors on " + replica.baseUrl() + "/search?regions=364&language=en&sort=relevance&from=0:")
        .containsPattern("    listing_item +\"article.search-result\" +default +10 elements, first \"")
        .containsPattern("    article_body +\".article-body\" +default +1 element, first \"");
  }

  @Test
  void aListedCountryWithoutResultsIsAQuestionNotAFailure() throws Exception {
    replica.catalog().addCountry(new ReplicaCountry(367, "Tajikistan"), 10);
    Path tajikistan = TestConfig.site(replica.baseUrl()).country("Tajikistan", 367).writeTo(dir.resolve("t"));

    CliRun first = CliRun.of("once", "--config", tajikistan.toString());
    CliRun second = CliRun.of("once", "--config", tajikistan.toString());
    CliRun status = CliRun.of("status", "--config", tajikistan.toString());
    CliRun json = CliRun.of("status", "--json", "--config", tajikistan.toString());
    CliRun online = CliRun.of("validate", "--online", "--config", tajikistan.toString());

    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).containsPattern("Tajikistan \\(region 367\\): pages 1, seen 0, .* ms, ok; no results: is region 367 right\\? see countries");
    assertThat(second.out()).as("the unchanged page still says so").contains("ok; no results: is region 367 right? see countries");
    assertThat(status.out()).contains("no results: is region 367 right? see countries");
    assertThat(new ObjectMapper().readTree(json.out()).get("countries").get(0).get("warning").asText())
        .isEqualTo("no results: is region 367 right? see countries");
    assertThat(online.exitCode()).isZero();
    assertThat(online.out()).contains("Tajikistan (region 367): in the site's list; 0 results; no results: is region 367 right? see countries")
        .containsPattern("  early warning rss: " + java.util.regex.Pattern.quote(replica.baseUrl() + "/rss.xml")
            + ", 20 articles of the site, the newest \".+\"\n")
        .doesNotContain("`countries` prints");
  }

  @Test
  void validateOnlineSaysWhenTheEarlyWarningSourceCannotBeReadAndWhatToSetInstead() throws Exception {
    replica.tweaks().robotsTxt("User-agent: *\nDisallow: /rss.xml\n");
    Path file = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir.resolve("r"));

    CliRun online = CliRun.of("validate", "--online", "--config", file.toString());

    assertThat(online.exitCode()).isEqualTo(1);
    assertThat(online.out()).contains("  early warning rss: " + replica.baseUrl() + "/rss.xml: disallowed by robots.txt for our User-Agent;"
        + " not fetched; set site.early_warning.source to latest (or off)\n")
        .doesNotContain("`countries` prints");

    Path latest = TestConfig.site(replica.baseUrl()).site("early_warning", "{source: latest}").country("Kyrgyzstan", 364)
        .writeTo(dir.resolve("l"));
    CliRun fixed = CliRun.of("validate", "--online", "--config", latest.toString());
    assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
    assertThat(fixed.out()).contains("  early warning latest: " + replica.baseUrl() + "/search?language=en&from=0, 10 articles of the site");
  }

  @Test
  void whatHoldsTheStateFolderIsNamedByCommandAndPid() throws Exception {
    CliRun.of("once", "--config", config.toString(), "--country", "364");
    long pid = ProcessHandle.current().pid();
    try (StateLock held = StateLock.tryAcquire(StateLock.fileFor(dir.resolve("state/monitor.db")), "once").orElseThrow()) {
      CliRun status = CliRun.of("status", "--config", config.toString());
      CliRun json = CliRun.of("status", "--json", "--config", config.toString());
      CliRun refused = CliRun.of("once", "--config", config.toString());

      assertThat(status.out()).contains("No daemon is running on this state folder; `once` (pid " + pid + ") is working on it now.");
      assertThat(new ObjectMapper().readTree(json.out()).get("holder").get("command").asText()).isEqualTo("once");
      assertThat(new ObjectMapper().readTree(json.out()).get("daemon").get("running").asBoolean()).isFalse();
      assertThat(refused.exitCode()).isEqualTo(4);
      assertThat(refused.err()).contains("another monitor process (`once`, pid " + pid + ") is using the state folder")
          .contains("`once` is working on this state folder and stops by itself when done").doesNotContain("daemon is already");
    }
  }
}
