package org.industriallmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile edits of the configuration of a running daemon: each is refused, the last good one stays. */
class ConfigWatcherTest {
  private static final String GOOD = "site: {base_url: \"https://www.industriall-union.org\"}\ncountries:\n  - {name: Kyrgyzstan, region: 364}\n";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"alias bomb", "10 MB file", "unset variable", "region not a number", "country twice", "not YAML"})
  void aHostileEditIsRefusedWithItsReasonAndNothingIsApplied(String edit) throws Exception {
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, GOOD);
    List<MonitorConfig> applied = new ArrayList<>();
    try (ConfigWatcher watcher = new ConfigWatcher(file, new ConfigLoader(name -> null), applied::add)) {
      watcher.start(java.time.Duration.ofHours(1));

      Files.writeString(file, hostile(edit));
      watcher.check();
      watcher.check();

      assertThat(applied).isEmpty();
      assertThat(watcher.lastProblem()).contains(file.toString()).contains(expectedProblem(edit));

      Files.writeString(file, GOOD.replace("364}", "364}\n  - {name: Kazakhstan, region: 169}"));
      watcher.check();
      watcher.check();

      assertThat(applied).hasSize(1);
      assertThat(applied.get(0).countries()).hasSize(2);
      assertThat(watcher.lastProblem()).isNull();
    }
  }

  @Test
  void aHalfWrittenFileIsNotJudgedUntilItHoldsStill() throws Exception {
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, GOOD);
    List<MonitorConfig> applied = new ArrayList<>();
    try (ConfigWatcher watcher = new ConfigWatcher(file, new ConfigLoader(name -> null), applied::add)) {
      watcher.start(java.time.Duration.ofHours(1));

      Files.writeString(file, "site: {base_url: \"https://www.indus");
      watcher.check();
      Files.writeString(file, GOOD + "  - {name: Kazakhstan, region: 169}\n");
      watcher.check();
      watcher.check();

      assertThat(watcher.lastProblem()).isNull();
      assertThat(applied).hasSize(1);
    }
  }

  private static String hostile(String edit) {
    return switch (edit) {
      case "alias bomb" -> {
        StringBuilder bomb = new StringBuilder(GOOD).append("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
          bomb.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(8))
              .append("*a").append(i - 1).append("]\n");
        }
        yield bomb.toString();
      }
      case "10 MB file" -> GOOD + "# " + "x".repeat(10 * 1024 * 1024) + "\n";
      case "unset variable" -> GOOD.replace("https://www.industriall-union.org", "${SITE_URL}");
      case "region not a number" -> GOOD.replace("region: 364", "region: kyrgyz");
      case "country twice" -> GOOD + "  - {name: Kyrgyzstan, region: 364}\n";
      default -> "site: [unclosed\n";
    };
  }

  private static String expectedProblem(String edit) {
    return switch (edit) {
      case "alias bomb" -> "values through its aliases";
      case "10 MB file" -> "a configuration may be at most 1024 KB";
      case "unset variable" -> "environment variable SITE_URL is not set";
      case "region not a number" -> ":3: countries[0].region: expected a whole number, got 'kyrgyz'";
      case "country twice" -> "is listed twice (first at line 3)";
      default -> "invalid YAML";
    };
  }
}
