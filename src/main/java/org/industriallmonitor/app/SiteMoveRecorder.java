package org.industriallmonitor.app;

import java.util.function.Supplier;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.notify.SiteMoveAlerts;
import org.industriallmonitor.site.SiteMove;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the site's moves (a permanent redirect of {@code site.base_url}) and records each with its
 * {@code site_moved} alert to {@code notifications.alerts}; the YAML is never rewritten, the user is told what to
 * write. Called from the fetch that met the redirect, and again from a later request (a minute later at the soonest)
 * until the recording succeeded (a busy or full database): one warning per move, or per end of a move, that could not
 * be written, not one per attempt.
 */
final class SiteMoveRecorder implements SiteMove.Listener {
  private static final Logger log = LoggerFactory.getLogger(SiteMoveRecorder.class);

  private final Supplier<MonitorConfig> config;
  private final SiteMoveAlerts alerts;
  private final Runnable wake;
  /** The move whose recording failed last, so that its retries are not warned of again. */
  private volatile SiteMove failing;
  /** Whether the last end told could not be recorded, so that its retries are not warned of again. */
  private volatile boolean endFailing;

  /** {@code wake}: the dispatcher is told there is an alert to send. */
  SiteMoveRecorder(Supplier<MonitorConfig> config, SiteMoveAlerts alerts, Runnable wake) {
    this.config = config;
    this.alerts = alerts;
    this.wake = wake;
  }

  @Override
  public boolean moved(SiteMove move) {
    try {
      boolean first = alerts.moved(new SiteMoveAlerts.Move(move.from(), move.to(), move.status(), move.yamlLine(), move.problem()),
          config.get().notifications().alerts());
      if (first) {
        log.info("sending monitor.alert (site_moved): {}", move.yamlLine());
        wake.run();
      } else {
        log.info("the move of {} to {} was recorded before; no second alert", move.from(), move.to());
      }
      if (move.equals(failing)) {
        failing = null;
        log.info("the site's move to {} is recorded now", move.to());
      }
      return true;
    } catch (RuntimeException e) {
      // The fetch that met the redirect goes on: the move is followed whether or not it could be written down.
      if (!move.equals(failing)) {
        failing = move;
        log.warn("the site's move to {} could not be recorded ({}); tried again at each request until it is", move.to(), e.getMessage());
      } else {
        log.debug("the site's move to {} still could not be recorded ({})", move.to(), e.getMessage());
      }
      return false;
    }
  }

  @Override
  public boolean ended(String from) {
    try {
      int ended = alerts.ended(from);
      if (ended > 0) {
        log.info("site.base_url {} answers for itself again: its recorded move is over", from);
      }
      if (endFailing) {
        endFailing = false;
        log.info("the end of the site's move from {} is recorded now", from);
      }
      return true;
    } catch (RuntimeException e) {
      if (!endFailing) {
        endFailing = true;
        log.warn("the end of the site's move from {} could not be recorded ({}); tried again at a later answer", from, e.getMessage());
      } else {
        log.debug("the end of the site's move from {} still could not be recorded ({})", from, e.getMessage());
      }
      return false;
    }
  }
}
