package org.industriallmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench/run and bench/early-warning on a tiny site, so that the benchmark scripts cannot rot. */
class BenchSmokeIT {
  @TempDir Path dir;

  @Test
  void theBenchmarkScriptRunsAndWritesItsTable() throws Exception {
    Path out = dir.resolve("RESULTS.md");
    Path log = dir.resolve("bench.log");
    Process bench = new ProcessBuilder("bash", "bench/run", "--smoke", "--no-build", "--no-urlwatch", "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();

    assertThat(bench.waitFor(5, TimeUnit.MINUTES)).as("bench/run finished").isTrue();

    assertThat(bench.exitValue()).as(Files.readString(log)).isZero();
    String table = Files.readString(out);
    assertThat(table).startsWith("# Benchmark: industriall-monitor, urlwatch and the HTTP floor")
        .containsPattern("\\| industriall-monitor, baseline: .* \\| 36 \\| [\\d.]+ \\| \\d+ \\| [\\d.]+ \\| \\d+ \\| [\\d.]+x \\|")
        .containsPattern("\\| HTTP floor for the same requests \\| 36 \\|")
        .containsPattern("\\| industriall-monitor, unchanged cycle .* \\| 6 \\|")
        .containsPattern("\\| industriall-monitor, incremental: 1 new articles .* \\| 8 \\|")
        .containsPattern("\\| 4 \\| 8 \\| [\\d.]+ \\|")
        .contains("| target on this machine | result |");
  }

  @Test
  void theEarlyWarningBenchmarkRunsAndWritesItsSectionBesideTheOthers() throws Exception {
    Path out = dir.resolve("RESULTS.md");
    Files.writeString(out, "# Benchmark: kept as it is\n\n| a table | of bench/run |\n");
    Path log = dir.resolve("bench.log");
    Process bench = new ProcessBuilder("bash", "bench/early-warning", "--no-build", "--countries", "2", "--pages", "1", "--scale", "600",
        "--articles", "2", "--out", out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    assertThat(bench.waitFor(5, TimeUnit.MINUTES)).as("bench/early-warning finished").isTrue();

    assertThat(bench.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(out)).startsWith("# Benchmark: kept as it is\n\n| a table | of bench/run |\n")
        .contains("<!-- early-warning: written by bench/early-warning -->\n## Early warning against walks alone")
        .containsPattern("\\| walk-only: walks every 30m \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| 2 of 2 \\| 0 \\| 2 \\| 2 \\| 2.00 \\| \\d+ \\|")
        .containsPattern("\\| early warning every 2m \\(rss\\), walks every 6h \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| 2 of 2 \\| \\d+ \\| 2 \\| 2 \\| 0.17 \\| \\d+ \\|")
        .endsWith("<!-- /early-warning -->\n");
  }
}
