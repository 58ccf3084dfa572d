package org.industriallmonitor.cli;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.OnceRound;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.schedule.Daemon;
import org.industriallmonitor.web.ConsoleServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/**
 * {@code demo}: the whole product on this machine alone: the built-in replica of the site, a
 * webhook receiver, and the monitor with a state folder of its own.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Shows the monitor at work on this machine alone, in under a minute.",
        "Starts the built-in replica of the site and a local webhook receiver, crawls two countries (the baseline), "
            + "publishes a new article on the replica, and shows it detected, archived and alerted."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the demo ran through", "1:a step failed (the output says which)"})
final class DemoCommand implements Callable<Integer> {
  static final String SECRET_VARIABLE = "DEMO_WEBHOOK_SECRET";

  @Spec CommandSpec spec;

  @Option(names = "--state", paramLabel = "DIR", description = "Keep the demo's configuration, database and archive here (default: a new temporary folder).")
  Path state;

  @Option(names = "--keep-running", description = "Leave the daemon, the replica and the receiver running afterwards (Ctrl-C stops them).")
  boolean keepRunning;

  @Override
  @SuppressWarnings("try") // the state lock is held for the whole demo, never referenced
  public Integer call() throws Exception {
    Logging.setLevel(Level.WARN);
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    Path dir = state != null ? Files.createDirectories(state) : Files.createTempDirectory("industriall-monitor-demo-");
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    ConfigLoader loader = new ConfigLoader(name -> name.equals(SECRET_VARIABLE) ? secret : System.getenv(name));
    CountDownLatch alerted = new CountDownLatch(1);

    out.println("industriall-monitor demo: the monitor against a replica of the IndustriALL site, on this machine only.");
    out.println();
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0);
        WebhookReceiver receiver = WebhookReceiver.start(secret, request -> {
          out.printf("   webhook alert received: %s, X-Monitor-Delivery %s, signature %s%n", request.event(), request.deliveryId(),
              request.signatureValid() ? "verified (" + abbreviate(request.signature()) + ")" : "INVALID");
          out.flush();
          if (request.signatureValid() && "article.new".equals(request.event())) {
            alerted.countDown();
          }
        })) {
      Path configFile = writeConfig(dir, replica, receiver);
      MonitorConfig config = loader.load(configFile);
      out.println("1. Started, all on 127.0.0.1:");
      out.printf("   replica of the site   %s  (%d countries, %d articles)%n", replica.baseUrl(), replica.catalog().countries().size(),
          replica.catalog().articleCount());
      out.printf("   webhook receiver      %s  (checks X-Monitor-Signature with a secret from ${%s})%n", receiver.url(), SECRET_VARIABLE);
      out.printf("   monitor state         %s  (configuration: %s)%n", dir, configFile.getFileName());
      out.println();
      try (StateGuard.Lock lock = StateGuard.acquire(config, "demo");
          Components parts = Components.builder(config).consoleMetrics(keepRunning).build()) {
        OnceRound round = parts.onceRound();
        round.showProgress(TerminalProgress.forConsole());
        out.println("2. The first crawl of each country is its baseline: what is there is archived, without alerts.");
        out.println("   So is the first poll of the early warning (the site's newest articles, /rss.xml).");
        if (!poll(round, out) || !crawlAll(round, config, out)) {
          return ExitCodes.FAILED;
        }
        out.println();
        ReplicaArticle fresh = replica.catalog().publishNew(List.of(364, 169), LocalDate.now(), 4);
        out.println("3. The replica publishes a new article, listed under Kyrgyzstan and Kazakhstan:");
        out.printf("   \"%s\"%n", fresh.title());
        out.println();
        out.println("4. The early warning's next poll finds exactly that article; the walks then find it known:");
        if (!poll(round, out) || !crawlAll(round, config, out)) {
          return ExitCodes.FAILED;
        }
        if (!showArchived(round, fresh, out)) {
          return ExitCodes.FAILED;
        }
        out.println();
        out.println("5. The alert goes out through the outbox to the webhook:");
        out.flush();
        OnceRound.Deliveries deliveries = round.deliver(Duration.ofSeconds(15));
        if (!alerted.await(15, TimeUnit.SECONDS)) {
          out.printf("   no alert arrived at the receiver (%s)%n", deliveries.summary());
          return ExitCodes.FAILED;
        }
        out.println();
        out.printf("Done in %.1f s. The demo's files stay in %s:%n", (System.nanoTime() - started) / 1e9, dir);
        out.println("  monitor.yaml (its configuration), monitor.db (SQLite), archive/ (the texts and their sidecars).");
        out.printf("See what the monitor knows: %s status --config %s%n", Invocation.jarCommand(), configFile);
        out.flush();
        if (keepRunning) {
          keepRunning(lock, parts, config, loader, configFile, replica, out);
        }
      }
    }
    return ExitCodes.OK;
  }

  private static boolean poll(OnceRound round, PrintWriter out) throws InterruptedException {
    Optional<OnceRound.Report> report = round.pollEarlyWarning();
    report.ifPresent(r -> {
      out.println("   " + TerminalText.safe(r.summary()));
      r.problems().forEach(problem -> out.println("     error: " + TerminalText.safe(problem)));
    });
    out.flush();
    return report.map(OnceRound.Report::succeeded).orElse(true);
  }

  private static boolean crawlAll(OnceRound round, MonitorConfig config, PrintWriter out) throws InterruptedException {
    boolean ok = true;
    for (CountryConfig country : config.countries()) {
      OnceRound.Report report = round.crawl(country);
      out.println("   " + TerminalText.safe(report.summary()));
      report.problems().forEach(problem -> out.println("     error: " + TerminalText.safe(problem)));
      out.flush();
      ok &= report.succeeded();
    }
    return ok;
  }

  private static boolean showArchived(OnceRound round, ReplicaArticle fresh, PrintWriter out) throws IOException {
    Optional<Path> archived = round.archivedFile(fresh.slug());
    if (archived.isEmpty()) {
      out.println("   the new article was not archived");
      return false;
    }
    Path file = archived.get();
    out.printf("   new article detected: %s%n", fresh.title());
    out.printf("   archived as %s%n", file);
    for (String line : Files.readAllLines(file).subList(0, 6)) {
      out.println(("   | " + (line.length() > 100 ? line.substring(0, 99) + "…" : line)).stripTrailing()); // no trailing blanks
    }
    out.println("   | ...");
    out.flush();
    return true;
  }

  private void keepRunning(StateGuard.Lock lock, Components parts, MonitorConfig config, ConfigLoader loader, Path configFile,
      ReplicaServer replica, PrintWriter out) throws Exception {
    Logging.setLevel(Level.INFO);
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    Signal.handle(new Signal("INT"), signal -> stop.countDown());
    Daemon daemon = parts.daemon(2, loader, next -> next);
    daemon.start(config, Duration.ofSeconds(1));
    // From here on this is a daemon: `status` shows it as one, with its next runs.
    lock.announceDemoDaemon();
    Optional<ConsoleServer> console = parts.metrics().flatMap(metrics -> ConsoleServer.startOrReport(config.web(),
        () -> parts.monitor().config(), daemon::lastConfigProblem, parts.store(), parts.archive(), metrics, Clock.systemUTC()));
    out.println();
    out.println("The daemon, the replica and the receiver keep running; Ctrl-C stops them. Try:");
    out.printf("  - Add a country to the demo's configuration (in another terminal):%n");
    out.printf("      printf '  - name: Uzbekistan\\n    region: 366\\n' >> %s%n", configFile);
    out.println("    and watch the daemon pick it up and crawl it within a few seconds.");
    out.printf("  - Publish another article: curl -X POST '%s/_replica/publish?region=364'%n", replica.baseUrl());
    out.println("    (the early warning's next poll, within 3 s, archives it and the receiver prints its alert).");
    out.printf("  - See the state: %s status --config %s%n", Invocation.jarCommand(), configFile);
    console.ifPresent(c -> out.printf("  - Open the web console: %s (search the archive, read an article, the Atom feed, /metrics)%n", c.url()));
    out.flush();
    stop.await();
    console.ifPresent(ConsoleServer::close);
    daemon.close();
  }

  private static Path writeConfig(Path dir, ReplicaServer replica, WebhookReceiver receiver) throws IOException {
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, """
        # The demo's configuration: the built-in replica of the site and a local webhook receiver.
        site:
          base_url: %s
          user_agent: "industriall-monitor-demo/0.1"
          request_delay: 0ms         # the replica is ours; be polite to the real site (2s)
          early_warning: {source: rss, every: 3s}   # for the real site: every 2m
        schedule:                    # for the real site: every 6h beside the early warning
          every: 15s
          jitter: 0ms
        storage:
          database: %s
          archive: %s
        notifications:
          once_timeout: 15s
          channels:
            - id: demo-hook
              type: webhook
              url: %s
              secret: ${%s}
        web:
          listen: 127.0.0.1:0          # a free port: the demo never takes a real daemon's 8470
        countries:                   # last, so that a country can be appended
          - name: Kyrgyzstan
            region: 364
          - name: Kazakhstan
            region: 169
        """.formatted(replica.baseUrl(), dir.resolve("monitor.db"), dir.resolve("archive"), receiver.url(), SECRET_VARIABLE));
    return file;
  }

  private static String abbreviate(String signature) {
    return signature == null ? "none" : signature.length() > 19 ? signature.substring(0, 19) + "…" : signature;
  }
}
