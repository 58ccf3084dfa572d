package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a cron job would run it: baseline, then a new article, then nothing. */
class OnceJarIT {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void onceFromThePackagedJar() throws Exception {
    TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);

    try (JarProcess baseline = JarProcess.start(dir, "once")) {
      assertThat(baseline.waitFor(60)).as(baseline.toString()).isZero();
      assertThat(baseline.out()).contains("Kyrgyzstan (region 364): pages 3, seen 27, new 27, archived 27, errors 0, baseline")
          .contains("Kazakhstan (region 169): pages 6, seen 55, new 54, archived 54, errors 0, baseline");
    }
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364, 169), LocalDate.now(), 0);
    try (JarProcess next = JarProcess.start(dir, "once")) {
      assertThat(next.waitFor(60)).as(next.toString()).isZero();
      // The early warning finds it first; the walks then find it known in both countries.
      assertThat(next.out()).containsPattern("(?m)^early warning rss: 20 items, new 1, archived 1, errors 0 in [\\d.]+s$")
          .contains("Kyrgyzstan (region 364): pages 3, seen 28, new 0, archived 0, errors 0")
          .contains("Kazakhstan (region 169): pages 6, seen 56, new 0, archived 0, errors 0");
    }
    assertThat(Files.readString(dir.resolve("logs/monitor.log"))).contains("archived " + fresh.title());
  }

  /**
   * Cron mails what a job prints, standard output and error together: each result line once,
   * the log lines in the log file only (a process's captured output is not a terminal).
   */
  @Test
  void outsideATerminalEachResultLineIsPrintedOnceAndTheLogLinesGoToTheLogFileOnly() throws Exception {
    TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Atlantis", 99999).writeTo(dir);

    try (JarProcess once = JarProcess.start(dir, "once")) {
      assertThat(once.waitFor(60)).as(once.toString()).isEqualTo(ExitCodes.FAILED);
      String mailed = once.out() + once.err();
      assertThat(occurrences(mailed, "early warning rss: 20 items taken as the baseline")).as(once.toString()).isEqualTo(1);
      assertThat(occurrences(mailed, "Kyrgyzstan (region 364): pages 3, seen 27, new 27, archived 27, errors 0, baseline")).as(once.toString()).isEqualTo(1);
      assertThat(occurrences(mailed, "Atlantis (region 99999): pages 1")).as(once.toString()).isEqualTo(1);
      assertThat(occurrences(mailed, "region 99999 is not in the site's list of countries")).as(once.toString()).isEqualTo(1);
      assertThat(once.out()).contains("Kyrgyzstan (region 364): pages 3").contains("  error: region 99999 is not in")
          .contains("1 warning logged: see " + Path.of("logs").resolve("monitor.log"));
      assertThat(once.err()).as(once.toString()).doesNotContain(" INFO ").doesNotContain(" WARN ")
          .doesNotContain("archived Kyrgyzstan's ongoing struggle");
    }
    assertThat(Files.readString(dir.resolve("logs/monitor.log"))).contains("archived Kyrgyzstan's ongoing struggle")
        .contains("crawl Kyrgyzstan (region 364)").contains("WARN  [").contains("crawl Atlantis (region 99999)");

    try (JarProcess verbose = JarProcess.start(dir, "once", "--verbose")) {
      assertThat(verbose.waitFor(60)).as(verbose.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(verbose.err()).as("--verbose shows the log lines").contains(" INFO ").contains("crawl Kyrgyzstan (region 364)");
      assertThat(verbose.out()).doesNotContain("logged: see");
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
