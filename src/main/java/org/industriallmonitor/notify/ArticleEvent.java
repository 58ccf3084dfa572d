package org.industriallmonitor.notify;

import java.time.Instant;
import java.util.List;

/** What an {@code article.new} alert says about an article: its language too, and the addresses of its other language versions. */
public record ArticleEvent(
    String url,
    String slug,
    String title,
    String published,
    String lede,
    List<String> countries,
    List<String> themes,
    String archivePath,
    boolean degraded,
    Instant detectedAt,
    String language,
    List<org.industriallmonitor.parse.Translation> translations) {

  public ArticleEvent {
    countries = List.copyOf(countries);
    themes = List.copyOf(themes);
    translations = List.copyOf(translations);
  }

  /** An article of {@code slug}'s language ({@code es/...} is Spanish), without known translations. */
  public ArticleEvent(String url, String slug, String title, String published, String lede, List<String> countries, List<String> themes,
      String archivePath, boolean degraded, Instant detectedAt) {
    this(url, slug, title, published, lede, countries, themes, archivePath, degraded, detectedAt,
        org.industriallmonitor.parse.SiteUrls.languageOf(slug), List.of());
  }
}
