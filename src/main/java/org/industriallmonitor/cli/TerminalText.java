package org.industriallmonitor.cli;

/**
 * Text from the site made safe for a terminal and a log file: control characters (NUL, BEL,
 * ESC, CR, LF, ...) and the direction overrides that can disguise a line are written as escapes
 * such as {@code \x1B} and {@code \u202E}, so a title can neither move the cursor, ring, recolour
 * the terminal, nor forge a log line. The archive keeps the text as it is.
 */
final class TerminalText {
  private TerminalText() {}

  static String safe(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c) {
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
      return String.format("\\x%02X", (int) c);
    }
    if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F') {
      return String.format("\\u%04X", (int) c);
    }
    return null;
  }
}
