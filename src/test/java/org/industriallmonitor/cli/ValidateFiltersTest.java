package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** validate on a channel filter that cannot work: one line naming file, line, key and the problem; the configuration's exit code. */
class ValidateFiltersTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "match: '\"copper miners'       | match: a quote is not closed",
      "exclude: -strike               | exclude: the query only excludes (-word)",
      "match: strike OR               | match: OR needs a word or phrase on each side",
      "themes: [Basket weaving]       | themes[0]: unknown theme 'Basket weaving'",
      "countries: [Atlantis]          | countries[0]: no configured country is 'Atlantis'",
  })
  void aBadFilterIsOneLineOfConfigurationErrorWithoutAStackTrace(String line, String problem) throws Exception {
    Path config = TestConfig.site(java.net.URI.create("http://127.0.0.1:9")).country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n    - id: desk\n      type: webhook\n      url: http://127.0.0.1:9/hook\n      " + line + "\n")
        .writeTo(dir);
    int lineNumber = Files.readAllLines(config).indexOf("      " + line) + 1;

    CliRun run = CliRun.of("validate", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).startsWith("configuration error: " + config + ":" + lineNumber + ": notifications.channels[0]." + problem);
    assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void validatePrintsWhatEachChannelHearsOf() {
    Path config = TestConfig.site(java.net.URI.create("http://127.0.0.1:9")).country("Kyrgyzstan", 364).country("Kazakhstan", 169)
        .topLevel("notifications:\n  channels:\n"
            + "    - {id: desk, type: webhook, url: \"http://127.0.0.1:9/hook\", match: 'cobalt OR \"gold mine\"', exclude: football,"
            + " themes: [Trade union rights, 1187], countries: [Kazakhstan], languages: [en, fr]}\n"
            + "    - {id: plain, type: webhook, url: \"http://127.0.0.1:9/other\"}\n")
        .writeTo(dir);

    CliRun run = CliRun.of("validate", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("channels (2):\n"
        + "  desk: hears of Kyrgyzstan, Kazakhstan; languages en, fr; match: cobalt OR \"gold mine\", exclude: football,"
        + " themes: [Trade union rights, 1187], countries: [Kazakhstan]\n"
        + "  plain: hears of Kyrgyzstan, Kazakhstan; no filters\n");
  }
}
