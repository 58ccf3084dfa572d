package org.industriallmonitor.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.notify.Dispatcher;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running monitor: the scheduler with one job per country, kept in line with the
 * configuration file as it is edited, the pruning of old history, and an orderly stop.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  /** How long running crawls may take to finish when the daemon stops, before they are interrupted. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(7);

  private final CrawlScheduler scheduler;
  private final Dispatcher dispatcher;
  private final ConfigWatcher watcher;
  private final Consumer<MonitorConfig> reconfigure;
  private final HistoryPruner pruner;

  /**
   * @param reconfigure applies a new valid configuration to the crawl pipeline before the
   *     scheduler follows its countries
   */
  public Daemon(Path configFile, ConfigLoader loader, CrawlScheduler scheduler, Dispatcher dispatcher,
      Consumer<MonitorConfig> reconfigure, HistoryPruner pruner) {
    this.scheduler = scheduler;
    this.dispatcher = dispatcher;
    this.reconfigure = reconfigure;
    this.pruner = pruner;
    this.watcher = new ConfigWatcher(configFile, loader, this::reload);
  }

  /** Starts delivering, scheduling the countries of {@code config}, and watching its file every {@code watchPeriod}. */
  public void start(MonitorConfig config, Duration watchPeriod) throws SchedulerException {
    dispatcher.start();
    scheduler.apply(config.countries());
    scheduler.applyEarlyWarning(pollInterval(config));
    scheduler.start();
    watcher.start(watchPeriod);
    pruner.start();
  }

  public CrawlScheduler scheduler() {
    return scheduler;
  }

  /** The error of the last rejected configuration change, or null. */
  public String lastConfigProblem() {
    return watcher.lastProblem();
  }

  private void reload(MonitorConfig config) {
    reconfigure.accept(config);
    try {
      scheduler.apply(config.countries());
      scheduler.applyEarlyWarning(pollInterval(config));
      int countries = config.countries().size();
      log.info("configuration applied: {} {}", countries, countries == 1 ? "country" : "countries");
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot apply the new schedule: " + e.getMessage(), e);
    }
  }

  private static Duration pollInterval(MonitorConfig config) {
    return config.site().earlyWarning().enabled() ? config.site().earlyWarning().every() : null;
  }

  /**
   * Stops watching and scheduling; crawls in flight finish or are interrupted within the grace
   * time; then the dispatcher stops (a delivery in flight gets its own few seconds).
   */
  @Override
  public void close() {
    watcher.close();
    pruner.close();
    try {
      scheduler.shutdown(SHUTDOWN_GRACE);
    } catch (SchedulerException e) {
      log.error("the scheduler did not shut down cleanly: {}", e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      dispatcher.close();
    }
  }
}
