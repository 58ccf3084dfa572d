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
}
