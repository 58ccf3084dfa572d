package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.notify.DeliveryReport;
import org.industriallmonitor.store.StateLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code once}: one crawl of every country (or one), then exit. */
@Command(name = "once", mixinStandardHelpOptions = true,
    description = {"Crawls every configured country (or one) once, archives the new articles, and exits.",
        "Then delivers the alerts it queued, retrying for up to notifications.once_timeout (20s)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every crawl succeeded (and no delivery was dead-lettered)", "1:a crawl failed or a delivery was dead-lettered", "2:unknown --country", "3:the configuration is missing or invalid", "4:a daemon uses the state folder", "5:the database or archive cannot be used"})
final class OnceCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--country", paramLabel = "NAME", description = "Crawl only this country (name or region id).")
  String country;

  @Override
  @SuppressWarnings("try") // the state lock is held for the whole command, never referenced
  public Integer call() throws IOException, InterruptedException {
    MonitorConfig config = options.load();
    Logging.toFile(options.logs);
    List<CountryConfig> countries = country == null ? config.countries() : List.of(config.country(country)
        .orElseThrow(() -> new UserException(ExitCodes.USAGE, "no country '" + country + "' in " + config.source()
            + "; configured: " + String.join(", ", config.countries().stream().map(CountryConfig::name).toList()))));
    PrintWriter out = spec.commandLine().getOut();
    try (StateLock lock = StateGuard.acquire(config, "once");
        MonitorContext context = MonitorContext.open(config, Clock.systemUTC())) {
      context.recoverFromCrash();
      context.setProgress(TerminalProgress.forConsole());
      boolean allSucceeded = true;
      for (CountryConfig c : countries) {
        CrawlReport report = context.crawl(c);
        print(out, report);
        allSucceeded &= report.succeeded();
      }
      if (!config.notifications().channels().isEmpty()) {
        DeliveryReport deliveries = context.dispatcher().drain(config.notifications().onceTimeout(), Duration.ofSeconds(1));
        out.println(deliveries.summaryLine() + (deliveries.pending() > 0
            ? " (pending deliveries are retried by the next `once` or by `run`; `status` shows them)" : ""));
        out.flush();
        allSucceeded &= deliveries.dead() == 0;
      }
      return allSucceeded ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private static void print(PrintWriter out, CrawlReport report) {
    out.println(report.summaryLine());
    report.problems().forEach(problem -> out.println("  error: " + problem));
    report.notes().forEach(note -> out.println("  note: " + note));
    out.flush();
  }
}
