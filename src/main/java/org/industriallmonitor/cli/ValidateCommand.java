package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.Durations;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.parse.SiteUrls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code validate}: checks the configuration and shows what would be crawled. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks the configuration and prints what the monitor would crawl."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the configuration is valid", "3:it is missing or invalid (the message names file, line and key)"})
final class ValidateCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    MonitorConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    SiteUrls urls = new SiteUrls(config.site().baseUrl());
    out.printf("%s is valid%s%n", config.source(), config.warnings().isEmpty() ? "." : ", with " + config.warnings().size()
        + (config.warnings().size() == 1 ? " warning:" : " warnings:"));
    config.warnings().forEach(warning -> out.println("  warning: " + warning));
    out.printf("site: %s (User-Agent \"%s\", %s between requests, up to %d pages per country)%n",
        urls.base(), config.site().userAgent(), Durations.format(config.site().requestDelay()), config.site().maxPages());
    out.printf("storage: database %s, archive %s%n", config.storage().database(), config.storage().archive());
    out.printf("countries (%d):%n", config.countries().size());
    for (CountryConfig country : config.countries()) {
      out.printf("  %s (region %d): %s%n", country.name(), country.region(), urls.listing(country.region(), 0));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
