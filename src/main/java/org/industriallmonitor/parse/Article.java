package org.industriallmonitor.parse;

import java.time.LocalDate;
import java.util.List;

/**
 * A parsed article page. {@code date} is the date as the page prints it (kept verbatim for the
 * archive text); {@code published} is the same day as a date.
 */
public record Article(
    String url,
    String slug,
    String title,
    LocalDate published,
    String date,
    String lede,
    List<String> paragraphs,
    List<Region> countries,
    List<Theme> themes,
    List<Translation> translations) {

  public Article {
    paragraphs = List.copyOf(paragraphs);
    countries = List.copyOf(countries);
    themes = List.copyOf(themes);
    translations = List.copyOf(translations);
  }
}
