package org.industriallmonitor.web;

/**
 * A title or name from the site as the console shows it in a line of a page: control
 * characters and the bidirectional overrides and isolates (which make {@code gnp.exe} read as
 * {@code exe.png}) become U+FFFD, so that what a reader sees is what the text holds. HTML
 * escaping is the templates' part; the archived text itself is shown as archived.
 */
final class DisplayText {
  private DisplayText() {}

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
