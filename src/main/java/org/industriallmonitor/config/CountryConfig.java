package org.industriallmonitor.config;

import java.util.List;

/**
 * One monitored country: its display name, the site's region id, its schedule (its own, or the
 * configuration's {@code schedule:}), the ids of the channels its new articles go to ({@code notify:}
 * in the YAML), the languages whose listings are walked ({@code languages:}, English first), and the
 * other names the site may give it ({@code aliases:}), by which it is found again when the site
 * renumbers its region ids.
 */
public record CountryConfig(String name, int region, Schedule schedule, List<String> channels, List<String> languages,
    List<String> aliases) {
  public static final List<String> ENGLISH = List.of("en");
  /** The top-level {@code languages:} when the file has none. */
  public static final List<String> DEFAULT_LANGUAGES = MonitorDefaults.builtIn().list("languages");
  /** The languages the site publishes in, English first. */
  public static final List<String> SITE_LANGUAGES = List.of("en", "es", "fr", "ru");

  public CountryConfig {
    channels = List.copyOf(channels);
    languages = List.copyOf(languages);
    aliases = List.copyOf(aliases);
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("a country is walked in at least one language");
    }
  }

  public CountryConfig(String name, int region, Schedule schedule, List<String> channels, List<String> languages) {
    this(name, region, schedule, channels, languages, List.of());
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

  /** True when the site's {@code siteName} is this country's name or one of its aliases, case and accents aside. */
  public boolean answersTo(String siteName) {
    return CountryNames.same(name, siteName) || aliases.stream().anyMatch(alias -> CountryNames.same(alias, siteName));
  }

  /**
   * This country with its region id {@code id}: the line a user would write into the YAML (its other keys, such
   * as {@code notify:}, stay as they are). A name YAML would misread in a flow mapping ({@code Korea, Republic
   * of}) is quoted.
   */
  public String yamlLine(int id) {
    return "- { name: " + yamlScalar(name) + ", region: " + id + " }";
  }

  private static String yamlScalar(String text) {
    boolean plain = !text.isEmpty() && text.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '.'
        || c == '-' || c == '(' || c == ')' || c == '\'') && Character.isLetter(text.codePointAt(0));
    return plain ? text : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
