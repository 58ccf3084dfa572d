package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.MonitorStatus;
import org.industriallmonitor.app.OnlineCheck;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.EarlyWarningConfig;
import org.industriallmonitor.config.Durations;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.parse.SiteUrls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code validate}: checks the configuration and shows what would be crawled. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks the configuration and prints what the monitor would crawl.",
        "With --online, also asks the site: its list of countries, and the first listing page of each configured country."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the configuration is valid (and, with --online, the site knows every configured country)",
        "1:with --online: a country is not in the site's list, or the site could not be read",
        "3:the configuration is missing or invalid (the message names file, line and key)"})
final class ValidateCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--online", description = "Also check the configured countries against the site (1 + one request per country, paced).")
  boolean online;

  @Override
  public Integer call() throws InterruptedException {
    MonitorConfig config = options.load();
    java.util.Optional<String> refusal = config.web().refusalIfAny();
    if (refusal.isPresent()) {
      throw new UserException(ExitCodes.CONFIG, "configuration error: " + refusal.get());
    }
    PrintWriter out = spec.commandLine().getOut();
    SiteUrls urls = new SiteUrls(config.site().baseUrl());
    int warnings = config.warnings().size();
    out.printf("%s is valid%s%n", config.source(), warnings == 0 ? "." : ", with " + warnings + (warnings == 1 ? " warning:" : " warnings:"));
    config.warnings().forEach(warning -> out.println("  warning: " + warning));
    out.printf("site: %s (User-Agent \"%s\", %s between requests, up to %d pages per country)%n",
        urls.base(), config.site().userAgent(), Durations.format(config.site().requestDelay()), config.site().maxPages());
    EarlyWarningConfig earlyWarning = config.site().earlyWarning();
    out.println(switch (earlyWarning.source()) {
      case OFF -> "early warning: off (the walks alone find new articles)";
      case RSS -> "early warning: " + urls.feed() + " every " + Durations.format(earlyWarning.every());
      case LATEST -> "early warning: " + urls.latest(0) + " every " + Durations.format(earlyWarning.every());
    });
    out.printf("storage: database %s, archive %s%n", config.storage().describeDatabase(), config.storage().archive());
    out.println(config.web().enabled()
        ? "web console (with run): http://" + config.web().listen() + "/" + (config.web().tokenIfSet().isPresent() ? ", a token is needed" : "")
        : "web console: off (web.enabled: false)");
    var learned = MonitorStatus.learnedSelectors(config.storage());
    out.println(MonitorStatus.selectorsLine(learned, config.site().configuredSelectors()));
    out.printf("countries (%d):%n", config.countries().size());
    for (CountryConfig country : config.countries()) {
      out.printf("  %s (region %d): %s%n", country.name(), country.region(), urls.listing(country.region(), 0, country.languages().get(0)));
      for (String language : country.languages().subList(1, country.languages().size())) {
        out.printf("    and in %s: %s%n", language, urls.listing(country.region(), 0, language));
      }
    }
    printChannels(config, out);
    out.flush();
    if (!online) {
      return ExitCodes.OK;
    }
    Map<String, String> sources = new java.util.HashMap<>();
    learned.keySet().forEach(key -> sources.put(key, "learned by calibrate"));
    config.site().configuredSelectors().forEach(key -> sources.put(key, "configured in " + config.source().getFileName()));
    OnlineCheck.Report report;
    try (Components parts = Components.of(config)) {
      report = OnlineCheck.run(parts, sources);
    }
    print(config, report, out);
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * What the user writes after a move: the id the site lists a gone country under now (found by its name or
   * an alias), or the candidates when several answer to it.
   */
  /** Each channel: the countries whose new articles it hears of, and its languages and filters in the configuration's words. */
  private static void printChannels(MonitorConfig config, PrintWriter out) {
    var notifications = config.notifications();
    if (notifications.channels().isEmpty()) {
      return;
    }
    out.printf("channels (%d):%n", notifications.channels().size());
    for (String id : notifications.channelIds()) {
      List<String> countries = config.countries().stream().filter(c -> c.channels().contains(id)).map(CountryConfig::name).toList();
      String languages = notifications.languages().containsKey(id) ? "; languages " + String.join(", ", notifications.languages().get(id)) : "";
      String filters = notifications.filter(id).describe(config.countries());
      out.printf("  %s: %s%s; %s%n", id, countries.isEmpty() ? "no country names it in notify:" : "hears of " + String.join(", ", countries),
          languages, filters.isEmpty() ? "no filters" : TerminalText.safe(filters));
    }
  }

  private static void moved(OnlineCheck.Finding f, Map<Integer, String> siteList, PrintWriter out) {
    if (f.namedLike().isEmpty()) {
      return;
    }
    CountryConfig country = f.country();
    String other = siteList.get(country.region());
    String gone = "  " + country.name() + ": region " + country.region() + (other == null ? " is gone from the site's country list; "
        : " names another country on the site now (\"" + TerminalText.safe(other) + "\"); ");
    if (f.movedTo().isPresent()) {
      int id = f.movedTo().get();
      out.println(gone + "the site lists " + TerminalText.safe(f.namedLike().get(id)) + " as " + id + ": write  " + country.yamlLine(id)
          + "  (the monitor follows it until then)");
      return;
    }
    StringBuilder named = new StringBuilder();
    f.namedLike().forEach((id, name) -> named.append(named.length() == 0 ? "" : ", ").append(id).append(" (\"")
        .append(TerminalText.safe(name)).append("\")"));
    out.println(gone + "the site lists " + f.namedLike().size() + " countries by that name: " + named
        + "; write the right one's id (`countries` lists them)");
  }

  private static String shorten(String s) {
    String line = s == null ? "" : s.replace("\n", " ");
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }

  private static void print(MonitorConfig config, OnlineCheck.Report report, PrintWriter out) {
    out.println();
    OnlineCheck.CountryList list = report.countryList();
    out.println(list.problem() == null
        ? "online: the site lists " + Plural.of(list.regions().size(), "country", "countries") + " (" + list.url() + ")"
        : "online: cannot read the site's list of countries: " + list.problem());
    for (MonitorStatus.SiteMoved move : MonitorStatus.siteMoves(config)) {
      out.println("  " + TerminalText.safe(MonitorStatus.siteMovedLine(move, config.source().toAbsolutePath())));
    }
    for (OnlineCheck.Finding f : report.countries()) {
      StringBuilder line = new StringBuilder("  " + f.country().name() + " (region " + f.country().region() + "): ");
      f.listed().ifPresent(listed -> line.append(listed ? "in the site's list" : "NOT in the site's list of countries").append("; "));
      f.movedTo().ifPresent(id -> line.append("as region ").append(id).append(": "));
      if (f.problem() != null) {
        line.append("its listing cannot be read: ").append(f.problem());
      } else {
        line.append(f.results() == null ? "a listing without a summary line" : Plural.of(f.results(), "result", "results"));
        if (f.firstTitle() != null) {
          line.append(", first \"").append(f.firstTitle()).append('"');
        }
      }
      if (f.warning() != null) {
        line.append("; ").append(f.warning());
      }
      out.println(line);
      moved(f, report.countryList().regions(), out);
    }
    report.source().ifPresent(s -> out.println(s.problem() != null
        ? "  early warning " + s.source() + ": " + s.problem()
            + "; set site.early_warning.source to " + (s.source().equals("rss") ? "latest" : "rss") + " (or off)"
        : s.items() == 0 ? "  early warning " + s.source() + ": " + s.url() + " links no article of the site; set"
            + " site.early_warning.source to " + (s.source().equals("rss") ? "latest" : "rss") + " (or off)"
        : "  early warning " + s.source() + ": " + s.url() + ", " + Plural.of(s.items(), "article", "articles") + " of the site,"
            + " the newest \"" + TerminalText.safe(shorten(s.firstTitle())) + "\""));
    report.selectors().forEach((url, findings) -> {
      out.println("  selectors on " + url + ":");
      for (OnlineCheck.SelectorFinding f : findings) {
        out.printf("    %-20s %-45s %-26s %s%n", f.key(), "\"" + f.selector() + "\"", f.source(), f.count() == 0 ? "FOUND NOTHING"
            : Plural.of(f.count(), "element", "elements") + ", first \"" + TerminalText.safe(shorten(f.first())) + "\"");
      }
    });
    if (report.countryList().problem() != null || !report.countries().stream().allMatch(OnlineCheck.Finding::ok)) {
      out.println("`countries` prints the site's list with the region ids to use.");
    }
    out.flush();
  }
}
