package org.industriallmonitor.notify;

import java.util.function.UnaryOperator;
import org.industriallmonitor.store.SearchIndex;

/**
 * The snippet of what a channel's {@code match} found in an article, as its alerts carry it: one line, the
 * matched words between {@code **} (the search index marks them with control characters, which no payload,
 * mail or chat message should carry); and that form rendered for a medium with its own emphasis.
 */
public final class Snippets {
  static final String MARK = "**";

  private Snippets() {}

  /** The index's snippet ({@link SearchIndex#MATCH_START} ... {@link SearchIndex#MATCH_END}) as a payload's: one line, {@code **word**}. */
  public static String marked(String indexSnippet) {
    if (indexSnippet == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(indexSnippet.length() + 8);
    indexSnippet.codePoints().forEach(cp -> {
      if (cp == SearchIndex.MATCH_START || cp == SearchIndex.MATCH_END) {
        out.append(MARK);
      } else if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
        out.append(' ');
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  /**
   * A payload's snippet for one medium: the text between the marks passed through {@code escape}, each
   * marked word between {@code open} and {@code close} (not escaped). An unpaired last mark stays text.
   */
  public static String render(String marked, UnaryOperator<String> escape, String open, String close) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (true) {
      int start = marked.indexOf(MARK, from);
      int end = start < 0 ? -1 : marked.indexOf(MARK, start + MARK.length());
      if (end < 0) {
        return out.append(escape.apply(marked.substring(from))).toString();
      }
      out.append(escape.apply(marked.substring(from, start))).append(open)
          .append(escape.apply(marked.substring(start + MARK.length(), end))).append(close);
      from = end + MARK.length();
    }
  }
}
