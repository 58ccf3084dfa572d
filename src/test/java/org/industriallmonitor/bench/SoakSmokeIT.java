package org.industriallmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.io.TempDir;

/** bench/soak --smoke (under a minute, one kill -9 and restart), so that the soak script cannot rot. */
class SoakSmokeIT {
  @TempDir Path dir;

  @Test
  void theSmokeSoakKillsAndRestartsTheDaemonAndEveryArticleIsArchivedAndAlertedOnce() throws Exception {
    Path out = dir.resolve("RESULTS.md");
    Files.writeString(out, "# Benchmark: kept as it is\n\n| a table | of bench/run |\n");
    Path log = dir.resolve("soak.log");
    ProcessBuilder command = new ProcessBuilder("bash", "bench/soak", "--smoke", "--no-build", "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // XChart from this test's own class path: no Maven inside Maven.
    command.environment().put("SOAK_CHART_CLASSPATH",
        Path.of(XYChart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    Process soak = command.start();

    assertThat(soak.waitFor(4, TimeUnit.MINUTES)).as("bench/soak finished").isTrue();

    String printed = Files.readString(log);
    assertThat(soak.exitValue()).as(printed).isZero();
    assertThat(printed).contains("[soak] PASS: ");
    String results = Files.readString(out);
    assertThat(results).startsWith("# Benchmark: kept as it is\n\n| a table | of bench/run |\n")
        .contains("<!-- soak: written by bench/soak -->\n## Soak (smoke, ")
        .contains("Restarts after `kill -9`: 1.")
        .contains("Verdict: **pass**.")
        .contains("![The soak's samples](soak.png)")
        .containsPattern("\\| resident memory \\(MB\\) \\| [\\d.]+ \\|")
        .containsPattern("\\| history rows \\| [\\d.]+ \\|")
        .endsWith("<!-- /soak -->\n");
    Matcher articles = Pattern.compile("Articles: (\\d+) published, (\\d+) archived exactly once .*, (\\d+) alerted exactly once")
        .matcher(results);
    assertThat(articles.find()).as(results).isTrue();
    assertThat(Integer.parseInt(articles.group(1))).isGreaterThan(5);
    assertThat(articles.group(2)).isEqualTo(articles.group(1));
    assertThat(articles.group(3)).isEqualTo(articles.group(1));
    // Faults were injected: a 503 burst reached the daemon and the receiver failed a request.
    assertThat(results).containsPattern("Webhook: \\d+ requests, [1-9]\\d* answered 500")
        .containsPattern("Site: [1-9]\\d* requests answered 503");
    // Two daemons were sampled (before and after the kill), in the samples' table.
    List<Long> daemons = Pattern.compile("^\\| \\d+ \\| (\\d+) \\|", Pattern.MULTILINE).matcher(results).results()
        .map(m -> Long.parseLong(m.group(1))).distinct().toList();
    assertThat(daemons).hasSize(2);
    assertThat(ImageIO.read(dir.resolve("soak.png").toFile()).getWidth()).isGreaterThan(600);
    // Nothing is left behind: no daemon, no state folder.
    assertThat(daemons).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    Matcher state = Pattern.compile("state in (\\S+)").matcher(printed);
    assertThat(state.find()).as(printed).isTrue();
    assertThat(Path.of(state.group(1))).doesNotExist();
  }
}
