package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.OnceRound;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code once}: one crawl of every country (or one), then exit. */
@Command(name = "once", mixinStandardHelpOptions = true,
    description = {"Polls the early-warning source (site.early_warning), then crawls every configured country (or one: no poll then)"
        + " once, archives the new articles, and exits.",
        "Then delivers the alerts it queued, retrying for up to notifications.once_timeout (20s)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every crawl succeeded (and no delivery was dead-lettered)", "1:a crawl failed or a delivery was dead-lettered", "2:unknown --country", "3:the configuration is missing or invalid", "4:a daemon uses the state folder", "5:the state or log folder, the database or the archive cannot be used"})
final class OnceCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--country", paramLabel = "NAME", description = "Crawl only this country (name or region id).")
  String country;

  @Option(names = "--verbose", description = "Show the log lines (every article archived) on standard error, instead of progress bars on a terminal;"
      + " without it they go to the log file only (with logging.file: false, to standard error always).")
  boolean verbose;

  @Override
  @SuppressWarnings("try") // the state lock is held for the whole command, never referenced
  public Integer call() throws IOException, InterruptedException {
    CompletableFuture<OkHttpClient> http = Components.httpInBackground(); // while the configuration is read
    MonitorConfig config = options.load();
    Logging.toFile(options.logs, config.logging());
    // Without a log file (logging.file: false) the log lines have only standard error: shown as with --verbose.
    boolean verbose = this.verbose || !config.logging().file();
    List<CountryConfig> countries = country == null ? config.countries() : List.of(CountryArgument.configured(config, country));
    PrintWriter out = spec.commandLine().getOut();
    // The log lines go to the log file only, unless --verbose: each result is printed once, as a line
    // of its own on standard output, not again as a log line on standard error (which cron mails too).
    try (Logging.QuietConsole logged = verbose ? null : Logging.quietConsole();
        StateGuard.Lock lock = StateGuard.acquire(config, "once");
        Components parts = Components.builder(config).http(http).build();
        StateGuard.Held node = StateGuard.checkIn(parts)) {
      CommonOptions.warn(config, spec.commandLine().getErr()); // printed, and logged to the file only
      OnceRound round = parts.onceRound();
      round.recoverFromCrash();
      round.switchToIncrementalVacuum();
      round.readSiteCountries();
      // As many countries at once as requests may be in flight to the site; the pacer keeps the limits.
      int parallel = Math.min(config.site().maxConnectionsPerHost(), countries.size());
      // A person at a terminal sees progress bars too (one country at a time); the details are in the log file.
      if (!verbose && parallel == 1) {
        round.showProgress(TerminalProgress.forConsole());
      }
      if (country == null) {
        // The source first: what it archives, the walks then find known.
        Optional<OnceRound.Report> polled = round.pollEarlyWarning();
        if (polled.isPresent() && polled.get().storageFailure() != null) {
          throw new UserException(ExitCodes.STORAGE, "storage error: " + polled.get().storageFailure());
        }
        polled.ifPresent(report -> print(out, report));
      }
      Outcome crawled = crawl(round, countries, parallel, out);
      if (crawled.storageFailure() != null) {
        // The disk refused a write: no delivery could be marked either. One line, exit 5.
        throw new UserException(ExitCodes.STORAGE, "storage error: " + crawled.storageFailure());
      }
      boolean allSucceeded = crawled.allSucceeded();
      if (country == null) {
        // Last: the articles that are due are fetched again, to follow corrections and withdrawals.
        OnceRound.Rechecks rechecked = round.recheck();
        if (rechecked.checked() > 0) {
          out.println(rechecked.summary());
          rechecked.errors().forEach(error -> out.println("  error: " + TerminalText.safe(error)));
          out.flush();
        }
      }
      if (!config.notifications().channels().isEmpty()) {
        OnceRound.Deliveries deliveries = round.deliver(config.notifications().onceTimeout());
        out.println(deliveries.summary() + (deliveries.pending() > 0
            ? " (pending deliveries are retried by the next `once` or by `run`; `status` shows them)" : ""));
        out.flush();
        allSucceeded &= deliveries.dead() == 0;
      }
      // At its end, as the daemon does every storage.prune_every: logged only, never changing the exit code.
      round.pruneHistory();
      if (logged != null && logged.warnings() > 0) {
        out.printf("%s logged: see %s (or run with --verbose)%n", Plural.of(logged.warnings(), "warning", "warnings"),
            options.logs.resolve(Logging.FILE_NAME));
        out.flush();
      }
      return allSucceeded ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** Whether every crawl succeeded, and the storage failure that stopped them, if one did. */
  private record Outcome(boolean allSucceeded, String storageFailure) {}

  /**
   * Crawls the countries, {@code parallel} at a time, printing each report as it comes. A
   * storage failure (a full disk) stops the countries still waiting: nothing could be kept.
   */
  private static Outcome crawl(OnceRound round, List<CountryConfig> countries, int parallel, PrintWriter out)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      CompletionService<OnceRound.Report> done = new ExecutorCompletionService<>(pool);
      List<Future<OnceRound.Report>> crawls = new ArrayList<>();
      for (CountryConfig country : countries) {
        crawls.add(done.submit(() -> round.crawl(country)));
      }
      boolean allSucceeded = true;
      for (int i = 0; i < countries.size(); i++) {
        OnceRound.Report report;
        try {
          report = done.take().get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException(e.getCause());
        }
        synchronized (out) {
          print(out, report);
        }
        allSucceeded &= report.succeeded();
        if (report.storageFailure() != null) {
          crawls.forEach(crawl -> crawl.cancel(false));
          return new Outcome(false, report.storageFailure());
        }
      }
      return new Outcome(allSucceeded, null);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void print(PrintWriter out, OnceRound.Report report) {
    out.println(TerminalText.safe(report.summary()));
    report.problems().forEach(problem -> out.println("  error: " + TerminalText.safe(problem)));
    report.notes().forEach(note -> out.println("  note: " + TerminalText.safe(note)));
    out.flush();
  }
}
