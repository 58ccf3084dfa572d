package org.industriallmonitor.parse;

import java.time.LocalDate;
import java.util.List;

/**
 * A parsed article page. {@code date} is the date as the page prints it (kept verbatim for the
 * archive text); {@code published} is the same day as a date; {@code blocks} are the body's
 * paragraphs, headings, lists and quotes as the archive text writes them, and {@code kinds} what
 * each of them was (the text alone does not say which paragraph was quoted).
 */
public record Article(
    String url,
    String slug,
    String title,
    LocalDate published,
    String date,
    String lede,
    List<String> blocks,
    List<BodyBlocks.Kind> kinds,
    List<Region> countries,
    List<Theme> themes,
    List<Translation> translations) {

  public Article {
    blocks = List.copyOf(blocks);
    kinds = List.copyOf(kinds);
    if (kinds.size() != blocks.size()) {
      throw new IllegalArgumentException(blocks.size() + " blocks but " + kinds.size() + " kinds");
    }
    countries = List.copyOf(countries);
    themes = List.copyOf(themes);
    translations = List.copyOf(translations);
  }

  /** An article whose blocks are known by their text alone: lists, and paragraphs. */
  public Article(String url, String slug, String title, LocalDate published, String date, String lede, List<String> blocks,
      List<Region> countries, List<Theme> themes, List<Translation> translations) {
    this(url, slug, title, published, date, lede, blocks, blocks.stream().map(BodyBlocks.Kind::ofText).toList(), countries, themes,
        translations);
  }
}
