package org.industriallmonitor.web;

import com.samskivert.mustache.Escapers;

/**
 * Text from the site as the console shows it (pages and feeds): control characters and the
 * bidirectional overrides, embeddings, isolates and marks (which make {@code gnp.exe} read as
 * {@code exe.png}) become U+FFFD, so that what a reader sees is what the text holds. A line
 * ({@link #of}: a title, a name) keeps tabs only; a block ({@link #block}: an archived text, a
 * snippet) keeps its line breaks too. HTML and XML escaping are the templates' and feeds' part.
 * Every view of site text goes through here: this is the one place that says what is hidden.
 * The monitor's own status texts (notices, errors, advice) write commands between backticks, as the
 * terminal shows them; {@link #withCode} turns those into {@code <code>} for a page.
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
    return shown(text, false);
  }

  /** {@link #of}, keeping line breaks: a text of several lines. */
  static String block(String text) {
    return shown(text, true);
  }

  /**
   * {@link #of} as HTML: escaped, each pair of backticks around a text made a {@code <code>} element
   * (status texts write {@code `reindex`} for a command); a backtick left without its pair stays as it is.
   * For the templates' triple braces, which do not escape again.
   */
  static String withCode(String text) {
    String[] parts = of(text).split("`", -1);
    StringBuilder html = new StringBuilder(Escapers.HTML.escape(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      String part = Escapers.HTML.escape(parts[i]);
      boolean opensAPair = i % 2 == 1 && i < parts.length - 1;
      boolean closesAPair = i % 2 == 0;
      html.append(opensAPair ? "<code>" + part : closesAPair ? "</code>" + part : Escapers.HTML.escape("`") + part);
    }
    return html.toString();
  }

  /**
   * Whether {@code url} may become a link: an absolute http or https address without spaces, nor
   * any character that {@link #of} hides. Any other ({@code javascript:}, {@code data:}, relative)
   * is shown as text.
   */
  static boolean isWebLink(String url) {
    return url != null && url.matches("(?i)https?://[^\\x00-\\x20\\x7F]+") && url.codePoints().noneMatch(DisplayText::hidden);
  }

  private static String shown(String text, boolean lines) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(hidden(c) && !(lines && (c == '\n' || c == '\r')) ? 0xFFFD : c));
    return out.toString();
  }

  private static boolean hidden(int c) {
    return (c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0)
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
  }
}
