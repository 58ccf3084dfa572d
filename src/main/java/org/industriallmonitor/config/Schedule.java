package org.industriallmonitor.config;

import java.time.Duration;

/**
 * When a country is crawled: every fixed interval, or on a Quartz cron expression; exactly one of
 * {@code every} and {@code cron} is set. Start times are spread by up to {@code jitter}.
 */
public record Schedule(Duration every, String cron, Duration jitter) {
  public static final Duration DEFAULT_EVERY = Duration.ofMinutes(30);
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

  /** A quarter of the interval, at most 5 minutes. */
  static Duration defaultJitter(Duration every) {
    Duration quarter = every == null ? Duration.ofMinutes(1) : every.dividedBy(4);
    return quarter.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : quarter;
  }

  /** How it reads in messages: {@code every 30m} or {@code cron "0 0 8 * * ?"}. */
  public String describe() {
    return every != null ? "every " + Durations.format(every) : "cron \"" + cron + "\"";
  }
}
