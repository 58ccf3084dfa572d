package org.industriallmonitor.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industriallmonitor.parse.BodyBlocks;
import org.industriallmonitor.parse.SiteDates;

/**
 * An archived article's text read back into its parts, the inverse of {@link ArchiveText#article}: its title,
 * the date as the page printed it, the lede, and the body's blocks, each with its shape (a list's items read
 * by the prefixes {@link BodyBlocks} writes; a quote or a heading known from the sidecar's
 * {@code block_kinds}, since the text does not say). For a reader's view: the archived file stays the record.
 *
 * <p>The format separates its parts by blank lines, which a part may hold too (two {@code br} in a row), or
 * end or start with (one {@code br}): the title and lede the sidecar knows are looked for first, a part is
 * taken to end with the line breaks of a run but the last two, and only a body block with a blank line
 * inside, or starting with a line break, reads otherwise than it was written: as several parts, each with the
 * kind of its block, since the sidecar keeps one kind per part (the text itself always writes back byte for byte).
 */
public record ArchivedText(String title, String date, String lede, List<Block> blocks) {
  private static final String SEPARATOR = "\n\n";
  /**
   * The blank line between two parts: the last two of a run of line breaks, since a part may end with a line
   * break of its own (a {@code br} closing a paragraph, as editors leave them) far more often than start with one.
   */
  private static final Pattern BETWEEN_BLOCKS = Pattern.compile("\n\n(?!\n)");

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
    public String text() {
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
   * {@code kinds} its {@code block_kinds} for this text, one per part the body reads as (ignored when null or not
   * one per part: a sidecar written before they were, one per block, whose article had a blank line inside a block). Empty when the
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
    List<String> texts = rest.isEmpty() ? List.of() : List.of(BETWEEN_BLOCKS.split(rest, -1));
    boolean known = kinds != null && kinds.size() == texts.size();
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      blocks.add(block(texts.get(i), known ? kinds.get(i) : null));
    }
    return Optional.of(new ArchivedText(readTitle, date, readLede, blocks));
  }

  /**
   * One kind per part {@link #read} will split the body into, each the kind of the block the part starts in: a
   * block with a blank line inside (two {@code br} in a row) reads as several parts, each of its kind, so that
   * the kinds still line up with the parts after it. {@code kinds} has one per block.
   */
  static List<String> kindsOfParts(List<String> blocks, List<String> kinds) {
    if (blocks.isEmpty() || kinds.size() != blocks.size()) {
      return List.copyOf(kinds);
    }
    int[] starts = new int[blocks.size()];
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      body.append(i == 0 ? "" : SEPARATOR);
      starts[i] = body.length();
      body.append(blocks.get(i));
    }
    List<String> parts = new ArrayList<>(List.of(kinds.get(0)));
    Matcher m = BETWEEN_BLOCKS.matcher(body);
    int block = 0;
    while (m.find()) {
      while (block + 1 < starts.length && starts[block + 1] <= m.end()) {
        block++;
      }
      parts.add(kinds.get(block));
    }
    return List.copyOf(parts);
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
    Matcher m = BETWEEN_BLOCKS.matcher(rest);
    return m.find() ? rest.substring(0, m.start()) : rest;
  }

  private static String after(String rest, String first) {
    return rest.length() == first.length() ? "" : rest.substring(first.length() + SEPARATOR.length());
  }
}
