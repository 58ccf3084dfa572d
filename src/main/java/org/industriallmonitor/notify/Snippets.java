package org.industriallmonitor.notify;

import java.util.function.UnaryOperator;
import org.industriallmonitor.store.SearchIndex;

/**
 * The snippet of what a channel's {@code match} found in an article, as its alerts carry it: one line, the
 * matched words between {@code **} (the search index marks them with control characters, which no payload,
 * mail or chat message should carry), the site's own {@code *} and {@code \} behind a backslash ({@code \*},
 * {@code \\}) so that a {@code **} is always a mark; and that form rendered for a medium with its own emphasis.
 */
public final class Snippets {
  static final String MARK = "**";

  private Snippets() {}

  /**
   * The index's snippet ({@link SearchIndex#MATCH_START} ... {@link SearchIndex#MATCH_END}) as a payload's: one line,
   * {@code **word**}, the site's {@code *} as {@code \*} and {@code \} as {@code \\}.
   */
  public static String marked(String indexSnippet) {
    if (indexSnippet == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(indexSnippet.length() + 8);
    indexSnippet.codePoints().forEach(cp -> {
      if (cp == SearchIndex.MATCH_START || cp == SearchIndex.MATCH_END) {
        out.append(MARK);
      } else if (cp == '*' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
        out.append(' ');
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  /**
   * A payload's snippet for one medium: the text between the marks passed through {@code escape} (the site's
   * {@code \*} and {@code \\} read back as {@code *} and {@code \} first), each marked word between {@code open} and
   * {@code close} (not escaped). An unpaired last mark stays text.
   */
  public static String render(String marked, UnaryOperator<String> escape, String open, String close) {
    StringBuilder out = new StringBuilder();
    StringBuilder text = new StringBuilder();
    StringBuilder word = null;
    for (int i = 0; i < marked.length(); i++) {
      char c = marked.charAt(i);
      StringBuilder into = word != null ? word : text;
      if (c == '\\' && i + 1 < marked.length() && (marked.charAt(i + 1) == '*' || marked.charAt(i + 1) == '\\')) {
        into.append(marked.charAt(++i));
      } else if (marked.startsWith(MARK, i)) {
        if (word == null) {
          out.append(escape.apply(text.toString()));
          text.setLength(0);
          word = new StringBuilder();
        } else {
          out.append(open).append(escape.apply(word.toString())).append(close);
          word = null;
        }
        i += MARK.length() - 1;
      } else {
        into.append(c);
      }
    }
    if (word != null) {
      text.append(MARK).append(word);
    }
    return out.append(escape.apply(text.toString())).toString();
  }
}
