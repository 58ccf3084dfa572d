package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.OnlineCheck;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.parse.SiteDates;
import org.industriallmonitor.parse.SiteUrls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code countries}: the site's country list as YAML lines ready to paste into the configuration. */
@Command(name = "countries", mixinStandardHelpOptions = true,
    description = "Reads the list of countries from the site and prints them as YAML lines for the countries: section.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", "1:the site could not be read", "2:an unknown --language", "3:the configuration is missing or invalid"})
final class CountriesCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--language", paramLabel = "LANG", defaultValue = "en",
      description = "The language of the site's country list: en, es, fr or ru (default: ${DEFAULT-VALUE}).")
  String language;

  @Override
  public Integer call() throws InterruptedException {
    if (!SiteDates.LANGUAGES.contains(language)) {
      throw new UserException(ExitCodes.USAGE, "--language " + language + ": the site publishes in " + String.join(", ", SiteDates.LANGUAGES));
    }
    MonitorConfig config = options.load();
    SiteUrls urls = new SiteUrls(config.site().baseUrl());
    PrintWriter out = spec.commandLine().getOut();
    try (Components parts = Components.of(config)) {
      OnlineCheck.CountryList list = OnlineCheck.countryList(parts, language);
      if (list.problem() != null) {
        spec.commandLine().getErr().println("cannot read the country list: " + list.problem());
        return ExitCodes.FAILED;
      }
      Map<Integer, String> regions = list.regions();
      out.printf("# %s on %s%s; paste the ones to monitor under countries: in %s%n", Plural.of(regions.size(), "country", "countries"),
          urls.base(), language.equals("en") ? "" : " (names in " + language + ")", config.source());
      regions.forEach((region, name) -> out.printf("  - {name: %s, region: %d}%n", yamlString(name), region));
      out.flush();
      return ExitCodes.OK;
    }
  }

  static String yamlString(String value) {
    if (value.matches("[A-Za-z][A-Za-z0-9 .()'-]*") && !value.endsWith(" ")) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
