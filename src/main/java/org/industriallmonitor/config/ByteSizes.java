package org.industriallmonitor.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the YAML's byte sizes: a whole number of bytes, or a number with KB, MB or GB (powers of 1024). */
final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)?");

  private ByteSizes() {}

  /** The size written in {@code text}, or empty when it is not in the accepted form. */
  static OptionalLong parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    return OptionalLong.of(switch (unit) {
      case "KB" -> amount * 1024;
      case "MB" -> amount * 1024 * 1024;
      case "GB" -> amount * 1024 * 1024 * 1024;
      default -> amount;
    });
  }
}
