package org.industriallmonitor.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.Durations;
import org.industriallmonitor.config.EarlyWarningConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.store.ChannelCounts;
import org.industriallmonitor.store.CountryStatus;
import org.industriallmonitor.store.CrawlRunRepository;
import org.industriallmonitor.store.LearnedSelectorRepository;
import org.industriallmonitor.store.NodeRepository;
import org.industriallmonitor.store.ProblemArticleRepository;
import org.industriallmonitor.store.RetentionRepository;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.store.ScheduleRepository;
import org.industriallmonitor.store.SiteMoveRepository.SiteMove;
import org.industriallmonitor.store.SourceState;
import org.industriallmonitor.store.StateLock;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.store.WebConsoleRepository;

/**
 * What the monitor did and will do, per country, per channel, for its early-warning source and
 * its web console: gathered once for {@code status}, {@code status --json} and the console's
 * {@code /api/status}, which print the same JSON.
 */
public final class MonitorStatus {
  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC);

  private MonitorStatus() {}

  /**
   * One country's line; {@code moved} is null unless the site lists the configured country under another
   * region id now (then the monitor follows that id and keeps the state under the configured one).
   */
  public record CountryLine(CountryStatus status, boolean configured, Instant nextRun, String schedule, int degraded, int removed,
      Moved moved) {
    public CountryLine(CountryStatus status, boolean configured, Instant nextRun, String schedule, int degraded, int removed) {
      this(status, configured, nextRun, schedule, degraded, removed, null);
    }

    /** This line with the country's move. */
    CountryLine movedTo(Moved move) {
      return new CountryLine(status, configured, nextRun, schedule, degraded, removed, move);
    }

    /** A doubt about the country's configuration, or null. */
    public String warning() {
      return status.articles() == 0 && Integer.valueOf(0).equals(status.listedResults())
          ? CrawlReport.noResults(status.region()) : null;
    }
  }

  /**
   * A configured country that the site lists as {@code siteRegion} ({@code siteName}) since {@code since};
   * {@code yaml} is the line that would make the configuration say so.
   */
  public record Moved(int siteRegion, String siteName, Instant since, String yaml) {}

  /**
   * The configured {@code site.base_url} ({@code from}) answered with a redirect of {@code status}
   * (301 or 308) to {@code to}, first at {@code since}, last at {@code lastSeen}.
   */
  public record SiteMoved(String from, String to, int status, Instant since, Instant lastSeen) {
    /** The line that would make the configuration name the new address. */
    public String yaml() {
      return "base_url: " + to;
    }

    /** True for the redirects that say the move is for good. */
    public boolean permanent() {
      return status == 301 || status == 308;
    }
  }

  /**
   * Everything status shows; {@code source} is empty when the early-warning source was never
   * polled, {@code web} when no daemon ever started its console on this state; {@code siteMoves}
   * holds the moves of the configured base URL only, the most recently seen first.
   */
  public record Status(Path database, boolean databaseExists, Optional<StateLock.Holder> holder, List<CountryLine> countries,
      List<ChannelCounts> channels, List<String> configuredChannels, Map<String, LearnedSelectorRepository.Learned> learned,
      Set<String> configuredSelectors, EarlyWarningConfig earlyWarning, Optional<SourceState> source,
      Optional<WebConsoleRepository.State> web, Nodes nodes, History history, List<SiteMoved> siteMoves) {

    /** The daemon running on this state, if one is. */
    public Optional<StateLock.Holder> daemon() {
      return holder.filter(StateLock.Holder::isDaemon);
    }

    /** The console of the running daemon, as it last said where it serves or why it cannot. */
    public Optional<WebConsoleRepository.State> runningConsole() {
      return web.filter(w -> daemon().map(d -> d.pid() == w.pid()).orElse(false));
    }
  }

  /**
   * The database's size and the oldest history it keeps ({@code kept} null when there is no
   * database yet), with the {@code storage.retention} it is pruned after.
   */
  public record History(RetentionRepository.HistoryKept kept, java.time.Duration retention) {
    /** One line: {@code Database: 12.3 MB; history kept since 2026-06-01 (crawl runs), ...; pruned after 180d.} */
    public String line() {
      if (kept == null) {
        return "Database: none yet; history is pruned after " + Durations.format(retention) + ".";
      }
      Instant oldest = kept.oldestCrawlRun();
      return "Database: " + size(kept.databaseBytes()) + "; history kept since "
          + (oldest == null ? "-" : time(oldest)) + " (crawl runs), " + (kept.oldestDelivery() == null ? "-" : time(kept.oldestDelivery()))
          + " (deliveries); pruned after " + Durations.format(retention) + " (storage.retention).";
    }

    private static String size(long bytes) {
      if (bytes < 1024 * 1024) {
        return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
      }
      if (bytes < 1024L * 1024 * 1024) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
      }
      return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
  }

  /**
   * The nodes that ran on this state (the daemons of a PostgreSQL cluster; with SQLite, the one
   * daemon and each {@code once}) seen within a day, and which node runs or last ran each country.
   */
  public record Nodes(boolean shared, List<NodeRepository.Node> nodes, Map<Integer, CrawlRunRepository.NodeRun> byCountry,
      Instant now, java.time.Duration deadAfter) {
    static final Nodes NONE = new Nodes(false, List.of(), Map.of(), Instant.EPOCH, java.time.Duration.ZERO);

    public boolean anyAlive() {
      return nodes.stream().anyMatch(n -> n.alive(now, deadAfter));
    }

    /** {@code node-b (running now)} or {@code node-a}, for a country's line; null when no run named a node. */
    public String of(int region) {
      CrawlRunRepository.NodeRun run = byCountry.get(region);
      return run == null ? null : run.node() + (run.running() ? " (running now)" : "");
    }
  }

  /**
   * The status of the state that {@code config} names, its database opened for reading only when it has
   * one (none is created: {@code status} works on a state folder that may not be written).
   */
  public static Status read(MonitorConfig config) {
    if (!config.storage().hasDatabase()) {
      return gather(config, Optional.empty());
    }
    try (Components parts = Components.of(config)) {
      return gather(config, Optional.of(parts.storeForReading()));
    }
  }

  /** The status of the state that {@code config} names; {@code store} is empty when it has no database yet. */
  public static Status gather(MonitorConfig config, Optional<Store> store) {
    Path database = config.storage().database();
    Optional<StateLock.Holder> holder = StateLock.holder(StateLock.fileFor(database));
    Map<Integer, CountryLine> lines = new LinkedHashMap<>();
    for (CountryConfig country : config.countries()) {
      lines.put(country.region(), new CountryLine(
          new CountryStatus(country.region(), country.name(), null, null, 0, null, false, null), true, null, null, 0, 0));
    }
    Map<String, ChannelCounts> channels = new LinkedHashMap<>();
    Map<String, LearnedSelectorRepository.Learned> learned = new LinkedHashMap<>();
    EarlyWarningConfig earlyWarning = config.site().earlyWarning();
    Optional<SourceState> source = Optional.empty();
    Optional<WebConsoleRepository.State> web = Optional.empty();
    Nodes nodes = Nodes.NONE;
    RetentionRepository.HistoryKept kept = null;
    List<SiteMoved> siteMoves = new ArrayList<>();
    if (store.isPresent()) {
      Store s = store.get();
      kept = s.retention().kept();
      Instant now = Instant.now();
      nodes = new Nodes(s.isShared(), s.nodes().all().stream().filter(n -> n.lastCheckin().isAfter(now.minus(java.time.Duration.ofDays(1))))
          .toList(), s.runs().nodesByRegion(), now, config.cluster().deadAfter());
      // The schedule is the daemon's: shown while one runs (with PostgreSQL, while any node is alive).
      boolean scheduling = holder.filter(StateLock.Holder::isDaemon).isPresent() || nodes.shared() && nodes.anyAlive();
      Map<Integer, ScheduleRepository.NextRun> nextRuns = scheduling ? s.schedule().all() : Map.of();
      ProblemArticleRepository problems = s.problems();
      Map<Integer, Integer> removed = s.rechecks().removedByRegion();
      for (CountryStatus row : s.runs().status()) {
        ScheduleRepository.NextRun next = nextRuns.get(row.region());
        lines.put(row.region(), new CountryLine(row, lines.containsKey(row.region()), next == null ? null : next.at(),
            next == null ? null : next.schedule(), problems.degradedCount(row.region()), removed.getOrDefault(row.region(), 0)));
      }
      // A country scheduled but never crawled yet has its next run too.
      lines.replaceAll((region, line) -> line.nextRun() != null || !nextRuns.containsKey(region) ? line
          : new CountryLine(line.status(), line.configured(), nextRuns.get(region).at(), nextRuns.get(region).schedule(), line.degraded(),
              line.removed()));
      channels.putAll(s.outbox().countsByChannel());
      learned.putAll(s.learnedSelectors().all());
      if (earlyWarning.enabled()) {
        source = s.earlyWarning().read(earlyWarning.source().id());
      }
      web = s.webConsole().read();
      movedCountries(config, s.regionMoves().all(), lines);
      siteMoves.addAll(siteMoves(config, s.siteMoves().all()));
    }
    for (String id : config.notifications().channelIds()) {
      channels.putIfAbsent(id, new ChannelCounts(id, 0, 0, 0, null));
    }
    return new Status(database, store.isPresent(), holder, new ArrayList<>(lines.values()), new ArrayList<>(channels.values()),
        config.notifications().channelIds(), learned, config.site().configuredSelectors(), earlyWarning, source, web, nodes,
        new History(kept, config.storage().retention()), siteMoves);
  }

  /**
   * Puts each recorded move on its configured country's line; the move of a country no longer
   * configured is left out (the user wrote another id, or removed it: nothing to do).
   */
  private static void movedCountries(MonitorConfig config, List<RegionMove> moves, Map<Integer, CountryLine> lines) {
    for (RegionMove move : moves) {
      CountryLine line = lines.get(move.region());
      Optional<CountryConfig> country = config.countries().stream().filter(c -> c.region() == move.region()).findFirst();
      if (line != null && line.configured() && country.isPresent()) {
        lines.put(move.region(), line.movedTo(new Moved(move.siteRegion(), move.siteName(), move.detectedAt(),
            country.get().yamlLine(move.siteRegion()))));
      }
    }
  }

  /**
   * The recorded moves away from the configured base URL still in force: once the user wrote the new one, or the
   * site went back, they are history.
   */
  static List<SiteMoved> siteMoves(MonitorConfig config, List<SiteMove> moves) {
    String base = withoutSlash(config.site().base());
    return moves.stream().filter(SiteMove::inForce).filter(m -> withoutSlash(m.fromBase()).equalsIgnoreCase(base))
        .map(m -> new SiteMoved(m.fromBase(), m.toBase(), m.status(), m.detectedAt(), m.lastSeenAt())).toList();
  }

  private static String withoutSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * What a moved country's line says: {@code Kyrgyzstan (364): moved: the site lists it as region 9364
   * ("Kyrgyzstan") since ...; ... write  - { name: Kyrgyzstan, region: 9364 }  in FILE}.
   */
  public static String movedLine(CountryLine line, Path configFile) {
    Moved m = line.moved();
    return line.status().name() + " (" + line.status().region() + "): moved: the site lists it as region " + m.siteRegion() + " (\""
        + printable(m.siteName()) + "\") since " + time(m.since()) + "; the monitor follows it and keeps its state; write  " + m.yaml()
        + "  in " + configFile;
  }

  /** What a move of the site says: {@code site: FROM moved permanently (301) to TO since ...; write base_url: TO in FILE}. */
  public static String siteMovedLine(SiteMoved m, Path configFile) {
    return "site: " + printable(m.from()) + (m.permanent() ? " moved permanently (" : " redirects (") + m.status() + ") to "
        + printable(m.to()) + " since " + time(m.since()) + "; write " + printable(m.yaml()) + " in " + configFile;
  }

  /**
   * The site's words with their control characters and direction overrides shown as U+FFFD, as the console shows
   * them: they could rewrite a terminal, or make a name read as another.
   */
  private static String printable(String text) {
    return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}\\x{200E}\\x{200F}\\x{061C}]", "\uFFFD");
  }

  /** The status as the JSON of {@code status --json}. */
  public static String json(Status status) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode daemon = root.putObject("daemon");
    Optional<StateLock.Holder> running = status.daemon();
    daemon.put("running", running.isPresent());
    running.ifPresentOrElse(h -> daemon.put("pid", h.pid()), () -> daemon.putNull("pid"));
    ObjectNode holder = root.putObject("holder");
    status.holder().ifPresentOrElse(h -> holder.put("pid", h.pid()).put("command", h.command()), () -> {
      holder.putNull("pid");
      holder.putNull("command");
    });
    ArrayNode countries = root.putArray("countries");
    for (CountryLine line : status.countries()) {
      CountryStatus s = line.status();
      ObjectNode c = countries.addObject();
      c.put("name", s.name());
      c.put("region", s.region());
      c.put("configured", line.configured());
      c.put("articles", s.articles());
      c.put("last_crawl", iso(s.lastCrawl()));
      c.put("last_success", iso(s.lastSuccess()));
      c.put("next_run", iso(line.nextRun()));
      c.put("schedule", line.schedule());
      c.put("last_error", s.lastError());
      c.put("baseline_complete", s.baselineComplete());
      c.put("degraded_waiting", line.degraded());
      c.put("removed", line.removed());
      c.put("warning", line.warning());
      CrawlRunRepository.NodeRun run = status.nodes().byCountry().get(s.region());
      c.put("node", run == null ? null : run.node());
      c.put("running", run != null && run.running());
      if (line.moved() == null) {
        c.putNull("moved");
      } else {
        c.putObject("moved").put("site_region", line.moved().siteRegion()).put("site_name", line.moved().siteName())
            .put("since", iso(line.moved().since())).put("yaml", line.moved().yaml());
      }
    }
    if (status.siteMoves().isEmpty()) {
      root.putNull("site_moved");
    } else {
      SiteMoved m = status.siteMoves().get(0);
      root.putObject("site_moved").put("from", m.from()).put("to", m.to()).put("status", m.status()).put("since", iso(m.since()))
          .put("last_seen", iso(m.lastSeen())).put("yaml", m.yaml());
    }
    ArrayNode nodes = root.putArray("nodes");
    for (NodeRepository.Node n : status.nodes().nodes()) {
      nodes.addObject().put("id", n.id()).put("host", n.host()).put("pid", n.pid()).put("started_at", iso(n.startedAt()))
          .put("last_checkin", iso(n.lastCheckin())).put("stopped_at", iso(n.stoppedAt()))
          .put("alive", n.alive(status.nodes().now(), status.nodes().deadAfter()));
    }
    ObjectNode earlyWarning = root.putObject("early_warning");
    earlyWarning.put("source", status.earlyWarning().source().id());
    earlyWarning.put("every", status.earlyWarning().enabled() ? Durations.format(status.earlyWarning().every()) : null);
    // A source never polled reads as a fresh one: no address yet, nothing polled, no failure.
    SourceState source = status.source().orElse(SourceState.fresh(status.earlyWarning().source().id(), null));
    earlyWarning.put("url", source.url());
    earlyWarning.put("baseline_taken", source.baselineTaken());
    earlyWarning.put("last_poll", iso(source.lastPollAt()));
    earlyWarning.put("last_outcome", source.lastOutcome());
    earlyWarning.put("last_new_at", iso(source.lastNewAt()));
    earlyWarning.put("last_new_slug", source.lastNewSlug());
    earlyWarning.put("consecutive_failures", source.consecutiveFailures());
    earlyWarning.put("last_error", source.lastError());
    earlyWarning.put("last_error_at", iso(source.lastErrorAt()));
    earlyWarning.put("alert_open", source.alertOpen());
    ObjectNode selectors = root.putObject("selectors");
    ArrayNode learnedKeys = selectors.putArray("learned");
    status.learned().forEach((key, l) -> learnedKeys.addObject().put("key", key).put("selector", l.selector()).put("learned_at", iso(l.at())));
    ArrayNode configured = selectors.putArray("configured");
    status.configuredSelectors().stream().sorted().forEach(configured::add);
    ArrayNode channels = root.putArray("channels");
    for (ChannelCounts counts : status.channels()) {
      ObjectNode c = channels.addObject();
      c.put("id", counts.channel());
      c.put("configured", status.configuredChannels().contains(counts.channel()));
      c.put("pending", counts.pending());
      c.put("delivered", counts.delivered());
      c.put("dead", counts.dead());
      c.put("oldest_pending", iso(counts.oldestPending()));
    }
    ObjectNode database = root.putObject("database");
    RetentionRepository.HistoryKept kept = status.history().kept();
    if (kept == null) {
      database.putNull("size_bytes");
    } else {
      database.put("size_bytes", kept.databaseBytes());
    }
    database.put("oldest_crawl_run", kept == null ? null : iso(kept.oldestCrawlRun()));
    database.put("oldest_delivery", kept == null ? null : iso(kept.oldestDelivery()));
    database.put("retention", Durations.format(status.history().retention()));
    ObjectNode web = root.putObject("web");
    Optional<WebConsoleRepository.State> console = status.runningConsole();
    web.put("serving", console.map(w -> w.url() != null).orElse(false));
    web.put("listen", console.map(WebConsoleRepository.State::listen).orElse(null));
    web.put("url", console.map(WebConsoleRepository.State::url).orElse(null));
    web.put("problem", console.map(WebConsoleRepository.State::problem).orElse(null));
    try {
      return mapper.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The early-warning source: what it is, its last poll, its last new article, its errors. */
  public static List<String> earlyWarningLines(EarlyWarningConfig config, Optional<SourceState> polled) {
    return earlyWarning(config, polled).stream().map(line -> line.article() == null ? line.text() : line.text() + line.article()).toList();
  }

  /**
   * A line of the early-warning source's status: {@code text}, then, on the line of its last new article, that
   * article's slug ({@code article}; else null), which the console shows as the article's linked title.
   */
  public record EarlyWarningLine(String text, String article) {}

  /** {@link #earlyWarningLines}, with the last new article's slug apart. */
  public static List<EarlyWarningLine> earlyWarning(EarlyWarningConfig config, Optional<SourceState> polled) {
    if (!config.enabled()) {
      return List.of(new EarlyWarningLine("Early warning: off (site.early_warning.source); new articles wait for the walks.", null));
    }
    List<EarlyWarningLine> lines = new ArrayList<>();
    String head = "Early warning: " + config.source().id() + ", every " + Durations.format(config.every());
    if (polled.isEmpty()) {
      lines.add(new EarlyWarningLine(head + "; not polled yet.", null));
      return lines;
    }
    SourceState s = polled.get();
    lines.add(new EarlyWarningLine(head + " (" + s.url() + ")", null));
    lines.add(new EarlyWarningLine("  last poll: " + time(s.lastPollAt()) + (s.lastOutcome() == null ? "" : " ("
        + s.lastOutcome().replace('_', ' ') + ")") + (s.baselineTaken() ? "" : "; its baseline is not taken yet"), null));
    lines.add(s.lastNewSlug() == null ? new EarlyWarningLine("  last new article: none yet", null)
        : new EarlyWarningLine("  last new article: " + time(s.lastNewAt()) + " ", s.lastNewSlug()));
    if (s.consecutiveFailures() > 0) {
      lines.add(new EarlyWarningLine("  errors: " + Plural.of(s.consecutiveFailures(), "failed poll", "failed polls") + " in a row, the last at "
          + time(s.lastErrorAt()) + ": " + s.lastError() + (s.alertOpen() ? " (monitor alert sent; the walks go on)" : ""), null));
    } else {
      lines.add(new EarlyWarningLine("  errors: none" + (s.lastError() == null ? "" : " now (the last, at " + time(s.lastErrorAt()) + ": "
          + s.lastError() + ")"), null));
    }
    return lines;
  }

  /** The selectors {@code calibrate} learned, read from the state's database when it has one (none is created). */
  public static Map<String, LearnedSelectorRepository.Learned> learnedSelectors(StorageConfig storage) {
    if (!storage.hasDatabase()) {
      return Map.of();
    }
    try (Store store = Store.openForReading(storage)) {
      return store.learnedSelectors().all();
    }
  }

  /**
   * The recorded moves of the configured base URL, the most recently seen first, read from the state's
   * database when it has one (none is created).
   */
  public static List<SiteMoved> siteMoves(MonitorConfig config) {
    if (!config.storage().hasDatabase()) {
      return List.of();
    }
    try (Store store = Store.openForReading(config.storage())) {
      return siteMoves(config, store.siteMoves().all());
    }
  }

  /** Which selectors are in force: learned by calibrate (and when), written in the configuration, or the defaults. */
  public static String selectorsLine(Map<String, LearnedSelectorRepository.Learned> learned, java.util.Set<String> configured) {
    if (learned.isEmpty()) {
      return "Selectors: the defaults" + (configured.isEmpty() ? "" : ", and " + Plural.of(configured.size(), "key", "keys")
          + " set under site.selectors") + "; none learned (`calibrate` learns them from the site).";
    }
    Instant when = learned.values().stream().map(LearnedSelectorRepository.Learned::at).max(Instant::compareTo).orElseThrow();
    long overridden = learned.keySet().stream().filter(configured::contains).count();
    return "Selectors: " + Plural.of(learned.size(), "selector", "selectors") + " learned by `calibrate` on " + TIME.format(when)
        + (overridden == 0 ? "" : "; site.selectors in the configuration overrides " + overridden + " of them") + ".";
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** A time as status, the console and their lines print it: {@code 2026-11-25 09:05:30Z}, or {@code never}. */
  public static String time(Instant instant) {
    return instant == null ? "never" : TIME.format(instant);
  }
}
