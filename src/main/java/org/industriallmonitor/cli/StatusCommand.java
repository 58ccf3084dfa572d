package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.CountryStatus;
import org.industriallmonitor.store.CrawlRunRepository;
import org.industriallmonitor.store.ChannelCounts;
import org.industriallmonitor.store.Database;
import org.industriallmonitor.store.OutboxRepository;
import org.industriallmonitor.store.ProblemArticleRepository;
import org.industriallmonitor.store.ScheduleRepository;
import org.industriallmonitor.store.StateLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status}: per country, the last crawl, the last success, the article count and the last error. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows, per country, the last crawl, the last success, the number of articles, the next scheduled run and the last error; then pending, delivered and dead deliveries per channel.")
final class StatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    MonitorConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.exists(config.storage().database())) {
      out.printf("No database yet at %s: nothing was crawled. Run `once` or `run` first.%n", config.storage().database());
      out.flush();
      return ExitCodes.OK;
    }
    List<CountryStatus> rows;
    Map<Integer, ScheduleRepository.NextRun> nextRuns;
    Map<String, ChannelCounts> deliveries;
    Map<Integer, Integer> degraded = new LinkedHashMap<>();
    boolean daemonRunning = StateLock.isHeld(StateLock.fileFor(config.storage().database()));
    try (Database db = Database.open(config.storage().database(), MonitorContext.BUSY_TIMEOUT)) {
      rows = new CrawlRunRepository(db).status();
      nextRuns = daemonRunning ? new ScheduleRepository(db).all() : Map.of();
      deliveries = new LinkedHashMap<>(new OutboxRepository(db).countsByChannel());
      ProblemArticleRepository problems = new ProblemArticleRepository(db);
      rows.forEach(row -> degraded.put(row.region(), problems.degradedCount(row.region())));
    }
    Map<Integer, CountryStatus> byRegion = new LinkedHashMap<>();
    for (CountryConfig country : config.countries()) {
      byRegion.put(country.region(), new CountryStatus(country.region(), country.name(), null, null, 0, null, false));
    }
    for (CountryStatus row : rows) {
      byRegion.put(row.region(), row);
    }
    out.println(daemonRunning
        ? "A daemon is running on this state folder (pid " + StateLock.ownerPid(StateLock.fileFor(config.storage().database()))
            .map(String::valueOf).orElse("?") + ")."
        : "No daemon is running on this state folder: nothing is scheduled.");
    out.printf("%-20s %7s %9s  %-21s %-21s %-21s %s%n", "COUNTRY", "REGION", "ARTICLES", "LAST CRAWL", "LAST SUCCESS",
        "NEXT RUN", "LAST ERROR");
    for (CountryStatus s : byRegion.values()) {
      boolean configured = config.countries().stream().anyMatch(c -> c.region() == s.region());
      String name = s.name() + (configured ? "" : " (not configured)");
      String error = s.lastError() == null ? "-" : s.lastError();
      ScheduleRepository.NextRun next = nextRuns.get(s.region());
      String nextRun = next == null ? "-" : next.at() == null ? "none" : TIME.format(next.at());
      out.printf("%-20s %7d %9d  %-21s %-21s %-21s %s%n", name, s.region(), s.articles(), time(s.lastCrawl()),
          time(s.lastSuccess()), nextRun, error);
      int notArchived = degraded.getOrDefault(s.region(), 0);
      if (notArchived > 0) {
        out.printf("%-20s %d articles found by the fallback extractor (degraded) wait to be archived: fix site.selectors,"
            + " or set site.fallback_archive: true%n", "", notArchived);
      }
      if (s.lastCrawl() != null && !s.baselineComplete()) {
        out.printf("%-20s baseline not complete yet: articles found now are archived without alerts%n", "");
      }
    }
    printDeliveries(out, config, deliveries);
    out.flush();
    return ExitCodes.OK;
  }

  private static void printDeliveries(PrintWriter out, MonitorConfig config, Map<String, ChannelCounts> counts) {
    for (String id : config.notifications().channelIds()) {
      counts.putIfAbsent(id, new ChannelCounts(id, 0, 0, 0, null));
    }
    if (counts.isEmpty()) {
      out.println();
      out.println("No notification channels are configured.");
      return;
    }
    out.println();
    out.printf("%-20s %8s %10s %6s  %s%n", "CHANNEL", "PENDING", "DELIVERED", "DEAD", "OLDEST PENDING");
    int dead = 0;
    for (ChannelCounts c : counts.values()) {
      boolean configured = config.notifications().channelIds().contains(c.channel());
      out.printf("%-20s %8d %10d %6d  %s%n", c.channel() + (configured ? "" : " (not configured)"), c.pending(), c.delivered(),
          c.dead(), c.oldestPending() == null ? "-" : TIME.format(c.oldestPending()));
      dead += c.dead();
    }
    if (dead > 0) {
      out.printf("%d dead deliveries: `outbox list --status dead` shows why, `outbox retry` sends them again.%n", dead);
    }
  }

  private static String time(Instant instant) {
    return instant == null ? "never" : TIME.format(instant);
  }
}
