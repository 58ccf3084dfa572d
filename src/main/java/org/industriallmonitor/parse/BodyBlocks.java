package org.industriallmonitor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * An article body as the contract's blocks, in document order: each {@code p} and heading one
 * block; a list one block of lines {@code "  • item"} (or {@code "  1. item"}); the paragraphs of
 * a quote; the blocks inside wrappers ({@code div}, {@code section}, {@code figure}, ...). Text
 * standing between blocks is a block of its own, so that no text of the body is lost; images,
 * scripts, captions and empty blocks add nothing.
 */
public final class BodyBlocks {
  /** Elements whose text is one block. */
  private static final Set<String> TEXT_BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "dt", "dd", "summary");
  /** Elements that belong to the text around them. */
  private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em",
      "font", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr");

  private BodyBlocks() {}

  public static List<String> of(Element body) {
    List<String> blocks = new ArrayList<>();
    walk(body, blocks);
    return blocks;
  }

  private static void walk(Element container, List<String> blocks) {
    List<Node> run = new ArrayList<>();
    for (Node child : container.childNodes()) {
      if (child instanceof TextNode || child instanceof Element e && INLINE.contains(e.normalName())) {
        run.add(child);
        continue;
      }
      if (!(child instanceof Element element)) {
        continue; // comments, script data
      }
      flush(run, blocks);
      String tag = element.normalName();
      if (SiteText.NOTHING.contains(tag)) {
        continue;
      }
      if (TEXT_BLOCKS.contains(tag)) {
        add(blocks, SiteText.of(element));
      } else if (tag.equals("ul") || tag.equals("ol")) {
        add(blocks, list(element, tag.equals("ol")));
      } else {
        walk(element, blocks); // div, section, figure, blockquote, table, ...: the blocks inside
      }
    }
    flush(run, blocks);
  }

  private static String list(Element list, boolean ordered) {
    List<String> lines = new ArrayList<>();
    int number = ordered ? start(list) : 0;
    for (Element item : list.children()) {
      if (!item.normalName().equals("li")) {
        continue;
      }
      String text = SiteText.of(item);
      if (!text.isEmpty()) {
        lines.add((ordered ? "  " + number++ + ". " : "  \u2022 ") + text);
      }
    }
    return String.join("\n", lines);
  }

  private static int start(Element ol) {
    try {
      return ol.hasAttr("start") ? Integer.parseInt(ol.attr("start").trim()) : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static void flush(List<Node> run, List<String> blocks) {
    if (!run.isEmpty()) {
      add(blocks, SiteText.of(run, null));
      run.clear();
    }
  }

  /** Adds a block unless it is empty (line breaks alone are empty too). */
  private static void add(List<String> blocks, String text) {
    if (!text.replace("\n", "").isEmpty()) {
      blocks.add(text);
    }
  }
}
