package org.industriallmonitor.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.industriallmonitor.store.Database;
import org.industriallmonitor.store.HealthRepository;
import org.industriallmonitor.store.HealthRepository.Health;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.OutboxRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns crawl outcomes into monitor alerts: one {@code monitor.alert} when a country has failed
 * {@code threshold} crawls in a row or its layout no longer matches the selectors, one
 * {@code monitor.recovered} at its next success; nothing in between.
 */
public final class MonitorAlerts {
  private static final Logger log = LoggerFactory.getLogger(MonitorAlerts.class);

  private final Database db;
  private final AlertQueue queue;
  private final Clock clock;

  public MonitorAlerts(Database db, AlertQueue queue, Clock clock) {
    this.db = db;
    this.queue = queue;
    this.clock = clock;
  }

  /** What one crawl of a country came to. {@code layoutProblem} is null unless the layout broke. */
  public record Outcome(int region, String country, boolean succeeded, String problem, String layoutProblem) {}

  /** Counts the outcome; returns true when it queued an alert or a recovery. */
  public boolean afterCrawl(Outcome outcome, List<String> alertChannels, int threshold) {
    Instant now = clock.instant();
    // A healthy country that stays healthy changes nothing: no write at all, as for most crawls.
    if (outcome.succeeded() && db.read(c -> HealthRepository.read(c, outcome.region())).equals(new Health(0, false))) {
      return false;
    }
    return db.inTransaction(c -> {
      Health before = HealthRepository.read(c, outcome.region());
      List<OutboxEntry> rows = List.of();
      Health after;
      if (outcome.succeeded()) {
        after = new Health(0, false);
        if (before.alertOpen()) {
          rows = queue.monitorRows(Events.MONITOR_RECOVERED, outcome.region(), alertChannels,
              id -> Payloads.monitorRecovered(id, outcome.country(), outcome.region(), now));
          log.info("{} recovered; sending monitor.recovered", outcome.country());
        }
      } else {
        int failures = before.consecutiveFailures() + 1;
        boolean layout = outcome.layoutProblem() != null;
        boolean raise = !before.alertOpen() && (layout || failures >= threshold);
        after = new Health(failures, before.alertOpen() || raise);
        if (raise) {
          String kind = layout ? "layout" : "failures";
          String problem = layout ? outcome.layoutProblem() : outcome.problem();
          rows = queue.monitorRows(Events.MONITOR_ALERT, outcome.region(), alertChannels,
              id -> Payloads.monitorAlert(id, outcome.country(), outcome.region(), kind, failures, problem, now));
          log.error("{}: sending monitor.alert ({}): {}", outcome.country(), kind, problem);
        }
      }
      HealthRepository.write(c, outcome.region(), after, outcome.succeeded() ? null : outcome.problem(), now);
      OutboxRepository.enqueue(c, rows);
      return !rows.isEmpty();
    });
  }
}
