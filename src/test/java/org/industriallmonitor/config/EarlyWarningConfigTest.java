package org.industriallmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code site.early_warning.max_items}: how many unknown items one poll fetches at most. */
class EarlyWarningConfigTest {
  private static final Path FILE = Path.of("config/monitor.yaml");
  private final ConfigLoader loader = new ConfigLoader(name -> null);

  private static String yaml(String earlyWarning) {
    return "site:\n  base_url: https://www.industriall-union.org\n  user_agent: \"industriall-monitor/0.1 (+mailto:ops@solidarity.network)\"\n"
        + earlyWarning + "countries:\n  - {name: Kyrgyzstan, region: 364}\n";
  }

  @Test
  void maxItemsDefaultsToFiftyAndIsRead() {
    assertThat(loader.parse(FILE, yaml("")).site().earlyWarning().maxItems()).isEqualTo(50);
    assertThat(loader.parse(FILE, yaml("  early_warning: {source: rss, max_items: 5}\n")).site().earlyWarning().maxItems()).isEqualTo(5);
    assertThat(loader.parse(FILE, yaml("  early_warning:\n    max_items: 1\n")).site().earlyWarning().maxItems()).isEqualTo(1);
  }

  @Test
  void maxItemsMustBeAPositiveWholeNumberNamingFileLineAndKey() {
    assertThatThrownBy(() -> loader.parse(FILE, yaml("  early_warning:\n    max_items: 0\n")))
        .hasMessage("config/monitor.yaml:5: site.early_warning.max_items: must be a positive whole number"
            + " (the most unknown items one poll fetches), got 0");
    assertThatThrownBy(() -> loader.parse(FILE, yaml("  early_warning:\n    source: rss\n    max_items: -3\n")))
        .hasMessageStartingWith("config/monitor.yaml:6: site.early_warning.max_items: must be a positive whole number");
    assertThatThrownBy(() -> loader.parse(FILE, yaml("  early_warning:\n    max_items: many\n")))
        .hasMessage("config/monitor.yaml:5: site.early_warning.max_items: expected a whole number, got 'many'");
    assertThatThrownBy(() -> loader.parse(FILE, yaml("  early_warning:\n    max_items: 2.5\n")))
        .hasMessage("config/monitor.yaml:5: site.early_warning.max_items: expected a whole number, got '2.5'");
    assertThatThrownBy(() -> loader.parse(FILE, yaml("  early_warning:\n    max_items: 99999999999\n")))
        .hasMessageStartingWith("config/monitor.yaml:5: site.early_warning.max_items: expected a whole number");
  }
}
