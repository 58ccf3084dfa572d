package org.industriallmonitor.parse;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The site's two ways of writing a day: ISO in metadata and {@code 6 September, 2023} in text. */
public final class SiteDates {
  private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("d MMMM, uuuu", Locale.ENGLISH);

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

  /** Reads a date as printed on the site: {@code 6 September, 2023}. */
  public static Optional<LocalDate> fromPrinted(String text) {
    try {
      return Optional.of(LocalDate.parse(SiteText.fold(text == null ? "" : text), PRINTED));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Prints a date the way the site does. */
  public static String print(LocalDate date) {
    return PRINTED.format(date);
  }
}
