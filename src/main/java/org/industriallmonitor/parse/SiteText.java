package org.industriallmonitor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The text of an element as the archive contract defines it: all descendant text, each run of ASCII
 * white space folded to one space and trimmed at both ends, and each {@code br} a line break (the
 * white space around it folds, but is not trimmed: {@code priority <br>for} is
 * {@code "priority \nfor"}). Unlike jsoup's {@code text()}, U+00A0 and every other character are
 * kept as they are. Media, scripts and captions inside add nothing.
 */
public final class SiteText {
  /** Elements that add no text to the archive: media, scripts, captions, form controls. */
  static final Set<String> NOTHING = Set.of("script", "style", "noscript", "template", "img", "picture", "video", "audio",
      "source", "track", "iframe", "embed", "object", "svg", "canvas", "map", "figcaption", "caption", "button", "input", "select",
      "textarea", "hr", "meta", "link");

  private SiteText() {}

  public static String of(Element element) {
    return ofExcept(element, null);
  }

  /** The text of {@code element} without the subtree of {@code excluded} (which may be null). */
  public static String ofExcept(Element element, Element excluded) {
    return of(List.of(element), excluded);
  }

  /** The text of several sibling nodes read as one run (the inline content between blocks). */
  static String of(List<? extends Node> nodes, Element excluded) {
    List<StringBuilder> lines = new ArrayList<>();
    lines.add(new StringBuilder());
    for (Node root : nodes) {
      root.filter(new NodeFilter() {
        @Override
        public FilterResult head(Node node, int depth) {
          if (excluded != null && node == excluded || node instanceof Element e && node != root && NOTHING.contains(e.normalName())) {
            return FilterResult.SKIP_ENTIRELY;
          }
          if (node instanceof TextNode text) {
            lines.get(lines.size() - 1).append(text.getWholeText());
          } else if (node instanceof Element e && e.normalName().equals("br")) {
            lines.add(new StringBuilder());
          }
          return FilterResult.CONTINUE;
        }
      });
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = foldInside(lines.get(i));
      if (i == 0) {
        line = line.startsWith(" ") ? line.substring(1) : line;
      }
      if (i == lines.size() - 1) {
        line = line.endsWith(" ") ? line.substring(0, line.length() - 1) : line;
      }
      out.append(i == 0 ? "" : "\n").append(line);
    }
    return out.toString();
  }

  /** Folds each run of ASCII white space (space, tab, CR, LF, FF) to one space and trims both ends. */
  public static String fold(CharSequence raw) {
    // Not String.strip(): that would take other Unicode spaces (U+2009, U+3000) too.
    String folded = foldInside(raw);
    int start = folded.startsWith(" ") ? 1 : 0;
    int end = folded.length() > start && folded.endsWith(" ") ? folded.length() - 1 : folded.length();
    return folded.substring(start, end);
  }

  /** Folds each run of ASCII white space to one space, trimming nothing. */
  private static String foldInside(CharSequence raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean inSpace = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (isAsciiWhitespace(c)) {
        if (!inSpace) {
          out.append(' ');
          inSpace = true;
        }
      } else {
        out.append(c);
        inSpace = false;
      }
    }
    return out.toString();
  }

  static boolean isAsciiWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
