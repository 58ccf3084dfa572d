package org.industriallmonitor.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.industriallmonitor.store.DiskHealthRepository;
import org.industriallmonitor.store.EarlyWarningRepository;
import org.industriallmonitor.store.HealthRepository;
import org.industriallmonitor.store.HealthRepository.Change;
import org.industriallmonitor.store.HealthRepository.Health;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.OutboxRepository;
import org.industriallmonitor.store.SourceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns crawl outcomes into monitor alerts: one {@code monitor.alert} when a country has failed
 * {@code threshold} crawls in a row or its layout no longer matches the selectors, one
 * {@code monitor.recovered} at its next success; nothing in between. The early-warning source
 * alike, with {@code kind} {@code source}: at once when it vanished, else after {@code threshold}
 * failed polls. The disk alike, with {@code kind} {@code disk}: once when its free space falls
 * below {@code storage.min_free}, {@code monitor.recovered} once there is room again.
 */
public final class MonitorAlerts {
  private static final Logger log = LoggerFactory.getLogger(MonitorAlerts.class);

  private final HealthRepository health;
  private final EarlyWarningRepository sources;
  private final DiskHealthRepository disk;
  private final OutboxRepository outbox;
  private final AlertQueue queue;
  private final Clock clock;

  public MonitorAlerts(HealthRepository health, EarlyWarningRepository sources, DiskHealthRepository disk, OutboxRepository outbox,
      AlertQueue queue, Clock clock) {
    this.health = health;
    this.sources = sources;
    this.disk = disk;
    this.outbox = outbox;
    this.queue = queue;
    this.clock = clock;
  }

  /** One {@code monitor.alert} of kind {@code layout_repaired}: the selectors changed (key, before, after). */
  public void repaired(int region, String country, List<SelectorChange> changes, List<String> alertChannels) {
    Instant now = clock.instant();
    outbox.enqueue(queue.monitorRows(Event.MONITOR_ALERT, region, alertChannels,
        id -> Payloads.layoutRepaired(id, country, region, changes, now)));
  }

  /**
   * The rows of one {@code monitor.alert} of kind {@code region_moved}, to be written with the move's row:
   * the site lists {@code country} (configured as {@code region}) as {@code newRegion} now; {@code yaml} is
   * the line to write into {@code configFile}.
   */
  public List<OutboxEntry> regionMoved(String country, int region, int newRegion, String siteName, String yaml, String configFile,
      List<String> alertChannels, Instant at) {
    String problem = "the site lists " + country + " as region " + newRegion + " now, not " + region
        + "; the monitor follows it there and keeps its state; write `" + yaml + "` in " + configFile;
    return queue.monitorRows(Event.MONITOR_ALERT, region, alertChannels,
        id -> Payloads.regionMoved(id, country, region, newRegion, siteName, yaml, problem, at));
  }

  /** What one crawl of a country came to. {@code layoutProblem} is null unless the layout broke. */
  public record Outcome(int region, String country, boolean succeeded, String problem, String layoutProblem) {}

  /** Counts the outcome; returns true when it queued an alert or a recovery. */
  public boolean afterCrawl(Outcome outcome, List<String> alertChannels, int threshold) {
    // A healthy country that stays healthy changes nothing: no write at all, as for most crawls.
    if (outcome.succeeded() && health.read(outcome.region()).equals(Health.GOOD)) {
      return false;
    }
    Instant now = clock.instant();
    Change change = health.update(outcome.region(), now, before -> decide(outcome, before, alertChannels, threshold, now));
    return !change.alerts().isEmpty();
  }

  private Change decide(Outcome outcome, Health before, List<String> alertChannels, int threshold, Instant now) {
    if (outcome.succeeded()) {
      List<OutboxEntry> rows = List.of();
      if (before.alertOpen()) {
        rows = queue.monitorRows(Event.MONITOR_RECOVERED, outcome.region(), alertChannels,
            id -> Payloads.monitorRecovered(id, outcome.country(), outcome.region(), now));
        log.info("{} recovered; sending monitor.recovered", outcome.country());
      }
      return new Change(Health.GOOD, null, rows);
    }
    int failures = before.consecutiveFailures() + 1;
    boolean layout = outcome.layoutProblem() != null;
    boolean raise = !before.alertOpen() && (layout || failures >= threshold);
    List<OutboxEntry> rows = List.of();
    if (raise) {
      String kind = layout ? "layout" : "failures";
      String problem = layout ? outcome.layoutProblem() : outcome.problem();
      rows = queue.monitorRows(Event.MONITOR_ALERT, outcome.region(), alertChannels,
          id -> Payloads.monitorAlert(id, outcome.country(), outcome.region(), kind, failures, problem, now));
      log.error("{}: sending monitor.alert ({}): {}", outcome.country(), kind, problem);
    }
    return new Change(new Health(failures, before.alertOpen() || raise), outcome.problem(), rows);
  }

  /** What one poll of the early-warning source came to: {@code problem} is null when the source answered. */
  public record SourceOutcome(String problem, boolean vanished) {
    boolean answered() {
      return problem == null;
    }
  }

  /**
   * Saves the source's state after a poll with its health counted: failed polls in a row, and
   * the alert or recovery that this poll raises, in one transaction. Returns the state saved.
   */
  public SourceState afterPoll(SourceState polled, SourceOutcome outcome, List<String> alertChannels, int threshold) {
    Instant now = clock.instant();
    String source = polled.source();
    List<OutboxEntry> rows = List.of();
    int failures = outcome.answered() ? 0 : polled.consecutiveFailures() + 1;
    boolean open = polled.alertOpen();
    if (outcome.answered() && open) {
      rows = queue.monitorRows(Event.MONITOR_RECOVERED, null, alertChannels,
          id -> Payloads.sourceRecovered(id, source, polled.url(), now));
      open = false;
      log.info("early warning {} answers again; sending monitor.recovered", source);
    } else if (!outcome.answered() && !open && (outcome.vanished() || failures >= threshold)) {
      int failed = failures;
      rows = queue.monitorRows(Event.MONITOR_ALERT, null, alertChannels,
          id -> Payloads.sourceAlert(id, source, polled.url(), failed, outcome.problem(), now));
      open = true;
      log.error("early warning {}: sending monitor.alert (source): {}; the walks go on at their schedule", source, outcome.problem());
    }
    SourceState saved = polled.withHealth(failures, open);
    sources.save(saved, rows);
    return saved;
  }

  /** What a look at the free space found too little of: the folder, its free bytes, storage.min_free, and the message. */
  public record DiskShortage(String folder, long freeBytes, long minFreeBytes, String problem) {}

  /** Too little free space: one {@code monitor.alert} of kind {@code disk} unless one is open. Returns true when it queued one. */
  public boolean diskShort(DiskShortage shortage, List<String> alertChannels) {
    Instant now = clock.instant();
    DiskHealthRepository.Change change = disk.update(now, open -> {
      if (open) {
        return null;
      }
      log.error("sending monitor.alert (disk): {}", shortage.problem());
      return new DiskHealthRepository.Change(true, shortage.problem(), queue.monitorRows(Event.MONITOR_ALERT, null, alertChannels,
          id -> Payloads.diskAlert(id, shortage.folder(), shortage.freeBytes(), shortage.minFreeBytes(), shortage.problem(), now)));
    });
    return change != null;
  }

  /** Room enough: one {@code monitor.recovered} of kind {@code disk} when an alert is open; no write otherwise. */
  public boolean diskRoom(List<String> alertChannels) {
    if (!disk.alertOpen()) {
      return false;
    }
    Instant now = clock.instant();
    DiskHealthRepository.Change change = disk.update(now, open -> {
      if (!open) {
        return null;
      }
      log.info("there is free space again; sending monitor.recovered (disk)");
      return new DiskHealthRepository.Change(false, null, queue.monitorRows(Event.MONITOR_RECOVERED, null, alertChannels,
          id -> Payloads.diskRecovered(id, now)));
    });
    return change != null;
  }
}
