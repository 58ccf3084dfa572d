package org.industriallmonitor.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.industriallmonitor.app.MonitorStatus.CountryLine;
import org.industriallmonitor.app.MonitorStatus.Status;
import org.industriallmonitor.config.Durations;
import org.industriallmonitor.store.ChannelCounts;
import org.industriallmonitor.store.CountryStatus;

/** The text of {@code status}: what the monitor did and will do, per country and per channel, as columns. */
public final class StatusText {
  private StatusText() {}

  /** The whole text, each line ended by the platform's line separator; {@code configFile} is named when no database exists yet. */
  public static String of(Status status, Path configFile) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      text(status, configFile, out);
    }
    return text.toString();
  }

  private static void text(Status status, Path configFile, PrintWriter out) {
    if (!status.databaseExists()) {
      out.printf("No database yet at %s (from %s): nothing was crawled with this state.%n", status.database().toAbsolutePath(),
          configFile.toAbsolutePath());
      out.println("Run `once` or `run` first, or point status at another state with --config FILE or --state DIR.");
    }
    if (status.nodes().shared()) {
      nodesText(status.nodes(), out);
    } else {
      out.println(status.holder().map(h -> h.isDaemon()
              ? "A daemon is running on this state folder (pid " + h.pid() + ")."
              : "No daemon is running on this state folder; " + (h.command() == null ? "another monitor process" : "`" + h.command() + "`")
                  + " (pid " + h.pid() + ") is working on it now.")
          .orElse("No daemon is running on this state folder: nothing is scheduled."));
    }
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
          line.nextRun() == null ? "-" : time(line.nextRun()), s.lastError() == null ? "-" : s.lastError());
      if (line.degraded() > 0) {
        out.printf("%s %d articles found by the fallback extractor (degraded) wait to be archived: fix site.selectors,"
            + " or set site.fallback_archive: true%n", indent, line.degraded());
      }
      if (line.removed() > 0) {
        out.printf("%s %s by the site (404 or 410 on a re-check); the archived texts stay%n", indent,
            Plural.of(line.removed(), "article withdrawn", "articles withdrawn"));
      }
      if (line.warning() != null) {
        out.printf("%s %s%n", indent, line.warning());
      }
      if (status.nodes().shared() && status.nodes().of(s.region()) != null) {
        out.printf("%s node: %s%n", indent, status.nodes().of(s.region()));
      }
      if (s.lastCrawl() != null && !s.baselineComplete()) {
        out.printf("%s baseline not complete yet: articles found now are archived without alerts%n", indent);
      }
    }
    // After the table, whole: the YAML to write must be copied as one piece.
    for (CountryLine line : status.countries()) {
      if (line.moved() != null) {
        out.println(MonitorStatus.movedLine(line, configFile.toAbsolutePath()));
      }
    }
    for (MonitorStatus.SiteMoved move : status.siteMoves()) {
      out.println(MonitorStatus.siteMovedLine(move, configFile.toAbsolutePath()));
    }
    out.println();
    MonitorStatus.earlyWarningLines(status.earlyWarning(), status.source()).forEach(out::println);
    out.println(MonitorStatus.selectorsLine(status.learned(), status.configuredSelectors()));
    out.println(webLine(status));
    out.println(status.history().line());
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

  /** The nodes sharing the PostgreSQL state: alive or not, and their last check-in. */
  private static void nodesText(MonitorStatus.Nodes nodes, PrintWriter out) {
    if (nodes.nodes().isEmpty()) {
      out.println("No node has run on this database yet: nothing is scheduled.");
      return;
    }
    long alive = nodes.nodes().stream().filter(n -> n.alive(nodes.now(), nodes.deadAfter())).count();
    out.printf("Nodes sharing this database: %d alive (dead after %s without a check-in).%n", alive,
        Durations.format(nodes.deadAfter()));
    int width = "NODE".length();
    for (var n : nodes.nodes()) {
      width = Math.max(width, n.id().length());
    }
    String row = "  %-" + width + "s %-8s %-21s %-21s %s%n";
    out.printf(row, "NODE", "STATE", "LAST CHECK-IN", "STARTED", "HOST (PID)");
    for (var n : nodes.nodes()) {
      String state = n.stoppedAt() != null ? "stopped" : n.alive(nodes.now(), nodes.deadAfter()) ? "alive" : "dead";
      out.printf(row, n.id(), state, time(n.lastCheckin()), time(n.startedAt()), n.host() + " (" + n.pid() + ")");
    }
  }

  /** Where the running daemon's web console serves, or why it cannot. */
  public static String webLine(Status status) {
    if (status.nodes().shared()) {
      return "Web console: each node serves its own, on its web.listen.";
    }
    if (status.daemon().isEmpty()) {
      return "Web console: none (it runs with the daemon).";
    }
    return status.runningConsole()
        .map(w -> w.url() != null ? "Web console: " + w.url() : "Web console: not serving on " + w.listen() + ": " + w.problem())
        .orElse("Web console: off (web.enabled: false), or the daemon has not started it yet.");
  }

  private static String countryName(CountryLine line) {
    return line.status().name() + (line.configured() ? "" : " (not configured)");
  }

  private static String channelName(ChannelCounts c, Status status) {
    return c.channel() + (status.configuredChannels().contains(c.channel()) ? "" : " (not configured)");
  }

  private static String time(Instant instant) {
    return MonitorStatus.time(instant);
  }
}
