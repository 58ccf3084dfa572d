package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.schedule.Daemon;
import org.industriallmonitor.web.ConsoleServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/** {@code run}: the daemon. Crawls each country on its schedule until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the monitor as a daemon, until SIGTERM or Ctrl-C.",
        "Each country is crawled on its schedule, and edits of the configuration file take effect within seconds."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped cleanly by SIGTERM or Ctrl-C", "3:the configuration is missing or invalid", "4:another monitor process uses the state folder", "5:the state or log folder, the database or the archive cannot be used"})
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
  static final Duration WATCH_PERIOD = Duration.ofSeconds(1);
  static final int CRAWL_THREADS = 4;

  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Override
  @SuppressWarnings("try") // the state lock is held for the whole command, never referenced
  public Integer call() throws Exception {
    CompletableFuture<OkHttpClient> http = Components.httpInBackground(); // while the configuration is read
    MonitorConfig config = options.load();
    Optional<String> refusal = config.web().refusalIfAny();
    if (refusal.isPresent()) {
      throw new UserException(ExitCodes.CONFIG, "configuration error: " + refusal.get());
    }
    Logging.toFile(options.logs, config.logging()); // read once: a reload of the configuration does not change it
    CommonOptions.warn(config, spec.commandLine().getErr());
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    Signal.handle(new Signal("INT"), signal -> stop.countDown());
    try (StateGuard.Lock lock = StateGuard.acquire(config, "run");
        Components parts = Components.builder(config).http(http).consoleMetrics(config.web().enabled()).build();
        StateGuard.Held node = StateGuard.checkIn(parts)) {
      parts.monitor().recoverFromCrash();
      parts.monitor().switchToIncrementalVacuum(); // before any crawl, console or delivery could wait for its rewrite
      parts.monitor().readSiteCountries(true); // where the site lists each country now, before the first walk and poll
      Daemon daemon = parts.daemon(CRAWL_THREADS, ConfigLoader.withSystemEnvironment(),
          next -> options.state == null ? next : next.withStorage(config.storage()));
      daemon.start(config, WATCH_PERIOD);
      Optional<ConsoleServer> console = parts.metrics().flatMap(metrics -> ConsoleServer.startOrReport(config.web(),
          () -> parts.monitor().config(), daemon::lastConfigProblem, parts.store(), parts.archive(), metrics, Clock.systemUTC()));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("industriall-monitor running (pid %d): %s, state %s, watching %s. Stop with Ctrl-C or SIGTERM.%n",
          ProcessHandle.current().pid(), Plural.of(config.countries().size(), "country", "countries"), lock.folder(),
          config.source());
      for (CountryConfig country : config.countries()) {
        out.printf("  %s (region %d): %s%n", country.name(), country.region(), country.schedule().describe());
      }
      if (config.web().enabled()) {
        out.println(console.map(c -> "Web console: " + c.url())
            .orElse("Web console: not serving (" + config.web().listen() + " cannot be used; see the log); the monitor goes on without it."));
      }
      out.flush();
      stop.await();
      console.ifPresent(ConsoleServer::close);
      log.info("stopping: no new crawls; waiting up to {} s for crawls in flight", Daemon.SHUTDOWN_GRACE.toSeconds());
      daemon.close();
      log.info("stopped cleanly");
    }
    return ExitCodes.OK;
  }
}
