package org.industriallmonitor.cli;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;

/** A country or a language named on the command line ({@code --country}, {@code --lang}), or a usage error listing the known ones. */
final class CountryArgument {
  private CountryArgument() {}

  /** The configured country {@code nameOrRegion} names (its name in any case, or its region id); exit 2 otherwise. */
  static CountryConfig configured(MonitorConfig config, String nameOrRegion) {
    return config.country(nameOrRegion).orElseThrow(() -> unknown(config, nameOrRegion, List.of()));
  }

  /**
   * The usage error for a country that is not configured: it names the value and lists the
   * configured countries, then {@code elsewhere} (the archive's others, say) when there are some.
   */
  static UserException unknown(MonitorConfig config, String nameOrRegion, Collection<String> elsewhere) {
    return new UserException(ExitCodes.USAGE, "no country '" + nameOrRegion + "' in " + config.source() + "; configured: "
        + String.join(", ", config.countries().stream().map(CountryConfig::name).toList())
        + (elsewhere.isEmpty() ? "" : "; in the archive too: " + String.join(", ", elsewhere)));
  }

  /** One of the site's languages ({@code en}, {@code es}, ...), in lower case; exit 2 for another. */
  static String language(String language) {
    String code = language.strip().toLowerCase(Locale.ROOT);
    if (!CountryConfig.SITE_LANGUAGES.contains(code)) {
      throw new UserException(ExitCodes.USAGE, "no language '" + language + "' on the site; its languages: "
          + String.join(", ", CountryConfig.SITE_LANGUAGES));
    }
    return code;
  }
}
