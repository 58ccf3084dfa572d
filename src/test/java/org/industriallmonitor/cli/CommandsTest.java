package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    assertThat(run.err()).contains("configuration error: " + config + ":12: countries[1].region: expected a whole number, got a list");
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
}
