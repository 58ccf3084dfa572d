package org.industriallmonitor.parse;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The text of an element as the archive contract defines it: all descendant text, each run of ASCII
 * white space folded to one space and trimmed at both ends. Unlike jsoup's {@code text()}, U+00A0
 * and every other character are kept as they are.
 */
public final class SiteText {
  private SiteText() {}

  public static String of(Element element) {
    return ofExcept(element, null);
  }

  /** The text of {@code element} without the subtree of {@code excluded} (which may be null). */
  public static String ofExcept(Element element, Element excluded) {
    StringBuilder raw = new StringBuilder();
    element.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (excluded != null && node == excluded) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (node instanceof TextNode text) {
          raw.append(text.getWholeText());
        }
        return FilterResult.CONTINUE;
      }
    });
    return fold(raw);
  }

  /** Folds each run of ASCII white space (space, tab, CR, LF, FF) to one space and trims both ends. */
  public static String fold(CharSequence raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean pendingSpace = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (isAsciiWhitespace(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  static boolean isAsciiWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
