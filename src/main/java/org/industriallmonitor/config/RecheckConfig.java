package org.industriallmonitor.config;

import java.time.Duration;

/**
 * Articles that change after publication: those published within {@code window} are fetched
 * again every {@code every} ({@code site.recheck_window}, {@code site.recheck_every}); a window
 * of 0 turns re-checking off.
 */
public record RecheckConfig(Duration window, Duration every) {
  public static final RecheckConfig DEFAULT =
      new RecheckConfig(MonitorDefaults.builtIn().duration("site.recheck_window"), MonitorDefaults.builtIn().duration("site.recheck_every"));

  public boolean enabled() {
    return !window.isZero();
  }
}
