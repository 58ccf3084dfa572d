// bench/year runs this file with the monitor's jar on the class path (java's single-file source
// launch): the replica in this process, `once` through the launcher in another, and a year of
// history written straight into the SQLite state with its timestamps shifted back. Not a test: it
// prints figures.

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaCountry;
import org.industriallmonitor.replica.ReplicaServer;

/**
 * The database's size after a simulated year of history for 20 countries, kept whole and pruned
 * after storage.retention (180d). The history is written fast rather than waited for: a state is
 * made by `once` on the replica, then a year of rows is inserted with timestamps shifted into the
 * past, at the rates of a daemon (a walk of each country every 30 minutes, 20 new articles a day
 * alerted on two channels, the feed's remembered items, a restart a week), and `once` is run on
 * two copies of it: one with a retention longer than the year (nothing pruned), one with 180d (its
 * pruning at the end of `once`, then SQLite's incremental vacuum, gives the space back).
 */
public class YearBench {
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  static final String[] TABLES = {"crawl_runs", "outbox", "early_warning_skipped", "cluster_nodes", "articles", "article_search"};

  int countries = 20;
  int days = 365;
  int articlesPerDay = 20;
  int channels = 2;
  Duration walkEvery = Duration.ofMinutes(30);
  String retention = "180d";
  Path out = Path.of("bench/RESULTS.md");
  Path launcher = Path.of("bin/industriall-monitor");

  /** A state measured after its `once`: the file's size and the rows per table. */
  record Measured(String setup, long bytes, Map<String, Long> rows) {}

  public static void main(String[] args) throws Exception {
    YearBench bench = new YearBench();
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--countries" -> bench.countries = Integer.parseInt(value);
        case "--days" -> bench.days = Integer.parseInt(value);
        case "--articles-per-day" -> bench.articlesPerDay = Integer.parseInt(value);
        case "--out" -> bench.out = Path.of(value);
        case "--launcher" -> bench.launcher = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    bench.run();
  }

  void run() throws Exception {
    Path dir = Files.createTempDirectory("industriall-year-bench");
    ReplicaCatalog catalog = ReplicaCatalog.synthetic(countries, 1);
    try (ReplicaServer replica = ReplicaServer.start(catalog, 0)) {
      Path made = dir.resolve("made");
      once(made, replica, catalog, "3650d");
      long start = System.nanoTime();
      insertYear(made.resolve("state/monitor.db"), catalog.countries());
      log("a year of history inserted in %.1f s", (System.nanoTime() - start) / 1e9);
      List<Measured> measured = new ArrayList<>();
      for (String[] setup : List.of(new String[] {"without retention (all the year kept)", "3650d"},
          new String[] {"with storage.retention " + retention, retention})) {
        Path state = dir.resolve(setup[1]);
        copyTree(made.resolve("state"), state.resolve("state"));
        long began = System.nanoTime();
        once(state, replica, catalog, setup[1]);
        log("%s: once in %.1f s", setup[0], (System.nanoTime() - began) / 1e9);
        measured.add(measure(setup[0], state.resolve("state/monitor.db")));
      }
      String table = table(measured);
      System.out.println(table);
      write(table);
    } finally {
      deleteTree(dir);
    }
  }

  /** Inserts the year's rows in one transaction: the timestamps, not the clock, say when they happened. */
  void insertYear(Path db, List<ReplicaCountry> all) throws Exception {
    Instant now = Instant.now();
    Instant from = now.minus(Duration.ofDays(days));
    Random random = new Random(2026);
    String text = paragraph(random, 3_500);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.setAutoCommit(false);
      try (PreparedStatement run = c.prepareStatement("INSERT INTO crawl_runs(region, started_at, finished_at, pages, seen,"
          + " new_articles, archived, baseline, node_id) VALUES (?, ?, ?, 1, 10, ?, ?, 0, ?)")) {
        int n = 0;
        for (Instant t = from; t.isBefore(now); t = t.plus(walkEvery)) {
          for (ReplicaCountry country : all) {
            run.setInt(1, country.region());
            run.setString(2, STAMP.format(t));
            run.setString(3, STAMP.format(t.plusMillis(400)));
            int found = random.nextInt(48 * countries) < articlesPerDay ? 1 : 0;
            run.setInt(4, found);
            run.setInt(5, found);
            run.setString(6, "node-" + weekOf(from, t));
            run.addBatch();
            if (++n % 10_000 == 0) {
              run.executeBatch();
            }
          }
        }
        run.executeBatch();
      }
      long firstArticle;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM articles")) {
        rs.next();
        firstArticle = rs.getLong(1);
      }
      try (PreparedStatement article = c.prepareStatement("INSERT INTO articles(id, slug, url, title, published, countries,"
              + " archive_path, sidecar_path, sha256, baseline, fetched_at, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)");
          PreparedStatement link = c.prepareStatement("INSERT INTO article_countries(article_id, region, first_seen_at) VALUES (?, ?, ?)");
          PreparedStatement search = c.prepareStatement("INSERT INTO article_search(rowid, title, text) VALUES (?, ?, ?)");
          PreparedStatement delivery = c.prepareStatement("INSERT INTO outbox(delivery_id, channel, event, article_id, region,"
              + " subject, payload, status, attempts, next_attempt_at, created_at, delivered_at)"
              + " VALUES (?, ?, 'article.new', ?, ?, ?, ?, 'delivered', 1, ?, ?, ?)");
          PreparedStatement remembered = c.prepareStatement("INSERT INTO early_warning_skipped(slug, reason, note, seen_at,"
              + " last_listed_at) VALUES (?, 'outside', ?, ?, ?)")) {
        long id = firstArticle;
        for (int day = 0; day < days; day++) {
          for (int i = 0; i < articlesPerDay; i++, id++) {
            Instant at = from.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
            ReplicaCountry country = all.get(random.nextInt(all.size()));
            String slug = "year-article-" + id + "-workers-in-" + country.name().toLowerCase().replace(' ', '-') + "-win-an-agreement";
            String title = "Workers in " + country.name() + " win a new collective agreement (" + id + ")";
            String stamp = STAMP.format(at);
            article.setLong(1, id);
            article.setString(2, slug);
            article.setString(3, "https://www.industriall-union.org/" + slug);
            article.setString(4, title);
            article.setString(5, stamp.substring(0, 10));
            article.setString(6, country.name());
            article.setString(7, "articles/" + stamp.substring(0, 4) + "/" + stamp.substring(0, 10) + "-" + slug + ".txt");
            article.setString(8, "articles/" + stamp.substring(0, 4) + "/" + stamp.substring(0, 10) + "-" + slug + ".json");
            article.setString(9, UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
            article.setString(10, stamp);
            article.setString(11, stamp);
            article.addBatch();
            link.setLong(1, id);
            link.setInt(2, country.region());
            link.setString(3, stamp);
            link.addBatch();
            search.setLong(1, id);
            search.setString(2, title);
            search.setString(3, text);
            search.addBatch();
            for (int ch = 1; ch <= channels; ch++) {
              delivery.setString(1, UUID.randomUUID().toString());
              delivery.setString(2, "channel-" + ch);
              delivery.setLong(3, id);
              delivery.setInt(4, country.region());
              delivery.setString(5, "New article: " + title);
              delivery.setString(6, payload(slug, title, country, stamp, text));
              delivery.setString(7, stamp);
              delivery.setString(8, stamp);
              delivery.setString(9, STAMP.format(at.plusSeconds(2)));
              delivery.addBatch();
            }
            // The feed lists about as many articles of other countries, remembered so as never to fetch them.
            remembered.setString(1, "year-elsewhere-" + id);
            remembered.setString(2, "tagged with countries that are not configured: Elsewhere");
            remembered.setString(3, stamp);
            remembered.setString(4, STAMP.format(at.plus(Duration.ofDays(2)).isAfter(now) ? now : at.plus(Duration.ofDays(2))));
            remembered.addBatch();
          }
          article.executeBatch();
          link.executeBatch();
          search.executeBatch();
          delivery.executeBatch();
          remembered.executeBatch();
        }
      }
      // A daemon restarted once a week: one node row each, checking in until its stop.
      try (PreparedStatement node = c.prepareStatement("INSERT INTO cluster_nodes(node_id, host, pid, started_at, last_checkin_at,"
          + " stopped_at) VALUES (?, 'monitor-host', ?, ?, ?, ?)")) {
        for (int week = 0; week * 7 < days; week++) {
          Instant started = from.plus(Duration.ofDays(7L * week));
          Instant stopped = started.plus(Duration.ofDays(7)).isAfter(now) ? now : started.plus(Duration.ofDays(7));
          node.setString(1, "node-" + week);
          node.setInt(2, 1000 + week);
          node.setString(3, STAMP.format(started));
          node.setString(4, STAMP.format(stopped));
          node.setString(5, STAMP.format(stopped));
          node.addBatch();
        }
        node.executeBatch();
      }
      c.commit();
    }
  }

  static long weekOf(Instant from, Instant t) {
    return Duration.between(from, t).toDays() / 7;
  }

  static String payload(String slug, String title, ReplicaCountry country, String stamp, String text) {
    return "{\"event\":\"article.new\",\"slug\":\"" + slug + "\",\"title\":\"" + title + "\",\"url\":\"https://www.industriall-union.org/"
        + slug + "\",\"published\":\"" + stamp.substring(0, 10) + "\",\"countries\":[\"" + country.name() + "\"],\"lede\":\""
        + text.substring(0, 600) + "\",\"detected_at\":\"" + stamp + "\"}";
  }

  static String paragraph(Random random, int length) {
    String[] words = {"workers", "union", "agreement", "wages", "safety", "collective", "bargaining", "strike", "mining",
        "energy", "textile", "garment", "rights", "solidarity", "industrial", "members", "company", "negotiations"};
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      b.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
    }
    return b.toString();
  }

  void once(Path dir, ReplicaServer replica, ReplicaCatalog catalog, String keep) throws Exception {
    StringBuilder yaml = new StringBuilder()
        .append("site:\n  base_url: ").append(replica.baseUrl()).append('\n')
        .append("  user_agent: \"industriall-monitor-bench/1.0 (+https://github.com/industriall-monitor)\"\n")
        .append("  request_delay: 0ms\n  max_connections_per_host: 4\n  early_warning: {source: off}\n")
        .append("countries:\n");
    for (ReplicaCountry c : catalog.countries()) {
      yaml.append("  - {name: \"").append(c.name()).append("\", region: ").append(c.region()).append("}\n");
    }
    yaml.append("storage:\n  database: ").append(dir.resolve("state/monitor.db")).append('\n')
        .append("  archive: ").append(dir.resolve("state/archive")).append('\n')
        .append("  retention: ").append(keep).append('\n');
    Files.createDirectories(dir);
    Path config = dir.resolve("monitor.yaml");
    Files.writeString(config, yaml);
    Path log = dir.resolve("once.log");
    Process p = new ProcessBuilder(launcher.toAbsolutePath().toString(), "once", "--config", config.toString(), "--logs",
        dir.resolve("logs").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("once failed:\n" + Files.readString(log));
    }
  }

  static Measured measure(String setup, Path db) throws Exception {
    long bytes = 0;
    for (String suffix : List.of("", "-wal")) {
      Path f = Path.of(db + suffix);
      bytes += Files.exists(f) ? Files.size(f) : 0;
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro", "", "");
        Statement st = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          rows.put(table, rs.getLong(1));
        }
      }
    }
    return new Measured(setup, bytes, rows);
  }

  String table(List<Measured> measured) {
    StringBuilder t = new StringBuilder();
    t.append("## The database after a simulated year\n\n")
        .append("Written by `bench/year` on ")
        .append(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append(String.format(". A year (%d days) of history for %d countries, inserted fast into a SQLite state made by `once` on"
            + " the replica, its timestamps spread over the past year (not waited for): a walk of each country every %d minutes"
            + " (a crawl run each), %d new articles a day (each with its row, its country link and its search-index entry of"
            + " about 3.5 KB of text) alerted on %d channels (delivered outbox rows, each with its JSON payload), as many"
            + " items of other countries remembered from the feed, and a node row for a daemon restarted every week (rows of nodes"
            + " silent for a week are forgotten at every start, whatever the retention). Then"
            + " `once` on two copies: one with a retention longer than the year, one with storage.retention %s (`once` prunes"
            + " at its end; SQLite's incremental vacuum gives the space back). Size: the database file and its WAL after"
            + " `once` exits. Articles, their links and their search index are never pruned.%n%n",
            days, countries, walkEvery.toMinutes(), articlesPerDay, channels, retention))
        .append("| setup | database (MB) | crawl runs | outbox | remembered feed items | nodes | articles | search index |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Measured m : measured) {
      t.append(String.format("| %s | %.1f |", m.setup(), m.bytes() / (1024.0 * 1024)));
      for (String table : TABLES) {
        t.append(' ').append(m.rows().get(table)).append(" |");
      }
      t.append('\n');
    }
    if (measured.size() == 2) {
      t.append(String.format("%nWith retention the database is %.0f%% of its size without (%.1f MB against %.1f MB).%n",
          100.0 * measured.get(1).bytes() / measured.get(0).bytes(), measured.get(1).bytes() / (1024.0 * 1024),
          measured.get(0).bytes() / (1024.0 * 1024)));
    }
    return t.toString();
  }

  /** Replaces the year section of the results file (or appends it), leaving the other sections alone. */
  void write(String table) throws IOException {
    String begin = "<!-- year: written by bench/year -->";
    String end = "<!-- /year -->";
    String section = begin + "\n" + table + end + "\n";
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

  static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
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
    System.err.printf("[year bench] " + format + "%n", args);
  }
}
