package org.industriallmonitor.parse;

import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Whether an element read as an article's body looks like the article's and not a sidebar's, a
 * menu's, a header's or a footer's: it is in none of {@code aside}, {@code nav}, {@code header},
 * {@code footer} (nor an element with their ARIA roles), and it follows the article's lede (its
 * title when there is no lede) with at most {@link #MAX_GAP} characters of text between them. A
 * widget that once held a copy of the body passes a byte-for-byte check and then reads other text;
 * these tell it apart on every page.
 */
public final class MainContent {
  /** Elements that hold what is not the page's main content. */
  private static final Set<String> OUTSIDE_TAGS = Set.of("aside", "nav", "header", "footer");
  private static final Set<String> OUTSIDE_ROLES = Set.of("complementary", "navigation", "banner", "contentinfo");
  /** Elements that say they hold the page's main content. */
  private static final Set<String> MAIN_TAGS = Set.of("main", "article");
  /**
   * The most text between the lede and the body (a caption, share links, a "Read this article in"
   * line); another article's body or a page of related items is longer.
   */
  public static final int MAX_GAP = 200;

  private MainContent() {}

  /** The element around {@code e} (or {@code e} itself) that is an aside, a nav, a header or a footer; empty when none. */
  public static Optional<Element> outside(Element e) {
    for (Element up = e; up != null; up = up.parent()) {
      if (OUTSIDE_TAGS.contains(up.normalName()) || OUTSIDE_ROLES.contains(up.attr("role").trim().toLowerCase(java.util.Locale.ROOT))) {
        return Optional.of(up);
      }
    }
    return Optional.empty();
  }

  /** True when {@code e} is inside a {@code main} or an {@code article} (or an element with role main or article). */
  public static boolean inMain(Element e) {
    for (Element up = e; up != null; up = up.parent()) {
      String role = up.attr("role").trim().toLowerCase(java.util.Locale.ROOT);
      if (MAIN_TAGS.contains(up.normalName()) || MAIN_TAGS.contains(role)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Empty when {@code body} can be the article's body next to {@code anchor} (the lede's element,
   * else the title's, named {@code anchorName}; null: not checked); else what is wrong, for a layout error.
   */
  public static Optional<String> problem(Element body, Element anchor, String anchorName) {
    Optional<Element> outside = outside(body);
    if (outside.isPresent()) {
      return Optional.of("the body read is inside <" + outside.get().normalName() + describe(outside.get())
          + ">, a sidebar, menu, header or footer, not the article's content");
    }
    if (anchor == null || anchor == body || anchor.parents().contains(body) || body.parents().contains(anchor)) {
      return Optional.empty();
    }
    int gap = 0;
    for (Node node = afterSubtree(anchor); node != null; node = next(node)) {
      if (node == body) {
        return Optional.empty();
      }
      // A menu, a sidebar or a header between them is not text between the lede and the body: pages put those anywhere.
      if (node instanceof TextNode text && !skipped(text) && text.parent() != null && outside(text.parent()).isEmpty()) {
        gap += text.text().strip().length();
        if (gap > MAX_GAP) {
          return Optional.of("the body read is not next to the article's " + anchorName
              + " (more than " + MAX_GAP + " characters of other text between them): it is not the article's");
        }
      }
    }
    return Optional.of("the body read comes before the article's " + anchorName + ": it is not the article's");
  }

  private static String describe(Element e) {
    String classes = String.join(".", e.classNames());
    return classes.isEmpty() ? "" : " class=\"" + String.join(" ", e.classNames()) + "\"";
  }

  /** Text that no reader sees (scripts, styles), inside {@code text}'s ancestors. */
  private static boolean skipped(TextNode text) {
    for (Node up = text.parent(); up instanceof Element e; up = up.parent()) {
      if (SiteText.NOTHING.contains(e.normalName())) {
        return true;
      }
    }
    return false;
  }

  /** The node that follows {@code node}'s subtree in document order, or null. */
  private static Node afterSubtree(Node node) {
    for (Node up = node; up != null; up = up.parent()) {
      Node sibling = up.nextSibling();
      if (sibling != null) {
        return sibling;
      }
    }
    return null;
  }

  /** The next node in document order (its first child, else what follows its subtree). */
  private static Node next(Node node) {
    return node.childNodeSize() > 0 ? node.childNode(0) : afterSubtree(node);
  }
}
