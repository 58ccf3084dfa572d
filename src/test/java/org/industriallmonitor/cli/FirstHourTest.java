package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.schedule.Daemon;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The small things a new user trips over in the first hour: help, counts, columns, empty lists, paths. */
class FirstHourTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void theTopLevelHelpDescribesEachCommandInWholeSentences() {
    String help = CliRun.of("--help").out();
    List<String> entries = new ArrayList<>();
    boolean inCommands = false;
    for (String line : help.split("\n")) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.matches("  \\S.*")) {
        entries.add(line.strip());
      } else if (inCommands && line.startsWith("     ") && !entries.isEmpty()) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      }
    }

    assertThat(entries).hasSizeGreaterThanOrEqualTo(11).allSatisfy(entry -> assertThat(entry).endsWith("."));
    assertThat(help).doesNotContain("null");
  }

  @Test
  void statusWithoutADatabaseNamesWhereItLookedAndHowToLookElsewhere() {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);

    CliRun status = CliRun.of("status", "--config", config.toString());

    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("No database yet at " + dir.resolve("state/monitor.db").toAbsolutePath() + " (from "
        + config.toAbsolutePath() + ")").contains("--config FILE or --state DIR");
  }

  @Test
  void statusKeepsItsColumnsForCountriesAndChannelsNoLongerConfigured() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169)
        .topLevel("notifications:\n  once_timeout: 1s\n  channels:\n    - {id: a-rather-long-hook-name, type: webhook, url: \"http://127.0.0.1:9/h\"}\n")
        .writeTo(dir);
    CliRun.of("once", "--config", config.toString());
    replica.catalog().publishNew(List.of(364), java.time.LocalDate.of(2026, 11, 30), 0);
    CliRun.of("once", "--config", config.toString(), "--country", "364");
    Files.writeString(config, Files.readString(config).replace("  - name: Kazakhstan\n    region: 169\n", "")
        .replace("a-rather-long-hook-name", "hook"));

    String[] lines = CliRun.of("status", "--config", config.toString()).out().split("\n");

    String header = line(lines, "COUNTRY");
    String dropped = line(lines, "Kazakhstan (not configured)");
    String kept = line(lines, "Kyrgyzstan ");
    assertThat(dropped.indexOf(" 169 ") + 4).as(dropped).isEqualTo(header.indexOf("REGION") + "REGION".length());
    assertThat(kept.indexOf(" 364 ") + 4).as(kept).isEqualTo(header.indexOf("REGION") + "REGION".length());
    String channels = line(lines, "CHANNEL");
    String old = line(lines, "a-rather-long-hook-name (not configured)");
    assertThat(old.replaceAll("^(\\S+ \\(not configured\\)\\s+\\d+).*", "$1").length()).as(old)
        .isEqualTo(channels.indexOf("PENDING") + "PENDING".length());
  }

  @Test
  void anEmptyOutboxSaysSoInsteadOfPrintingAHeader() {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    CliRun.of("once", "--config", config.toString());

    assertThat(CliRun.of("outbox", "list", "--config", config.toString()).out()).isEqualTo("no deliveries\n");
    assertThat(CliRun.of("outbox", "list", "--status", "dead", "--config", config.toString()).out()).isEqualTo("no dead deliveries\n");
  }

  @Test
  void theUnitAndTheManualGiveTheShutdownGraceOfTheCodeAndTheUnitStopsRestartingOnUserErrors() throws Exception {
    long grace = Daemon.SHUTDOWN_GRACE.toSeconds();
    String unit = Files.readString(Path.of("packaging/industriall-monitor.service"));
    String daemon = Files.readString(Path.of("docs/operations.md")); // "The daemon", moved there from README.md

    assertThat(unit).contains("the crawl in flight gets " + grace + " s to finish").contains("RestartPreventExitStatus=2 3 4 5");
    assertThat(daemon).contains("lets a crawl in flight finish\n  for up to " + grace + " seconds");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60) // a replica that did start would serve until stopped
  void aReplicaOnABusyPortSaysWhichPortInOneLineAndExitsTwo() {
    int busy = replica.baseUrl().getPort();

    CliRun taken = CliRun.of("replica", "--port", String.valueOf(busy));

    assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(taken.err()).as(taken.toString()).hasLineCount(1).contains("--port " + busy).contains("in use")
        .doesNotContain("Exception").doesNotContain("\tat ");

    CliRun outOfRange = CliRun.of("replica", "--port", "70000");

    assertThat(outOfRange.exitCode()).as(outOfRange.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(outOfRange.err()).as(outOfRange.toString()).hasLineCount(1).contains("--port 70000").doesNotContain("Exception");
  }

  private static String line(String[] lines, String start) {
    for (String line : lines) {
      if (line.startsWith(start)) {
        return line;
      }
    }
    throw new AssertionError("no line starts with " + start + " in\n" + String.join("\n", lines));
  }
}
