// bench/early-warning runs this file with the monitor's jar on the class path (java's single-file
// source launch): the replica and the webhook receiver in this process, the daemon as users run it
// (bin/industriall-monitor run) in another. Not a test: it prints figures.

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaCountry;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.replica.WebhookReceiver;

/**
 * Detection latency and requests per hour, walk-only (walks every 30m) against early warning
 * (every 2m, walks every 6h), on the replica with a scripted hour of publishing. Time runs
 * {@code --scale} times faster than on the site (the request delay, the intervals and the hour
 * alike); the figures are scaled back to the site's clock.
 */
public class EarlyWarningBench {
  static final String SECRET = "bench-secret";
  static final long HOUR_MS = 3_600_000;

  int countries = 20;
  int pages = 6;
  int scale = 60;
  int articles = 12;
  long seed = 16;
  Path out = Path.of("bench/RESULTS.md");
  Path launcher = Path.of("bin/industriall-monitor");

  public static void main(String[] args) throws Exception {
    EarlyWarningBench bench = new EarlyWarningBench();
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--countries" -> bench.countries = Integer.parseInt(value);
        case "--pages" -> bench.pages = Integer.parseInt(value);
        case "--scale" -> bench.scale = Integer.parseInt(value);
        case "--articles" -> bench.articles = Integer.parseInt(value);
        case "--seed" -> bench.seed = Long.parseLong(value);
        case "--out" -> bench.out = Path.of(value);
        case "--launcher" -> bench.launcher = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    bench.run();
  }

  /** What one setup came to, in the site's time. */
  record Result(String setup, int walkPages, long polls, long articlesFetched, long other, double walksPerHour,
      List<Double> latencyMinutes, int missed) {
    double requestsPerHour() {
      return polls + articlesFetched + other + walkPages * walksPerHour;
    }
  }

  void run() throws Exception {
    log("replica: %d countries x %d listing pages, time %dx faster than the site's", countries, pages, scale);
    Result walkOnly = scenario("walk-only: walks every 30m", false, 30 * 60_000L);
    Result early = scenario("early warning every 2m (rss), walks every 6h", true, 6 * 3_600_000L);
    String table = table(List.of(walkOnly, early));
    System.out.println(table);
    write(table);
  }

  Result scenario(String setup, boolean earlyWarning, long walkEveryMs) throws Exception {
    log("%s", setup);
    ReplicaCatalog catalog = ReplicaCatalog.synthetic(countries, pages);
    Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    // Polls, walks and robots.txt are counted in the scripted hour; each article's one fetch whenever it comes.
    AtomicBoolean inHour = new AtomicBoolean();
    AtomicBoolean articlesCounted = new AtomicBoolean();
    ReplicaServer.Interceptor counter = (exchange, replica) -> {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String kind = path.equals("/rss.xml") ? "poll" : path.equals("/search") && query != null && query.contains("regions=") ? "walk"
          : path.equals("/robots.txt") || path.equals("/search") ? "other" : "article";
      if (kind.equals("article") ? articlesCounted.get() : inHour.get()) {
        requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
      }
      return false;
    };
    Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    Path dir = Files.createTempDirectory("industriall-early-warning-bench");
    try (ReplicaServer replica = ReplicaServer.start(catalog, 0, counter);
        WebhookReceiver receiver = WebhookReceiver.start(SECRET, r -> {
          if ("article.new".equals(r.event())) {
            receivedAt.putIfAbsent(slugOf(r.body()), System.nanoTime());
          }
        })) {
      Path config = config(dir, replica, receiver, earlyWarning, walkEveryMs);
      exec(dir, 600, "once", "--config", config.toString());
      // One unchanged walk of every country: the listing pages a walk cycle costs.
      inHour.set(true);
      exec(dir, 600, "once", "--config", config.toString());
      inHour.set(false);
      int walkPages = count(requests, "walk");
      requests.clear();

      Process daemon = start(dir, config);
      try {
        // The hour starts a minute in: the start-up's own requests (robots.txt, the first poll) are not an hour's.
        Thread.sleep(60_000 / scale);
        long hour = HOUR_MS / scale;
        Random random = new Random(seed);
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
          at.add((long) (random.nextDouble() * hour));
        }
        at.sort(Comparator.naturalOrder());
        List<ReplicaCountry> all = catalog.countries();
        Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        inHour.set(true);
        articlesCounted.set(true);
        long start = System.nanoTime();
        for (long offset : at) {
          sleepUntil(start + TimeUnit.MILLISECONDS.toNanos(offset));
          ReplicaCountry country = all.get(random.nextInt(all.size()));
          int position = random.nextInt(Math.max(1, catalog.listing(country.region(), 0).total()));
          ReplicaArticle a = catalog.publishNew(List.of(country.region()), LocalDate.now(ZoneOffset.UTC), position);
          publishedAt.put(a.slug(), System.nanoTime());
        }
        sleepUntil(start + TimeUnit.MILLISECONDS.toNanos(hour));
        inHour.set(false);
        long polls = count(requests, "poll");
        long other = count(requests, "other");
        // The last article may wait for the next walk: up to one interval, plus the walk itself.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(walkEveryMs / scale * 3 / 2 + 60_000);
        while (System.nanoTime() < deadline && !receivedAt.keySet().containsAll(publishedAt.keySet())) {
          Thread.sleep(50);
        }
        long fetched = count(requests, "article");
        List<Double> latency = new ArrayList<>();
        for (Map.Entry<String, Long> p : publishedAt.entrySet()) {
          Long received = receivedAt.get(p.getKey());
          if (received != null) {
            latency.add((received - p.getValue()) / 1e9 * scale / 60.0);
          }
        }
        latency.sort(Comparator.naturalOrder());
        double walksPerHour = (double) HOUR_MS / walkEveryMs;
        log("  walk cycle %d listing pages; in the hour: %d polls, %d articles, %d other; %d of %d alerts received",
            walkPages, polls, fetched, other, latency.size(), publishedAt.size());
        return new Result(setup, walkPages, polls, fetched, other, walksPerHour, latency, publishedAt.size() - latency.size());
      } finally {
        daemon.destroy();
        daemon.waitFor(30, TimeUnit.SECONDS);
        daemon.destroyForcibly();
      }
    } finally {
      deleteTree(dir);
    }
  }

  Path config(Path dir, ReplicaServer replica, WebhookReceiver receiver, boolean earlyWarning, long walkEveryMs) throws IOException {
    StringBuilder yaml = new StringBuilder()
        .append("site:\n  base_url: ").append(replica.baseUrl()).append('\n')
        .append("  user_agent: \"industriall-monitor-bench/1.0 (+https://github.com/industriall-monitor)\"\n")
        .append("  request_delay: ").append(2000 / scale).append("ms\n")
        .append("  early_warning: {source: ").append(earlyWarning ? "rss" : "off").append(", every: ")
        .append(Math.max(1000, 120_000 / scale)).append("ms}\n")
        .append("schedule:\n  every: ").append(walkEveryMs / scale).append("ms\n")
        .append("  jitter: ").append(Math.min(walkEveryMs / 4, 300_000) / scale).append("ms\n")
        .append("countries:\n");
    for (ReplicaCountry c : ReplicaCatalog.synthetic(countries, pages).countries()) {
      yaml.append("  - {name: \"").append(c.name()).append("\", region: ").append(c.region()).append("}\n");
    }
    yaml.append("storage:\n  database: ").append(dir.resolve("state/monitor.db")).append('\n')
        .append("  archive: ").append(dir.resolve("state/archive")).append('\n')
        .append("web: {listen: \"127.0.0.1:0\"}\n")
        .append("notifications:\n  channels:\n    - {id: hook, type: webhook, url: \"").append(receiver.url())
        .append("\", secret: \"${BENCH_SECRET}\"}\n");
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  void exec(Path dir, int seconds, String... args) throws Exception {
    Process p = process(dir, args).redirectOutput(dir.resolve("once.log").toFile()).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("`" + String.join(" ", args) + "` failed:\n" + Files.readString(dir.resolve("once.log")));
    }
  }

  Process start(Path dir, Path config) throws Exception {
    Path log = dir.resolve("daemon.log");
    Process daemon = process(dir, "run", "--config", config.toString()).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("industriall-monitor running")) {
      if (!daemon.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the daemon did not start:\n" + Files.readString(log));
      }
      Thread.sleep(20);
    }
    return daemon;
  }

  ProcessBuilder process(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of(launcher.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--logs", dir.resolve("logs").toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("BENCH_SECRET", SECRET);
    return builder;
  }

  String table(List<Result> results) {
    StringBuilder t = new StringBuilder();
    t.append("## Early warning against walks alone\n\n")
        .append("Written by `bench/early-warning` on ")
        .append(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append(". The replica: ").append(countries).append(" countries x ").append(pages)
        .append(" listing pages; a scripted hour in which ").append(articles).append(" articles are published at random times")
        .append(" (seed ").append(seed).append("), each in a random country at a random place of its listing. The daemon runs")
        .append(" through `bin/industriall-monitor run` with the site's 2 s request delay, the intervals and the hour all ")
        .append(scale).append(" times shorter; every figure is scaled back to the site's clock (so the monitor's own fixed")
        .append(" costs, which do not shrink, count ").append(scale).append(" times). Latency: from publishing to the")
        .append(" webhook receiving `article.new`. Requests per hour: the polls and robots.txt requests of the scripted hour")
        .append(" (which starts a minute after the daemon, so that its start-up requests are left out), the fetches of the")
        .append(" hour's articles (a walk may fetch the last ones after the hour), and the listing pages of one walk cycle")
        .append(" (measured with `once`) times the walks per hour.\n\n")
        .append("| setup | latency median (min) | p95 (min) | max (min) | alerts | polls | articles fetched | walk cycle (pages) | walks per hour | requests per hour |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Result r : results) {
      t.append(String.format("| %s | %.2f | %.2f | %.2f | %d of %d | %d | %d | %d | %.2f | %.0f |%n", r.setup(),
          percentile(r.latencyMinutes(), 50), percentile(r.latencyMinutes(), 95), percentile(r.latencyMinutes(), 100),
          r.latencyMinutes().size(), r.latencyMinutes().size() + r.missed(), r.polls(), r.articlesFetched(), r.walkPages(),
          r.walksPerHour(), r.requestsPerHour()));
    }
    Result walkOnly = results.get(0);
    Result early = results.get(1);
    t.append(String.format("%nEarly warning: p95 latency %.2f min (target at most 2.5), %.0f requests per hour, %.3f of walk-only's"
        + " %.0f (target at most 0.25).%n", percentile(early.latencyMinutes(), 95), early.requestsPerHour(),
        early.requestsPerHour() / walkOnly.requestsPerHour(), walkOnly.requestsPerHour()));
    return t.toString();
  }

  static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** Replaces the early-warning section of the results file (or appends it), leaving bench/run's tables alone. */
  void write(String table) throws IOException {
    String begin = "<!-- early-warning: written by bench/early-warning -->";
    String end = "<!-- /early-warning -->";
    String section = begin + "\n" + table + end + "\n";
    String existing = Files.exists(out) ? Files.readString(out) : "";
    int from = existing.indexOf(begin);
    int to = existing.indexOf(end);
    String next = from >= 0 && to > from ? existing.substring(0, from) + section + existing.substring(to + end.length() + 1)
        : existing + (existing.isEmpty() || existing.endsWith("\n\n") ? "" : "\n") + section;
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, next, StandardCharsets.UTF_8);
    log("written to %s", out);
  }

  static int count(Map<String, AtomicInteger> requests, String kind) {
    AtomicInteger n = requests.get(kind);
    return n == null ? 0 : n.get();
  }

  static String slugOf(String body) {
    int i = body.indexOf("\"slug\":\"");
    return i < 0 ? "" : body.substring(i + 8, body.indexOf('"', i + 8));
  }

  static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void log(String format, Object... args) {
    System.err.printf("[early-warning bench] " + format + "%n", args);
  }
}
