package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cds-training}: what the launcher runs once, in the background, with
 * {@code -XX:ArchiveClassesAtExit}: a baseline and an unchanged cycle of the built-in replica in a
 * temporary folder, then {@code status}, so that the JVM archives the classes a real cycle loads
 * and the next starts map them instead of loading them (class-data sharing).
 */
@Command(name = "cds-training", hidden = true, mixinStandardHelpOptions = true,
    description = "Launcher helper: crawls the built-in replica in a temporary folder, printing nothing, so that the JVM can"
        + " archive the classes a crawl loads.")
final class CdsTrainingCommand implements Callable<Integer> {
  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("industriall-monitor-cds-");
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0)) {
      Path config = dir.resolve("monitor.yaml");
      Files.writeString(config, "site:\n  base_url: " + replica.baseUrl() + "\n  user_agent: \"industriall-monitor-cds-training\"\n"
          + "  request_delay: 0ms\ncountries:\n  - {name: Kyrgyzstan, region: 364}\n  - {name: Kazakhstan, region: 169}\n"
          + "storage:\n  database: " + dir.resolve("state/monitor.db") + "\n  archive: " + dir.resolve("state/archive") + "\n");
      String logs = dir.resolve("logs").toString();
      int failed = 0;
      for (String[] command : new String[][] {
          {"once", "--config", config.toString(), "--logs", logs},
          {"once", "--config", config.toString(), "--logs", logs},
          {"status", "--config", config.toString()}}) {
        CommandLine cli = Main.commandLine(command);
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        failed += cli.execute(command) == ExitCodes.OK ? 0 : 1;
      }
      return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
