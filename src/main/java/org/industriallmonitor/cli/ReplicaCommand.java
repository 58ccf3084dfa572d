package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.industriallmonitor.config.Durations;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaCountry;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.replica.ReplicaTheme;
import org.industriallmonitor.replica.WebhookReceiver;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code replica}: serves the built-in replica of the site, for trying the monitor by hand. */
@Command(name = "replica", mixinStandardHelpOptions = true,
    description = {"Serves the built-in replica of the site on 127.0.0.1 until stopped (Ctrl-C).",
        "Point site.base_url of a configuration at the address it prints."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "2:--port is taken or not a port (or another option is wrong)"})
final class ReplicaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: a free port).", defaultValue = "0")
  int port;

  @Option(names = "--publish-every", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Publish a new article in a random country this often (e.g. 60s).")
  Duration publishEvery;

  @Option(names = "--countries", paramLabel = "N", description = "Serve a generated site of N countries instead of the fixtures.")
  Integer countries;

  @Option(names = "--pages", paramLabel = "N", defaultValue = "6", description = "Pages per country of a generated site (default: ${DEFAULT-VALUE}).")
  int pages;

  @Option(names = "--theme", paramLabel = "NAME", defaultValue = "contract",
      description = "The markup: contract, wordpress or bare (default: ${DEFAULT-VALUE}); POST /_replica/theme?name=NAME changes it while serving.")
  String theme;

  @Option(names = "--webhook-receiver", paramLabel = "SECRET",
      description = "Also start a webhook receiver that checks signatures made with SECRET, and print its address.")
  String receiverSecret;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UserException(ExitCodes.USAGE, "--port " + port + " is not a port: give one from 1 to 65535, or leave --port out for a free one");
    }
    ReplicaCatalog catalog = countries == null ? ReplicaCatalog.standard() : ReplicaCatalog.synthetic(countries, pages);
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
    ReplicaTheme markup;
    try {
      markup = ReplicaTheme.named(theme);
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    }
    ReplicaServer started;
    try {
      started = ReplicaServer.start(catalog, port);
    } catch (BindException e) {
      // Taken by another program (or a privileged port): say which, and how to choose.
      throw new UserException(ExitCodes.USAGE, "--port " + port + ": cannot listen on 127.0.0.1:" + port + " ("
          + (e.getMessage() == null ? "in use" : e.getMessage().toLowerCase(java.util.Locale.ROOT))
          + "); choose another port, or leave --port out for a free one");
    }
    ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
    try (ReplicaServer replica = started;
        WebhookReceiver receiver = receiverSecret == null ? null : WebhookReceiver.start(receiverSecret, r -> {
          int n = received.incrementAndGet();
          // The path tells channels apart (give each its own: /hook/team, /hook/mining), the title what it was about.
          out.printf("webhook %d on %s: %s%s, X-Monitor-Delivery %s, signature %s%n", n, TerminalText.safe(r.path()), r.event(),
              titleOf(r.body()), r.deliveryId(), r.signatureValid() ? "verified" : "INVALID (not made with the receiver's secret)");
          out.flush();
        })) {
      replica.theme(markup);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      if (receiver != null) {
        out.printf("Webhook receiver at %s%n", receiver.url());
      }
      out.printf("Replica of the site at %s (%d countries, %d articles, %s markup)%n", replica.baseUrl(), catalog.countries().size(),
          catalog.articleCount(), markup.id());
      for (ReplicaCountry c : catalog.countries().subList(0, Math.min(5, catalog.countries().size()))) {
        out.printf("  - {name: %s, region: %d}%n", c.name(), c.region());
      }
      out.printf("Publish an article by hand: curl -X POST '%s/_replica/publish?region=%d'%n", replica.baseUrl(),
          catalog.countries().get(0).region());
      out.flush();
      if (publishEvery != null) {
        publisher.scheduleAtFixedRate(() -> {
          List<ReplicaCountry> all = catalog.countries();
          ReplicaCountry c = all.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(all.size()));
          ReplicaArticle a = catalog.publishNew(List.of(c.region()), LocalDate.now(), 3);
          out.printf("published in %s: %s/%s%n", c.name(), replica.baseUrl(), a.slug());
          out.flush();
        }, publishEvery.toMillis(), publishEvery.toMillis(), TimeUnit.MILLISECONDS);
      }
      stopped.await();
    } finally {
      publisher.shutdownNow();
    }
    return ExitCodes.OK;
  }

  /** Reads the durations of the YAML ({@code 300ms}, {@code 2s}, ...) on the command line. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value)
          .orElseThrow(() -> new IllegalArgumentException("expected a duration such as 300ms, 2s, 30m, 12h or 1d"));
    }
  }

  /** The delivery's article title, quoted, or nothing for a body without one (a monitor alert, or not JSON). */
  private static String titleOf(String body) {
    try {
      String title = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("title").asText("");
      return title.isEmpty() ? "" : " \"" + TerminalText.safe(title) + "\"";
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }
}
