package org.industriallmonitor.config;

/**
 * One monitored country: its display name, the site's region id, and its schedule (its own, or
 * the configuration's {@code schedule:}).
 */
public record CountryConfig(String name, int region, Schedule schedule) {

  /** A country on the default schedule, for callers that do not schedule (tests, {@code once}). */
  public CountryConfig(String name, int region) {
    this(name, region, Schedule.every(Schedule.DEFAULT_EVERY));
  }
}
