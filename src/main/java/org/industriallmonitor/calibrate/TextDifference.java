package org.industriallmonitor.calibrate;

/** How a text read from a page differs from the known one, said briefly enough for one line of a report. */
final class TextDifference {
  private TextDifference() {}

  static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** Where {@code got} first departs from {@code want}, with a little of each from just before it. */
  static String firstDifference(String got, String want) {
    int i = 0;
    while (i < got.length() && i < want.length() && got.charAt(i) == want.charAt(i)) {
      i++;
    }
    return "character " + i + ": \"" + shorten(got.substring(Math.max(0, i - 10))) + "\" instead of \""
        + shorten(want.substring(Math.max(0, i - 10))) + "\"";
  }
}
