package org.industriallmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A channel's filters that cannot work are configuration errors naming file, line, key and what is wrong. */
class ChannelFilterConfigTest {
  private static final Path FILE = Path.of("monitor.yaml");
  private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

  /** A channel whose line 7 is {@code KEY: VALUE} (VALUE as YAML writes it). */
  private static String yaml(String key, String value) {
    return "site:\n"
        + "  base_url: https://www.industriall-union.org\n"
        + "notifications:\n"
        + "  channels:\n"
        + "    - id: desk\n"
        + "      type: webhook\n"
        + "      " + key + ": " + value + "\n"
        + "      url: https://hooks.example.org/desk\n"
        + "countries:\n"
        + "  - {name: Kyrgyzstan, region: 364}\n"
        + "  - {name: Kazakhstan, region: 169}\n";
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("match", "'\"copper miners'", "a quote is not closed"),
        Arguments.of("match", "'\"\"'", "the query is empty"),
        Arguments.of("match", "''", "the query is empty"),
        Arguments.of("match", "", "the query is empty"),
        Arguments.of("exclude", "", "the query is empty"),
        Arguments.of("match", "strike OR", "OR needs a word or phrase on each side"),
        Arguments.of("match", "OR strike", "OR needs a word or phrase on each side"),
        Arguments.of("exclude", "-strike -lockout", "the query only excludes (-word): add a word to look for"));
  }

  @ParameterizedTest
  @MethodSource("badQueries")
  void aQueryThatIsNotOneIsAnErrorOfItsKeyAndLine(String key, String value, String problem) {
    assertThatThrownBy(() -> loader.parse(FILE, yaml(key, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("monitor.yaml:7: notifications.channels[0]." + key + ": ")
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"themes | give at least one theme", "countries | give at least one country"})
  void aListWrittenEmptyIsAnErrorNotEveryArticle(String key, String problem) {
    for (String empty : new String[] {"", "[]"}) {
      assertThatThrownBy(() -> loader.parse(FILE, yaml(key, empty)))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("monitor.yaml:7: notifications.channels[0]." + key + ": " + problem);
    }
  }

  @Test
  void anUnknownThemeIsAnErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> loader.parse(FILE, yaml("themes", "[Health and safety, Basket weaving]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("monitor.yaml:7: notifications.channels[0].themes[1]: unknown theme 'Basket weaving': "
            + "the themes known by name are ")
        .hasMessageContaining("Health and safety").hasMessageContaining("add it to site.themes");
  }

  @Test
  void anUnknownCountryIsAnErrorListingTheConfiguredOnes() {
    assertThatThrownBy(() -> loader.parse(FILE, yaml("countries", "[Kyrgyzstan, Atlantis]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("monitor.yaml:7: notifications.channels[0].countries[1]: no configured country is 'Atlantis'")
        .hasMessageContaining("configured: Kyrgyzstan, Kazakhstan");
  }

  @Test
  void goodFiltersAreRead() {
    MonitorConfig config = loader.parse(FILE, yaml("match", "'\"copper miners\" OR cobalt -gold'").replace("      url:",
        "      exclude: lockout\n      themes: [health and safety, 1201]\n      countries: [kazakhstan]\n      url:"));

    ChannelFilter filter = config.notifications().filter("desk");
    assertThat(filter.text().match().typed()).isEqualTo("\"copper miners\" OR cobalt -gold");
    assertThat(filter.text().exclude().typed()).isEqualTo("lockout");
    assertThat(filter.themes()).hasSize(2);
    assertThat(filter.passesCountries(Set.of(169))).isTrue();
    assertThat(filter.passesCountries(Set.of(364))).isFalse();
  }
}
