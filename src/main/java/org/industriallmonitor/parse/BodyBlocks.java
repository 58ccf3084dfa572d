package org.industriallmonitor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * An article body as the contract's blocks, in document order: each {@code p} and heading one
 * block; a list one block of lines {@code "  • item"} (or {@code "  1. item"}); the paragraphs of
 * a quote; the blocks inside wrappers ({@code div}, {@code section}, {@code figure}, ...). Text
 * standing between blocks is a block of its own, so that no text of the body is lost; images,
 * scripts, captions and empty blocks add nothing.
 *
 * <p>The archive text keeps the blocks' text only; {@link #read} also says what each block was
 * ({@link Kind}), which the sidecar keeps so that a reader's view can show a quote as a quote.
 */
public final class BodyBlocks {
  /** What a block of the body was on the page. */
  public enum Kind {
    /** A {@code p} (or any other text block: {@code pre}, {@code dd}, ...), or text standing between blocks. */
    PARAGRAPH,
    /** An {@code h1} to {@code h6}. */
    HEADING,
    /** A {@code ul} or {@code ol}: its lines start with {@code "  • "} or {@code "  1. "}. */
    LIST,
    /** A paragraph inside a {@code blockquote}. */
    QUOTE;

    /** The kind of a block known by its text alone (a list's lines start with two spaces, which no other text does). */
    public static Kind ofText(String block) {
      return isList(block) ? LIST : PARAGRAPH;
    }
  }

  /** A block of the body: its text as the archive writes it, and what it was. */
  public record Block(String text, Kind kind) {}

  /** Elements whose text is one block. */
  private static final Set<String> TEXT_BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "dt", "dd", "summary");
  /** Elements that belong to the text around them. */
  private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em",
      "font", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr");

  /** How each item of a {@code ul} starts its line: two spaces, U+2022, one space. */
  public static final String BULLET = "  \u2022 ";
  /** How each item of an {@code ol} starts its line: two spaces, its number, a full stop, one space. */
  private static final Pattern NUMBERED = Pattern.compile("  (\\d+)\\. ");

  private BodyBlocks() {}

  /** The start of the line of an {@code ol}'s item numbered {@code n}. */
  public static String numbered(int n) {
    return "  " + n + ". ";
  }

  /**
   * Whether an archived block is a list: its first line starts as an item's. No other block can, since an
   * element's text is trimmed and its white space folded (never two spaces at the start of a line).
   */
  public static boolean isList(String block) {
    return block.startsWith(BULLET) || itemNumber(block).isPresent();
  }

  /** The number of an {@code ol}'s item when {@code line} starts as one. */
  public static OptionalInt itemNumber(String line) {
    Matcher m = NUMBERED.matcher(line);
    if (!m.lookingAt() || m.group(1).length() > 9) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(m.group(1)));
  }

  /** The body's blocks as the archive text writes them. */
  public static List<String> of(Element body) {
    return read(body).stream().map(Block::text).toList();
  }

  /** The body's blocks with their kinds. */
  public static List<Block> read(Element body) {
    List<Block> blocks = new ArrayList<>();
    walk(body, blocks, false);
    return blocks;
  }

  private static void walk(Element container, List<Block> blocks, boolean quoted) {
    List<Node> run = new ArrayList<>();
    for (Node child : container.childNodes()) {
      if (child instanceof TextNode || child instanceof Element e && INLINE.contains(e.normalName())) {
        run.add(child);
        continue;
      }
      if (!(child instanceof Element element)) {
        continue; // comments, script data
      }
      flush(run, blocks, quoted);
      String tag = element.normalName();
      if (SiteText.NOTHING.contains(tag)) {
        continue;
      }
      if (TEXT_BLOCKS.contains(tag)) {
        add(blocks, SiteText.of(element), quoted ? Kind.QUOTE : tag.matches("h[1-6]") ? Kind.HEADING : Kind.PARAGRAPH);
      } else if (tag.equals("ul") || tag.equals("ol")) {
        add(blocks, list(element, tag.equals("ol")), Kind.LIST);
      } else {
        // div, section, figure, blockquote, table, ...: the blocks inside
        walk(element, blocks, quoted || tag.equals("blockquote"));
      }
    }
    flush(run, blocks, quoted);
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
        lines.add((ordered ? numbered(number++) : BULLET) + text);
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

  private static void flush(List<Node> run, List<Block> blocks, boolean quoted) {
    if (!run.isEmpty()) {
      add(blocks, SiteText.of(run, null), quoted ? Kind.QUOTE : Kind.PARAGRAPH);
      run.clear();
    }
  }

  /** Adds a block unless it is empty (line breaks alone are empty too). */
  private static void add(List<Block> blocks, String text, Kind kind) {
    if (!text.replace("\n", "").isEmpty()) {
      blocks.add(new Block(text, kind));
    }
  }
}
