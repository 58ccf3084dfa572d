package org.industriallmonitor.config;

import java.util.List;

/**
 * One monitored country: its display name, the site's region id, its schedule (its own, or the
 * configuration's {@code schedule:}), and the ids of the channels its new articles go to ({@code notify:} in the YAML).
 */
public record CountryConfig(String name, int region, Schedule schedule, List<String> channels) {

  public CountryConfig {
    channels = List.copyOf(channels);
  }

  /** A country on the default schedule with no channels, for callers that neither schedule nor notify. */
  public CountryConfig(String name, int region) {
    this(name, region, Schedule.every(Schedule.DEFAULT_EVERY), List.of());
  }

  public CountryConfig(String name, int region, Schedule schedule) {
    this(name, region, schedule, List.of());
  }
}
