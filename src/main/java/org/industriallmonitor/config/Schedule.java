package org.industriallmonitor.config;

import java.time.Duration;

/**
 * When a country is crawled: every fixed interval, or on a Quartz cron expression; exactly one of
 * {@code every} and {@code cron} is set. Start times are spread by up to {@code jitter}.
 */
public record Schedule(Duration every, String cron, Duration jitter) {
  public static final Duration DEFAULT_EVERY = MonitorDefaults.builtIn().duration("schedule.every");
  /** The longest interval between two crawls of a country: a year (a country not wanted for longer is better removed). */
  public static final Duration LONGEST_EVERY = Duration.ofDays(366);

  public Schedule {
    if ((every == null) == (cron == null)) {
      throw new IllegalArgumentException("exactly one of every and cron");
    }
  }

  public static Schedule every(Duration every) {
    return new Schedule(every, null, defaultJitter(every));
  }

  /** A quarter of the interval (a cron has none: its own default), at most the default {@code jitter}. */
  static Duration defaultJitter(Duration every) {
    MonitorDefaults defaults = MonitorDefaults.builtIn();
    Duration quarter = every == null ? defaults.duration("conditional.schedule.jitter_with_cron") : every.dividedBy(4);
    Duration longest = defaults.duration("schedule.jitter");
    return quarter.compareTo(longest) > 0 ? longest : quarter;
  }

  /** How it reads in messages: {@code every 30m} or {@code cron "0 0 8 * * ?"}. */
  public String describe() {
    return every != null ? "every " + Durations.format(every) : "cron \"" + cron + "\"";
  }
}
