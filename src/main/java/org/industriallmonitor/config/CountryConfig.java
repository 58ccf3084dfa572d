package org.industriallmonitor.config;

import java.util.List;

/**
 * One monitored country: its display name, the site's region id, its schedule (its own, or the
 * configuration's {@code schedule:}), the ids of the channels its new articles go to ({@code notify:}
 * in the YAML), and the languages whose listings are walked ({@code languages:}, English first).
 */
public record CountryConfig(String name, int region, Schedule schedule, List<String> channels, List<String> languages) {
  public static final List<String> ENGLISH = List.of("en");
  /** The top-level {@code languages:} when the file has none. */
  public static final List<String> DEFAULT_LANGUAGES = MonitorDefaults.builtIn().list("languages");
  /** The languages the site publishes in, English first. */
  public static final List<String> SITE_LANGUAGES = List.of("en", "es", "fr", "ru");

  public CountryConfig {
    channels = List.copyOf(channels);
    languages = List.copyOf(languages);
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("a country is walked in at least one language");
    }
  }

  public CountryConfig(String name, int region, Schedule schedule, List<String> channels) {
    this(name, region, schedule, channels, DEFAULT_LANGUAGES);
  }

  /** A country on the default schedule with no channels, for callers that neither schedule nor notify. */
  public CountryConfig(String name, int region) {
    this(name, region, Schedule.every(Schedule.DEFAULT_EVERY), List.of());
  }

  public CountryConfig(String name, int region, Schedule schedule) {
    this(name, region, schedule, List.of());
  }
}
