package org.industriallmonitor.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.industriallmonitor.parse.BodyBlocks;
import org.industriallmonitor.parse.SiteDates;

/**
 * An archived article's text read back into its parts, the inverse of {@link ArchiveText#article}: its title,
 * the date as the page printed it, the lede, and the body's blocks, each with its shape (a list's items read
 * by the prefixes {@link BodyBlocks} writes; a quote or a heading known from the sidecar's
 * {@code block_kinds}, since the text does not say). For a reader's view: the archived file stays the record.
 *
 * <p>The format separates its parts by blank lines, which a part may hold too (two {@code br} in a row): the
 * title and lede the sidecar knows are looked for first, so that only a body block with a blank line inside
 * reads as two blocks.
 */
public record ArchivedText(String title, String date, String lede, List<Block> blocks) {
  private static final String SEPARATOR = "\n\n";

  public ArchivedText {
    blocks = List.copyOf(blocks);
  }

  /** How a block is shown. */
  public enum Shape {
    PARAGRAPH, HEADING, QUOTE, BULLETS, NUMBERS;

    /** The sidecar's name of a block's kind ({@code paragraph}, {@code heading}, {@code list}, {@code quote}) as a shape. */
    static Shape ofKind(String kind) {
      return switch (kind == null ? "" : kind.toLowerCase(Locale.ROOT)) {
        case "heading" -> HEADING;
        case "quote" -> QUOTE;
        default -> PARAGRAPH;
      };
    }
  }

  /**
   * A block of the body: a paragraph, heading or quote has one item, its text; a list has one item per
   * entry, without its prefix, and numbers from {@code start}. An item's line breaks are its own.
   */
  public record Block(Shape shape, List<String> items, int start) {
    public Block {
      items = List.copyOf(items);
    }

    /** The block's text as the archive writes it. */
    String text() {
      if (shape != Shape.BULLETS && shape != Shape.NUMBERS) {
        return items.get(0);
      }
      StringBuilder out = new StringBuilder();
      int n = start;
      for (String item : items) {
        out.append(out.isEmpty() ? "" : "\n").append(shape == Shape.BULLETS ? BodyBlocks.BULLET : BodyBlocks.numbered(n++)).append(item);
      }
      return out.toString();
    }
  }

  /**
   * Reads an archived article's text; {@code title} and {@code lede} are the sidecar's (null when unknown), and
   * {@code kinds} its {@code block_kinds} for this text (ignored when null or not one per block). Empty when the
   * text does not start as an archived article does.
   */
  public static Optional<ArchivedText> read(String text, String title, String lede, List<String> kinds) {
    String start = ArchiveText.HEADER + SEPARATOR;
    if (!text.startsWith(start)) {
      return Optional.empty();
    }
    String rest = text.substring(start.length());
    String readTitle;
    if (title != null && (rest.equals(title) || rest.startsWith(title + SEPARATOR))) {
      readTitle = title;
      rest = rest.substring(Math.min(rest.length(), title.length() + SEPARATOR.length()));
    } else {
      readTitle = first(rest);
      rest = after(rest, readTitle);
    }
    String date;
    String readLede;
    int at = lede == null || lede.isEmpty() ? -1 : rest.indexOf(lede);
    int end = at + (lede == null ? 0 : lede.length());
    if (at >= 0 && !rest.substring(0, at).contains(SEPARATOR) && (end == rest.length() || rest.startsWith(SEPARATOR, end))) {
      date = rest.substring(0, at);
      readLede = lede;
      rest = rest.substring(Math.min(rest.length(), end + SEPARATOR.length()));
    } else {
      // A later text with another lede: the date is told by its shape.
      String line = first(rest);
      date = SiteDates.printedAtStart(line).orElse("");
      readLede = line.substring(date.length());
      rest = after(rest, line);
    }
    List<String> texts = rest.isEmpty() ? List.of() : List.of(rest.split(SEPARATOR, -1));
    boolean known = kinds != null && kinds.size() == texts.size();
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      blocks.add(block(texts.get(i), known ? kinds.get(i) : null));
    }
    return Optional.of(new ArchivedText(readTitle, date, readLede, blocks));
  }

  /** The text this reading came from, as {@link ArchiveText#article} writes it. */
  public String text() {
    StringBuilder out = new StringBuilder(ArchiveText.HEADER).append(SEPARATOR).append(title).append(SEPARATOR).append(date).append(lede);
    blocks.forEach(b -> out.append(SEPARATOR).append(b.text()));
    return out.toString();
  }

  /** A block of text: a list when its first line starts as a list's item, else of the kind the sidecar says. */
  static Block block(String text, String kind) {
    if (!BodyBlocks.isList(text)) {
      return new Block(Shape.ofKind(kind), List.of(text), 1);
    }
    boolean bullets = text.startsWith(BodyBlocks.BULLET);
    OptionalInt first = BodyBlocks.itemNumber(text);
    int start = bullets ? 1 : first.getAsInt();
    List<String> items = new ArrayList<>();
    int next = start;
    for (String line : text.split("\n", -1)) {
      String prefix = bullets ? BodyBlocks.BULLET : BodyBlocks.numbered(next);
      if (line.startsWith(prefix)) {
        items.add(line.substring(prefix.length()));
        next++;
      } else {
        // A line break inside an item.
        items.set(items.size() - 1, items.get(items.size() - 1) + "\n" + line);
      }
    }
    return new Block(bullets ? Shape.BULLETS : Shape.NUMBERS, items, start);
  }

  private static String first(String rest) {
    int end = rest.indexOf(SEPARATOR);
    return end < 0 ? rest : rest.substring(0, end);
  }

  private static String after(String rest, String first) {
    return rest.length() == first.length() ? "" : rest.substring(first.length() + SEPARATOR.length());
  }
}
