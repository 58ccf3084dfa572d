package org.industriallmonitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.Durations;
import org.industriallmonitor.config.EarlyWarningConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.store.ChannelCounts;
import org.industriallmonitor.store.CountryStatus;
import org.industriallmonitor.store.LearnedSelectorRepository;
import org.industriallmonitor.store.ProblemArticleRepository;
import org.industriallmonitor.store.ScheduleRepository;
import org.industriallmonitor.store.SourceState;
import org.industriallmonitor.store.StateLock;
import org.industriallmonitor.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status}: per country and per channel, what the monitor did and will do. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows what the monitor did and will do, per country and per channel.",
        "Per country: the last crawl, the last success, the number of articles, the next scheduled run and the last error; "
            + "then the early-warning source (its last poll, last new article and errors); "
            + "then pending, delivered and dead deliveries per channel."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "3:the configuration is missing or invalid", "5:the database cannot be read"})
final class StatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the status as JSON, for scripts.")
  boolean json;

  /** One country's line. */
  record CountryLine(CountryStatus status, boolean configured, Instant nextRun, String schedule, int degraded) {
    /** A doubt about the country's configuration, or null. */
    String warning() {
      return status.articles() == 0 && Integer.valueOf(0).equals(status.listedResults())
          ? CrawlReport.noResults(status.region()) : null;
    }
  }

  /** Everything `status` shows; {@code source} is empty when the early-warning source was never polled. */
  record Status(Path database, boolean databaseExists, Optional<StateLock.Holder> holder, List<CountryLine> countries,
      List<ChannelCounts> channels, List<String> configuredChannels, Map<String, LearnedSelectorRepository.Learned> learned,
      java.util.Set<String> configuredSelectors, EarlyWarningConfig earlyWarning, Optional<SourceState> source) {}

  @Override
  public Integer call() throws IOException {
    MonitorConfig config = options.load();
    Status status = gather(config);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(status));
    } else {
      text(status, config.source(), out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static Status gather(MonitorConfig config) throws IOException {
    Path database = config.storage().database();
    Path lockFile = StateLock.fileFor(database);
    Optional<StateLock.Holder> holder = StateLock.holder(lockFile);
    Map<Integer, CountryLine> lines = new LinkedHashMap<>();
    for (CountryConfig country : config.countries()) {
      lines.put(country.region(), new CountryLine(
          new CountryStatus(country.region(), country.name(), null, null, 0, null, false, null), true, null, null, 0));
    }
    Map<String, ChannelCounts> channels = new LinkedHashMap<>();
    Map<String, LearnedSelectorRepository.Learned> learned = new LinkedHashMap<>();
    EarlyWarningConfig earlyWarning = config.site().earlyWarning();
    Optional<SourceState> source = Optional.empty();
    boolean exists = Files.exists(database);
    if (exists) {
      try (Components parts = Components.of(config)) {
        Store store = parts.storeForReading();
        Map<Integer, ScheduleRepository.NextRun> nextRuns =
            holder.filter(StateLock.Holder::isDaemon).isPresent() ? store.schedule().all() : Map.of();
        ProblemArticleRepository problems = store.problems();
        for (CountryStatus row : store.runs().status()) {
          ScheduleRepository.NextRun next = nextRuns.get(row.region());
          lines.put(row.region(), new CountryLine(row, lines.containsKey(row.region()), next == null ? null : next.at(),
              next == null ? null : next.schedule(), problems.degradedCount(row.region())));
        }
        channels.putAll(store.outbox().countsByChannel());
        learned.putAll(store.learnedSelectors().all());
        if (earlyWarning.enabled()) {
          source = store.earlyWarning().read(earlyWarning.source().id());
        }
      }
    }
    for (String id : config.notifications().channelIds()) {
      channels.putIfAbsent(id, new ChannelCounts(id, 0, 0, 0, null));
    }
    return new Status(database, exists, holder, new ArrayList<>(lines.values()), new ArrayList<>(channels.values()),
        config.notifications().channelIds(), learned, config.site().configuredSelectors(), earlyWarning, source);
  }

  private static void text(Status status, Path configFile, PrintWriter out) {
    if (!status.databaseExists()) {
      out.printf("No database yet at %s (from %s): nothing was crawled with this state.%n", status.database().toAbsolutePath(),
          configFile.toAbsolutePath());
      out.println("Run `once` or `run` first, or point status at another state with --config FILE or --state DIR.");
    }
    out.println(status.holder().map(h -> h.isDaemon()
            ? "A daemon is running on this state folder (pid " + h.pid() + ")."
            : "No daemon is running on this state folder; " + (h.command() == null ? "another monitor process" : "`" + h.command() + "`")
                + " (pid " + h.pid() + ") is working on it now.")
        .orElse("No daemon is running on this state folder: nothing is scheduled."));
    // Wide enough for the longest name, "(not configured)" included, so that the columns stay aligned.
    int width = "COUNTRY".length();
    for (CountryLine line : status.countries()) {
      width = Math.max(width, countryName(line).length());
    }
    String row = "%-" + width + "s %7s %9s  %-21s %-21s %-21s %s%n";
    String indent = " ".repeat(width);
    out.printf(row, "COUNTRY", "REGION", "ARTICLES", "LAST CRAWL", "LAST SUCCESS", "NEXT RUN", "LAST ERROR");
    for (CountryLine line : status.countries()) {
      CountryStatus s = line.status();
      out.printf(row, countryName(line), s.region(), s.articles(), time(s.lastCrawl()), time(s.lastSuccess()),
          line.nextRun() == null ? "-" : TIME.format(line.nextRun()), s.lastError() == null ? "-" : s.lastError());
      if (line.degraded() > 0) {
        out.printf("%s %d articles found by the fallback extractor (degraded) wait to be archived: fix site.selectors,"
            + " or set site.fallback_archive: true%n", indent, line.degraded());
      }
      if (line.warning() != null) {
        out.printf("%s %s%n", indent, line.warning());
      }
      if (s.lastCrawl() != null && !s.baselineComplete()) {
        out.printf("%s baseline not complete yet: articles found now are archived without alerts%n", indent);
      }
    }
    out.println();
    earlyWarningLines(status.earlyWarning(), status.source()).forEach(out::println);
    out.println(selectorsLine(status.learned(), status.configuredSelectors()));
    out.println();
    if (status.channels().isEmpty()) {
      out.println("No notification channels are configured.");
      return;
    }
    int channelWidth = "CHANNEL".length();
    for (ChannelCounts c : status.channels()) {
      channelWidth = Math.max(channelWidth, channelName(c, status).length());
    }
    String channelRow = "%-" + channelWidth + "s %8s %10s %6s  %s%n";
    out.printf(channelRow, "CHANNEL", "PENDING", "DELIVERED", "DEAD", "OLDEST PENDING");
    int dead = 0;
    for (ChannelCounts c : status.channels()) {
      out.printf(channelRow, channelName(c, status), c.pending(), c.delivered(), c.dead(), time(c.oldestPending()).replace("never", "-"));
      dead += c.dead();
    }
    if (dead > 0) {
      out.printf("%s: `outbox list --status dead` shows why, `outbox retry` sends them again.%n",
          Plural.of(dead, "dead delivery", "dead deliveries"));
    }
  }

  /** The early-warning source: what it is, its last poll, its last new article, its errors. */
  static List<String> earlyWarningLines(EarlyWarningConfig config, Optional<SourceState> polled) {
    if (!config.enabled()) {
      return List.of("Early warning: off (site.early_warning.source); new articles wait for the walks.");
    }
    List<String> lines = new ArrayList<>();
    String head = "Early warning: " + config.source().id() + ", every " + Durations.format(config.every());
    if (polled.isEmpty()) {
      lines.add(head + "; not polled yet.");
      return lines;
    }
    SourceState s = polled.get();
    lines.add(head + " (" + s.url() + ")");
    lines.add("  last poll: " + time(s.lastPollAt()) + (s.lastOutcome() == null ? "" : " (" + s.lastOutcome().replace('_', ' ') + ")")
        + (s.baselineTaken() ? "" : "; its baseline is not taken yet"));
    lines.add("  last new article: " + (s.lastNewSlug() == null ? "none yet" : time(s.lastNewAt()) + " " + s.lastNewSlug()));
    if (s.consecutiveFailures() > 0) {
      lines.add("  errors: " + Plural.of(s.consecutiveFailures(), "failed poll", "failed polls") + " in a row, the last at "
          + time(s.lastErrorAt()) + ": " + s.lastError() + (s.alertOpen() ? " (monitor alert sent; the walks go on)" : ""));
    } else {
      lines.add("  errors: none" + (s.lastError() == null ? "" : " now (the last, at " + time(s.lastErrorAt()) + ": " + s.lastError() + ")"));
    }
    return lines;
  }

  /** Which selectors are in force: learned by calibrate (and when), written in the configuration, or the defaults. */
  static String selectorsLine(Map<String, LearnedSelectorRepository.Learned> learned, java.util.Set<String> configured) {
    if (learned.isEmpty()) {
      return "Selectors: the defaults" + (configured.isEmpty() ? "" : ", and " + Plural.of(configured.size(), "key", "keys")
          + " set under site.selectors") + "; none learned (`calibrate` learns them from the site).";
    }
    Instant when = learned.values().stream().map(LearnedSelectorRepository.Learned::at).max(Instant::compareTo).orElseThrow();
    long overridden = learned.keySet().stream().filter(configured::contains).count();
    return "Selectors: " + Plural.of(learned.size(), "selector", "selectors") + " learned by `calibrate` on " + TIME.format(when)
        + (overridden == 0 ? "" : "; site.selectors in the configuration overrides " + overridden + " of them") + ".";
  }

  private static String countryName(CountryLine line) {
    return line.status().name() + (line.configured() ? "" : " (not configured)");
  }

  private static String channelName(ChannelCounts c, Status status) {
    return c.channel() + (status.configuredChannels().contains(c.channel()) ? "" : " (not configured)");
  }

  private static String json(Status status) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode daemon = root.putObject("daemon");
    Optional<StateLock.Holder> running = status.holder().filter(StateLock.Holder::isDaemon);
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
      c.put("warning", line.warning());
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
    return mapper.writeValueAsString(root);
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String time(Instant instant) {
    return instant == null ? "never" : TIME.format(instant);
  }
}
