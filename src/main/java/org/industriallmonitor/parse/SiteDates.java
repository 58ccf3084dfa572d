package org.industriallmonitor.parse;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's two ways of writing a day: ISO in metadata and {@code 6 September, 2023} in text,
 * in each language the site publishes in ({@code 26 noviembre, 2021}, {@code 16 août, 2017},
 * {@code 26 ноября, 2021}), read by the JDK's locale data.
 */
public final class SiteDates {
  private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("d MMMM, uuuu", Locale.ENGLISH);
  /** The site's languages, English first. */
  public static final List<String> LANGUAGES = org.industriallmonitor.config.CountryConfig.SITE_LANGUAGES;
  private static final Map<String, DateTimeFormatter> PRINTED_IN = printedIn();

  private static Map<String, DateTimeFormatter> printedIn() {
    Map<String, DateTimeFormatter> formats = new LinkedHashMap<>();
    for (String language : LANGUAGES) {
      formats.put(language, new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMMM, uuuu")
          .toFormatter(Locale.forLanguageTag(language)));
    }
    return formats;
  }

  private SiteDates() {}

  /** Reads {@code 2023-09-06} or an ISO date-time starting with it. */
  public static Optional<LocalDate> fromIso(String text) {
    String t = text == null ? "" : text.trim();
    if (t.length() < 10) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(t.substring(0, 10)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static final java.util.regex.Pattern PRINTED_SHAPE = java.util.regex.Pattern.compile("\\d{1,2} \\p{L}+\\.?,? \\d{4}");

  /** True when {@code text} has the shape of a printed date in any language: {@code 6 September, 2023}, {@code 16 août, 2017}. */
  public static boolean isPrinted(String text) {
    return text != null && PRINTED_SHAPE.matcher(text).matches();
  }

  /** The printed date {@code text} starts with (an archived article's date run into its lede), if it does. */
  public static Optional<String> printedAtStart(String text) {
    java.util.regex.Matcher m = PRINTED_SHAPE.matcher(text == null ? "" : text);
    return m.lookingAt() ? Optional.of(m.group()) : Optional.empty();
  }

  /** Reads a date as printed on the site in any of its languages: {@code 6 September, 2023}, {@code 16 août, 2017}. */
  public static Optional<LocalDate> fromPrinted(String text) {
    String folded = SiteText.fold(text == null ? "" : text);
    for (DateTimeFormatter format : PRINTED_IN.values()) {
      try {
        return Optional.of(LocalDate.parse(folded, format));
      } catch (DateTimeParseException e) {
        // Another language's month names, perhaps.
      }
    }
    return Optional.empty();
  }

  /**
   * The problem of a text that has the shape of a printed date but a month no language of the
   * site names (for a layout error), or empty when it reads.
   */
  public static Optional<String> unreadable(String text) {
    if (!isPrinted(SiteText.fold(text == null ? "" : text)) || fromPrinted(text).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("the date \"" + SiteText.fold(text) + "\" names a month in none of the site's languages ("
        + String.join(", ", LANGUAGES) + ")");
  }

  /** Prints a date the way the site does. */
  public static String print(LocalDate date) {
    return PRINTED.format(date);
  }

  /** Prints a date the way the site's pages in {@code language} do: {@code 26 noviembre, 2021}. */
  public static String print(LocalDate date, String language) {
    return language.equals("en") ? print(date) : PRINTED_IN.get(language).format(date);
  }
}
