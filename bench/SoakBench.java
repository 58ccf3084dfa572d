// bench/soak runs this file with the monitor's jar and XChart on the class path (java's single-file
// source launch): the replica, its faults and a flaky webhook receiver in this process, the daemon as
// users run it (bin/industriall-monitor run) in another, killed with SIGKILL and restarted on a
// schedule. Not a test: it prints a verdict (exit 0 when the soak passes, 1 when not).

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaCountry;
import org.industriallmonitor.replica.ReplicaServer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The daemon for a long run under load and faults: walks and early warning every second, a new
 * article every 10 s, a 503 burst every minute, a webhook receiver that fails one request in ten,
 * the console and /metrics read every 5 s, a SIGKILL and restart every 10 minutes; resources sampled
 * every 10 s and judged for upward trends after a warm-up.
 */
public class SoakBench {
  static final String SECRET = "soak-secret";
  static final int COUNTRIES = 5;
  static final int PAGES = 2;

  /** The soak's timings: the full run's, or the smoke's (everything shorter, one kill). */
  record Plan(Duration length, Duration warmUp, Duration sampleEvery, Duration publishEvery, Duration burstEvery,
      Duration burstLength, Duration consoleEvery, Duration killEvery, Duration settleAfterRestart, Duration drain,
      String retention, String pruneEvery, boolean judgesTrends) {
    static Plan full(int minutes) {
      // A run shorter than 15 minutes is judged after its first third, so that a short look still has a window.
      Duration warmUp = Duration.ofMinutes(5).compareTo(Duration.ofMinutes(minutes).dividedBy(3)) < 0 ? Duration.ofMinutes(5)
          : Duration.ofMinutes(minutes).dividedBy(3);
      return new Plan(Duration.ofMinutes(minutes), warmUp, Duration.ofSeconds(10), Duration.ofSeconds(10),
          Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(1),
          Duration.ofSeconds(90), "5m", "1m", true);
    }

    /** A minute cannot show a trend: the smoke proves the soak runs, its faults and exactly-once, and draws what it sampled. */
    static Plan smoke() {
      return new Plan(Duration.ofSeconds(45), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(3),
          Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(22), Duration.ofSeconds(6),
          Duration.ofSeconds(30), "20s", "5s", false);
    }
  }

  /** One sample of the daemon's resources, {@code at} seconds into the soak. */
  record Sample(double at, long pid, double rssMb, double heapAfterGcMb, int threads, int openFiles, double databaseMb,
      long historyRows) {}

  /** A measured quantity whose trend is judged (or only shown). */
  record Series(String name, String unit, ToDoubleFunction<Sample> value, boolean judged) {}

  /** The trend of one series over the judged window. */
  record Trend(Series series, int samples, double mean, double slopePerMinute, double rise, double noise, double allowed) {
    boolean flat() {
      return rise <= allowed;
    }

    double excess() {
      return rise - allowed;
    }
  }

  /**
   * A series over the whole window and over each process's life within it: the restarts reset
   * memory and threads, so a leak within one life could hide behind the sawtooth of the whole.
   */
  record Judged(Trend whole, Trend worstLife) {
    boolean flat() {
      return whole.flat() && (worstLife == null || worstLife.flat());
    }
  }

  static final List<Series> SERIES = List.of(
      new Series("resident memory", "MB", Sample::rssMb, true),
      new Series("heap after GC", "MB", Sample::heapAfterGcMb, true),
      new Series("threads", "", s -> s.threads(), true),
      new Series("open files", "", s -> s.openFiles(), true),
      new Series("history rows", "", s -> s.historyRows(), true),
      new Series("database size", "MB", Sample::databaseMb, false));

  /**
   * A trend is "beyond noise" when the least-squares line rises over the window by more than the
   * larger of twice the residuals' standard deviation (what the series wanders anyway: a GC, a
   * prune, a burst) and 10% of its mean (a leak that small over 25 minutes would take days to
   * matter, and RSS moves by that much as the JIT and the allocator settle).
   */
  static final double NOISE_SIGMAS = 2.0;
  static final double MEAN_FRACTION = 0.10;

  Plan plan = Plan.full(30);
  String label = "30 minutes";
  Path out = Path.of("bench/RESULTS.md");
  Path launcher = Path.of("bin/industriall-monitor");

  final long startNanos = System.nanoTime();
  final List<Sample> samples = new CopyOnWriteArrayList<>();
  final List<Double> restarts = new CopyOnWriteArrayList<>();
  final Map<String, Double> published = new ConcurrentHashMap<>();
  /** Per article slug, the distinct delivery ids of its {@code article.new} alerts. */
  final Map<String, Set<String>> alerts = new ConcurrentHashMap<>();
  final AtomicInteger hookRequests = new AtomicInteger();
  final AtomicInteger hookFailed = new AtomicInteger();
  final AtomicInteger served503 = new AtomicInteger();
  final AtomicInteger consoleReads = new AtomicInteger();
  final AtomicInteger consoleFailures = new AtomicInteger();
  final AtomicReference<Process> daemon = new AtomicReference<>();
  final AtomicLong burstUntil = new AtomicLong();
  Path dir;

  public static void main(String[] args) throws Exception {
    SoakBench soak = new SoakBench();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--minutes" -> {
          int minutes = Integer.parseInt(value);
          soak.plan = Plan.full(minutes);
          soak.label = minutes + " minutes";
          i++;
        }
        case "--smoke" -> {
          soak.plan = Plan.smoke();
          soak.label = "smoke, " + Plan.smoke().length().toSeconds() + " s";
        }
        case "--out" -> {
          soak.out = Path.of(value);
          i++;
        }
        case "--launcher" -> {
          soak.launcher = Path.of(value);
          i++;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.exit(soak.run() ? 0 : 1);
  }

  double now() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  boolean run() throws Exception {
    dir = Files.createTempDirectory("industriall-soak");
    // Every process and folder of the soak goes, however it ends (Ctrl-C and SIGTERM included).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Process p = daemon.get();
      if (p != null) {
        p.destroyForcibly();
      }
      try {
        deleteTree(dir);
      } catch (IOException e) {
        System.err.println("could not remove " + dir + ": " + e.getMessage());
      }
    }));
    ReplicaCatalog catalog = ReplicaCatalog.synthetic(COUNTRIES, PAGES);
    ReplicaServer.Interceptor bursts = (exchange, replica) -> {
      if (System.nanoTime() < burstUntil.get()) {
        served503.incrementAndGet();
        exchange.getResponseHeaders().add("Retry-After", "1");
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return true;
      }
      return false;
    };
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(3);
    HttpServer receiver = flakyReceiver();
    try (ReplicaServer replica = ReplicaServer.start(catalog, 0, bursts)) {
      int consolePort = freePort();
      Path config = config(replica, receiver, consolePort);
      log("%s soak: replica of %d countries x %d pages at %s, state in %s", label, COUNTRIES, PAGES, replica.baseUrl(), dir);
      start(config);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      List<ReplicaCountry> countries = catalog.countries();
      AtomicInteger n = new AtomicInteger();
      timers.scheduleAtFixedRate(() -> {
        ReplicaCountry c = countries.get(n.getAndIncrement() % countries.size());
        ReplicaArticle a = catalog.publishNew(List.of(c.region()), LocalDate.now(ZoneOffset.UTC), n.get() % 7);
        published.put(a.slug(), now());
      }, plan.publishEvery().toMillis(), plan.publishEvery().toMillis(), TimeUnit.MILLISECONDS);
      timers.scheduleAtFixedRate(() -> burstUntil.set(System.nanoTime() + plan.burstLength().toNanos()),
          plan.burstEvery().toMillis(), plan.burstEvery().toMillis(), TimeUnit.MILLISECONDS);
      timers.scheduleAtFixedRate(() -> readConsole(http, consolePort), plan.consoleEvery().toMillis(), plan.consoleEvery().toMillis(),
          TimeUnit.MILLISECONDS);
      double end = plan.length().toMillis() / 1000.0;
      double nextSample = 0;
      double nextKill = plan.killEvery().toMillis() / 1000.0;
      while (now() < end) {
        // No kill in the last samples: a restart there would leave nothing to judge after it.
        if (now() >= nextKill && nextKill < end - 2 * plan.sampleEvery().toSeconds()) {
          killAndRestart(config);
          nextKill += plan.killEvery().toMillis() / 1000.0;
        }
        if (now() >= nextSample) {
          sample();
          nextSample += plan.sampleEvery().toMillis() / 1000.0;
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      // No more articles nor faults: what was published is given the drain to be archived and alerted.
      timers.shutdownNow();
      timers.awaitTermination(5, TimeUnit.SECONDS);
      burstUntil.set(0);
      long drainEnd = System.nanoTime() + plan.drain().toNanos();
      while (System.nanoTime() < drainEnd && !alerts.keySet().containsAll(published.keySet())) {
        TimeUnit.MILLISECONDS.sleep(200);
      }
      stop();
      return report();
    } finally {
      timers.shutdownNow();
      receiver.stop(0);
      stop();
    }
  }

  /** A receiver that answers 500 to every tenth request: the daemon must retry with the same delivery id. */
  HttpServer flakyReceiver() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/hook", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (hookRequests.incrementAndGet() % 10 == 0) {
          hookFailed.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        if ("article.new".equals(exchange.getRequestHeaders().getFirst("X-Monitor-Event"))) {
          String slug = slugOf(new String(body, StandardCharsets.UTF_8));
          alerts.computeIfAbsent(slug, k -> ConcurrentHashMap.newKeySet()).add(exchange.getRequestHeaders().getFirst("X-Monitor-Delivery"));
        }
        exchange.sendResponseHeaders(204, -1);
      }
    });
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "soak-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return server;
  }

  Path config(ReplicaServer replica, HttpServer receiver, int consolePort) throws IOException {
    StringBuilder yaml = new StringBuilder()
        .append("site:\n  base_url: ").append(replica.baseUrl()).append('\n')
        .append("  user_agent: \"industriall-monitor-soak/1.0 (+https://github.com/industriall-monitor)\"\n")
        .append("  request_delay: 0ms\n  max_connections_per_host: 4\n")
        .append("  early_warning: {source: rss, every: 1s}\n")
        .append("schedule: {every: 1s, jitter: 0ms}\n")
        .append("countries:\n");
    for (ReplicaCountry c : replica.catalog().countries()) {
      yaml.append("  - {name: \"").append(c.name()).append("\", region: ").append(c.region()).append("}\n");
    }
    yaml.append("storage:\n  database: ").append(dir.resolve("state/monitor.db")).append('\n')
        .append("  archive: ").append(dir.resolve("state/archive")).append('\n')
        .append("  retention: ").append(plan.retention()).append('\n')
        .append("  prune_every: ").append(plan.pruneEvery()).append('\n')
        .append("web: {listen: \"127.0.0.1:").append(consolePort).append("\"}\n")
        .append("notifications:\n  retry_backoff: 1s\n  channels:\n    - {id: hook, type: webhook, url: \"http://127.0.0.1:")
        .append(receiver.getAddress().getPort()).append("/hook\", secret: \"${SOAK_SECRET}\"}\n");
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  void start(Path config) throws Exception {
    Path log = dir.resolve("daemon.log");
    List<String> command = List.of(launcher.toAbsolutePath().toString(), "run", "--config", config.toString(), "--logs",
        dir.resolve("logs").toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("SOAK_SECRET", SECRET);
    long mark = Files.exists(log) ? Files.size(log) : 0;
    Process p = builder.start();
    daemon.set(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).substring((int) mark).contains("industriall-monitor running")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the daemon did not start:\n" + Files.readString(log));
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    log("daemon running, pid %d", p.pid());
  }

  void killAndRestart(Path config) throws Exception {
    Process p = daemon.get();
    log("kill -9 %d at %.0f s", p.pid(), now());
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    restarts.add(now());
    start(config);
  }

  void stop() throws InterruptedException {
    Process p = daemon.getAndSet(null);
    if (p != null) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  void readConsole(HttpClient http, int port) {
    for (String path : List.of("/", "/metrics")) {
      consoleReads.incrementAndGet();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          consoleFailures.incrementAndGet();
        }
      } catch (IOException e) {
        // A read in the seconds of a restart finds no console: counted, not fatal.
        consoleFailures.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * RSS and threads from /proc/PID/status, open files from /proc/PID/fd, the heap after a full GC
   * from {@code jcmd PID GC.class_histogram} (it collects first, then counts live objects: its
   * total is the heap after GC), the database's size (the file and its WAL) and the history rows
   * (crawl runs, outbox, remembered feed items, node check-ins: what storage.retention prunes)
   * through a read-only SQLite connection.
   */
  void sample() {
    Process p = daemon.get();
    if (p == null || !p.isAlive()) {
      return;
    }
    long pid = p.pid();
    try {
      Map<String, String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(l -> l.contains(":")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')),
              l -> l.substring(l.indexOf(':') + 1).trim(), (a, b) -> a));
      double rss = Long.parseLong(status.get("VmRSS").split("\\s+")[0]) / 1024.0;
      int threads = Integer.parseInt(status.get("Threads"));
      int files;
      try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
        files = (int) fds.count();
      }
      double heap = heapAfterGc(pid);
      double db = 0;
      for (String suffix : List.of("", "-wal")) {
        Path f = dir.resolve("state/monitor.db" + suffix);
        db += Files.exists(f) ? Files.size(f) / (1024.0 * 1024) : 0;
      }
      Sample s = new Sample(now(), pid, rss, heap, threads, files, db, historyRows());
      samples.add(s);
      log("%5.0f s  rss %.1f MB  heap %.1f MB  threads %d  files %d  db %.2f MB  history %d  published %d  alerted %d",
          s.at(), s.rssMb(), s.heapAfterGcMb(), s.threads(), s.openFiles(), s.databaseMb(), s.historyRows(), published.size(),
          alerts.size());
    } catch (Exception e) {
      // The daemon may die between reading its pid and its files (a kill): that sample is skipped.
      log("sample skipped: %s", e);
    }
  }

  static double heapAfterGc(long pid) throws Exception {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    for (String line : output.split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length == 3 && words[0].equals("Total")) {
        return Long.parseLong(words[2]) / (1024.0 * 1024);
      }
    }
    throw new IllegalStateException("jcmd printed no total: " + output.lines().limit(3).toList());
  }

  long historyRows() throws Exception {
    Path db = dir.resolve("state/monitor.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro", "", "");
        Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 5000");
      try (ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM crawl_runs) + (SELECT COUNT(*) FROM outbox)"
          + " + (SELECT COUNT(*) FROM early_warning_skipped) + (SELECT COUNT(*) FROM cluster_nodes)")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Archive files per slug (a file's name ends in the slug) and article rows per slug. */
  Map<String, int[]> archived() throws Exception {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String slug : published.keySet()) {
      counts.put(slug, new int[2]);
    }
    Path archive = dir.resolve("state/archive");
    if (Files.exists(archive)) {
      try (var files = Files.walk(archive)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String name = f.getFileName().toString();
          for (Map.Entry<String, int[]> e : counts.entrySet()) {
            if (name.endsWith("-" + e.getKey() + ".txt") && !f.toString().contains("/.incoming/")) {
              e.getValue()[0]++;
            }
          }
        }
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + dir.resolve("state/monitor.db") + "?mode=ro", "", "");
        PreparedStatement rows = c.prepareStatement("SELECT COUNT(*) FROM articles WHERE slug = ?")) {
      for (Map.Entry<String, int[]> e : counts.entrySet()) {
        rows.setString(1, e.getKey());
        try (ResultSet rs = rows.executeQuery()) {
          rs.next();
          e.getValue()[1] = rs.getInt(1);
        }
      }
    }
    return counts;
  }

  /** The judged window: after the warm-up, and outside the settling time after each restart. */
  List<Sample> window() {
    double warmUp = plan.warmUp().toMillis() / 1000.0;
    double settle = plan.settleAfterRestart().toMillis() / 1000.0;
    return samples.stream().filter(s -> s.at() >= warmUp)
        .filter(s -> restarts.stream().noneMatch(r -> s.at() >= r && s.at() < r + settle)).toList();
  }

  /** The life (samples of one pid, at least six) whose line rises furthest beyond what it allows; null with none. */
  static Trend worstLife(Series series, List<Sample> window) {
    Map<Long, List<Sample>> lives = window.stream().collect(Collectors.groupingBy(Sample::pid, LinkedHashMap::new, Collectors.toList()));
    return lives.values().stream().filter(life -> life.size() >= 6).map(life -> trend(series, life))
        .max(Comparator.comparingDouble(Trend::excess)).orElse(null);
  }

  static Trend trend(Series series, List<Sample> window) {
    int n = window.size();
    double mx = window.stream().mapToDouble(Sample::at).average().orElse(0);
    double my = window.stream().mapToDouble(series.value()).average().orElse(0);
    double sxx = 0;
    double sxy = 0;
    for (Sample s : window) {
      sxx += (s.at() - mx) * (s.at() - mx);
      sxy += (s.at() - mx) * (series.value().applyAsDouble(s) - my);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    double residuals = 0;
    for (Sample s : window) {
      double r = series.value().applyAsDouble(s) - (my + slope * (s.at() - mx));
      residuals += r * r;
    }
    double sigma = n > 2 ? Math.sqrt(residuals / (n - 2)) : 0;
    double span = n == 0 ? 0 : window.get(n - 1).at() - window.get(0).at();
    double noise = NOISE_SIGMAS * sigma;
    return new Trend(series, n, my, slope * 60, slope * span, noise, Math.max(noise, MEAN_FRACTION * Math.abs(my)));
  }

  boolean report() throws Exception {
    List<Sample> window = window();
    List<Judged> trends = SERIES.stream().map(s -> new Judged(trend(s, window), worstLife(s, window))).toList();
    Map<String, int[]> archived = archived();
    List<String> problems = new ArrayList<>();
    if (plan.judgesTrends() && window.size() < 3) {
      problems.add("only " + window.size() + " samples in the judged window");
    }
    for (Judged j : trends) {
      Trend t = j.whole();
      if (plan.judgesTrends() && t.series().judged() && !t.flat()) {
        problems.add(String.format("%s rises by %.1f%s over the window (allowed %.1f)", t.series().name(), t.rise(),
            t.series().unit(), t.allowed()));
      }
      Trend life = j.worstLife();
      if (plan.judgesTrends() && t.series().judged() && life != null && !life.flat()) {
        problems.add(String.format("%s rises by %.1f%s within one process's life (allowed %.1f)", t.series().name(), life.rise(),
            t.series().unit(), life.allowed()));
      }
    }
    long archivedOnce = archived.values().stream().filter(c -> c[0] == 1 && c[1] == 1).count();
    long alertedOnce = published.keySet().stream().filter(slug -> alerts.getOrDefault(slug, Set.of()).size() == 1).count();
    for (Map.Entry<String, int[]> e : archived.entrySet()) {
      if (e.getValue()[0] != 1 || e.getValue()[1] != 1) {
        problems.add(String.format("%s: %d archive files, %d article rows", e.getKey(), e.getValue()[0], e.getValue()[1]));
      }
      int ids = alerts.getOrDefault(e.getKey(), Set.of()).size();
      if (ids != 1) {
        problems.add(String.format("%s: %d distinct alert deliveries", e.getKey(), ids));
      }
    }
    for (String slug : alerts.keySet()) {
      if (!published.containsKey(slug)) {
        problems.add(slug + ": alerted but never published (a baseline article alerted)");
      }
    }
    if (published.isEmpty()) {
      problems.add("no article was published");
    }
    Path chart = (out.toAbsolutePath().getParent() == null ? Path.of(".") : out.toAbsolutePath().getParent()).resolve("soak.png");
    chart(chart, trends);
    String section = section(trends, window.size(), archivedOnce, alertedOnce, problems, chart.getFileName().toString());
    write(section);
    System.out.println(section);
    if (problems.isEmpty()) {
      log("PASS: %s%d articles archived once and alerted once", plan.judgesTrends() ? "no upward trend beyond noise after the warm-up; "
          : "", published.size());
    } else {
      log("FAIL:");
      problems.forEach(p -> log("  %s", p));
    }
    return problems.isEmpty();
  }

  String section(List<Judged> trends, int judged, long archivedOnce, long alertedOnce, List<String> problems, String chartName) {
    StringBuilder t = new StringBuilder();
    t.append("## Soak (").append(label).append(")\n\n")
        .append("Written by `bench/soak` on ")
        .append(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append(String.format(". The daemon through `bin/industriall-monitor run` on the replica (%d countries x %d pages),"
            + " walks every second, early warning every second, a new article every %d s, a 503 burst of %d s every %d s,"
            + " a webhook receiver that fails one request in ten, the console and `/metrics` read every %d s, a `kill -9` and"
            + " restart every %s, storage.retention %s with storage.prune_every %s. Sampled every %d s: resident memory and"
            + " threads (/proc/PID/status), open files (/proc/PID/fd), heap after a full GC (`jcmd PID GC.class_histogram`:"
            + " live objects), database size (the file and its WAL), history rows (crawl runs, outbox, remembered feed"
            + " items, node check-ins).%n%n",
            COUNTRIES, PAGES, plan.publishEvery().toSeconds(), plan.burstLength().toSeconds(), plan.burstEvery().toSeconds(),
            plan.consoleEvery().toSeconds(), human(plan.killEvery()), plan.retention(), plan.pruneEvery(),
            plan.sampleEvery().toSeconds()))
        .append(String.format("Judged: the %d samples after the first %s, leaving out the %s after each restart (the JVM"
            + " warming up again). A series passes when its least-squares line rises over that window by no more than"
            + " the larger of %.0f standard deviations of its residuals (the noise band) and %.0f%% of its mean, and so does the"
            + " line fitted to each process's life within the window (a restart resets memory and threads, which could hide a"
            + " leak within one life behind the sawtooth of the whole).%n%n",
            judged, human(plan.warmUp()), human(plan.settleAfterRestart()), NOISE_SIGMAS, MEAN_FRACTION * 100))
        .append(plan.judgesTrends() ? "" : "A smoke run is too short for a trend: its trends are shown, not judged; its verdict is"
            + " the articles' alone.\n\n")
        .append("![The soak's samples](").append(chartName).append(")\n\n")
        .append("| series | mean | slope per minute | fitted rise over the window | noise band | allowed |"
            + " worst rise within one life (allowed) | verdict |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (Judged j : trends) {
      Trend tr = j.whole();
      String life = j.worstLife() == null ? "-" : String.format("%+.1f (%.1f)", j.worstLife().rise(), j.worstLife().allowed());
      t.append(String.format("| %s%s | %.1f | %+.3f | %+.1f | %.1f | %.1f | %s | %s |%n", tr.series().name(),
          tr.series().unit().isEmpty() ? "" : " (" + tr.series().unit() + ")", tr.mean(), tr.slopePerMinute(), tr.rise(),
          tr.noise(), tr.allowed(), life, !tr.series().judged() || !plan.judgesTrends() ? "shown only" : j.flat() ? "flat" : "**rises**"));
    }
    t.append(String.format("%nArticles: %d published, %d archived exactly once (one file, one row), %d alerted exactly once"
            + " (one distinct delivery id). Webhook: %d requests, %d answered 500 and retried. Site: %d requests answered 503."
            + " Console and /metrics: %d reads, %d failed (a read in the seconds of a restart finds no console). Restarts after"
            + " `kill -9`: %d.%n%n",
        published.size(), archivedOnce, alertedOnce, hookRequests.get(), hookFailed.get(), served503.get(), consoleReads.get(),
        consoleFailures.get(), restarts.size()));
    t.append(problems.isEmpty() ? "Verdict: **pass**.\n" : "Verdict: **fail**: " + String.join("; ", problems) + ".\n");
    t.append("\n<details><summary>Samples</summary>\n\n")
        .append("| at (s) | pid | RSS (MB) | heap after GC (MB) | threads | open files | database (MB) | history rows |\n")
        .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Sample s : samples) {
      t.append(String.format("| %.0f | %d | %.1f | %.1f | %d | %d | %.2f | %d |%n", s.at(), s.pid(), s.rssMb(), s.heapAfterGcMb(),
          s.threads(), s.openFiles(), s.databaseMb(), s.historyRows()));
    }
    t.append("\n</details>\n");
    return t.toString();
  }

  /** One small chart per series in a grid, the judged window's fitted line over the samples. */
  void chart(Path file, List<Judged> judged) throws IOException {
    List<Trend> trends = judged.stream().map(Judged::whole).toList();
    List<XYChart> charts = new ArrayList<>();
    List<Sample> window = window();
    for (Trend tr : trends) {
      XYChart c = new XYChartBuilder().width(420).height(280).title(tr.series().name())
          .xAxisTitle("minutes").yAxisTitle(tr.series().unit()).build();
      c.getStyler().setLegendVisible(false);
      double[] x = samples.stream().mapToDouble(s -> s.at() / 60).toArray();
      double[] y = samples.stream().mapToDouble(tr.series().value()).toArray();
      if (x.length == 0) {
        continue;
      }
      c.addSeries("samples", x, y).setMarker(SeriesMarkers.CIRCLE);
      if (window.size() >= 2) {
        double x0 = window.get(0).at();
        double x1 = window.get(window.size() - 1).at();
        double mx = window.stream().mapToDouble(Sample::at).average().orElse(0);
        double slope = tr.slopePerMinute() / 60;
        c.addSeries("trend", new double[] {x0 / 60, x1 / 60},
            new double[] {tr.mean() + slope * (x0 - mx), tr.mean() + slope * (x1 - mx)}).setMarker(SeriesMarkers.NONE);
      }
      charts.add(c);
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    BitmapEncoder.saveBitmap(new ArrayList<>(charts), 2, 3, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    log("chart written to %s", file);
  }

  /** Replaces the soak section of the results file (or appends it), leaving the other benchmarks' sections alone. */
  void write(String body) throws IOException {
    String begin = "<!-- soak: written by bench/soak -->";
    String end = "<!-- /soak -->";
    String section = begin + "\n" + body + end + "\n";
    String existing = Files.exists(out) ? Files.readString(out) : "";
    int from = existing.indexOf(begin);
    int to = existing.indexOf(end);
    String next = from >= 0 && to > from ? existing.substring(0, from) + section + existing.substring(to + end.length() + 1)
        : existing + (existing.isEmpty() || existing.endsWith("\n\n") ? "" : "\n") + section;
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.writeString(out, next, StandardCharsets.UTF_8);
    log("written to %s", out);
  }

  static String human(Duration d) {
    return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String slugOf(String body) {
    int i = body.indexOf("\"slug\":\"");
    return i < 0 ? "" : body.substring(i + 8, body.indexOf('"', i + 8));
  }

  static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void log(String format, Object... args) {
    System.err.printf("[soak] " + format + "%n", args);
  }
}
