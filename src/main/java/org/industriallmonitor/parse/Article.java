package org.industriallmonitor.parse;

import java.time.LocalDate;
import java.util.List;

/**
 * A parsed article page. {@code date} is the date as the page prints it (kept verbatim for the
 * archive text); {@code published} is the same day as a date; {@code blocks} are the body's
 * paragraphs, headings, lists and quotes as the archive text writes them.
 */
public record Article(
    String url,
    String slug,
    String title,
    LocalDate published,
    String date,
    String lede,
    List<String> blocks,
    List<Region> countries,
    List<Theme> themes,
    List<Translation> translations) {

  public Article {
    blocks = List.copyOf(blocks);
    countries = List.copyOf(countries);
    themes = List.copyOf(themes);
    translations = List.copyOf(translations);
  }
}
