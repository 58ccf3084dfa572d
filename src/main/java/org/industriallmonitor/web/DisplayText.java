package org.industriallmonitor.web;

/**
 * A title or name from the site as the console shows it in a line of a page: control
 * characters and the bidirectional overrides and isolates (which make {@code gnp.exe} read as
 * {@code exe.png}) become U+FFFD, so that what a reader sees is what the text holds. HTML
 * escaping is the templates' part; the archived text itself is shown as archived.
 */
final class DisplayText {
  private DisplayText() {}

  /** Longest title a list shows; the article's own page shows all of it. */
  static final int LIST_LENGTH = 300;

  /** {@link #of}, cut at {@link #LIST_LENGTH} characters with an ellipsis: a line of a list stays a line. */
  static String inList(String text) {
    String shown = of(text);
    return shown.codePointCount(0, shown.length()) <= LIST_LENGTH ? shown
        : shown.substring(0, shown.offsetByCodePoints(0, LIST_LENGTH - 1)) + "…";
  }

  static String of(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(hidden(c) ? 0xFFFD : c));
    return out.toString();
  }

  private static boolean hidden(int c) {
    return (c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0)
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
  }
}
