package org.industriallmonitor.app;

import java.util.function.Supplier;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.notify.Dispatcher;
import org.industriallmonitor.notify.SiteMoveAlerts;
import org.industriallmonitor.site.SiteMove;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the site's moves (a permanent redirect of {@code site.base_url}) and records each with its
 * {@code site_moved} alert to {@code notifications.alerts}; the YAML is never rewritten, the user is told what to
 * write. Called from the fetch that met the redirect.
 */
final class SiteMoveRecorder implements SiteMove.Listener {
  private static final Logger log = LoggerFactory.getLogger(SiteMoveRecorder.class);

  private final Supplier<MonitorConfig> config;
  private final SiteMoveAlerts alerts;
  private final Dispatcher dispatcher;

  SiteMoveRecorder(Supplier<MonitorConfig> config, SiteMoveAlerts alerts, Dispatcher dispatcher) {
    this.config = config;
    this.alerts = alerts;
    this.dispatcher = dispatcher;
  }

  @Override
  public void moved(SiteMove move) {
    try {
      boolean first = alerts.moved(new SiteMoveAlerts.Move(move.from(), move.to(), move.status(), move.yamlLine(), move.problem()),
          config.get().notifications().alerts());
      if (first) {
        log.info("sending monitor.alert (site_moved): {}", move.yamlLine());
        dispatcher.wake();
      } else {
        log.info("the move of {} to {} was recorded before; no second alert", move.from(), move.to());
      }
    } catch (RuntimeException e) {
      // The fetch that met the redirect goes on: the move is followed whether or not it could be written down.
      log.warn("the site's move to {} could not be recorded ({}); it is recorded when the monitor meets it again", move.to(),
          e.getMessage());
    }
  }
}
