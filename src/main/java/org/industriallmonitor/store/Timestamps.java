package org.industriallmonitor.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one way times are written to the database ({@code 2026-11-25T08:00:00.000Z}, always with
 * milliseconds, so that text order is time order) and read back.
 *
 * <p>Written and read by hand rather than with {@link DateTimeFormatter}: every crawl writes and
 * reads several of them, and in a short {@code once} the formatter's generic machinery cost more
 * than the SQL around it. Anything not in exactly this shape goes through {@link Instant#parse}.
 */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int LENGTH = "2026-11-25T08:00:00.000Z".length();

  private Timestamps() {}

  public static String format(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      return FORMAT.format(instant);
    }
    StringBuilder s = new StringBuilder(LENGTH);
    digits(s, t.getYear(), 4).append('-');
    digits(s, t.getMonthValue(), 2).append('-');
    digits(s, t.getDayOfMonth(), 2).append('T');
    digits(s, t.getHour(), 2).append(':');
    digits(s, t.getMinute(), 2).append(':');
    digits(s, t.getSecond(), 2).append('.');
    digits(s, t.getNano() / 1_000_000, 3).append('Z');
    return s.toString();
  }

  public static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    if (!inOurShape(text)) {
      return Instant.parse(text);
    }
    LocalDateTime t = LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
        number(text, 11, 2), number(text, 14, 2), number(text, 17, 2), number(text, 20, 3) * 1_000_000);
    return t.toInstant(ZoneOffset.UTC);
  }

  private static StringBuilder digits(StringBuilder s, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(text);
  }

  private static boolean inOurShape(String text) {
    if (text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      char expected = "0000-00-00T00:00:00.000Z".charAt(i);
      if (expected == '0' ? c < '0' || c > '9' : c != expected) {
        return false;
      }
    }
    return true;
  }

  private static int number(String text, int start, int length) {
    int value = 0;
    for (int i = start; i < start + length; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
