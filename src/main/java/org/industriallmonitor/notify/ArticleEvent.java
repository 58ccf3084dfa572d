package org.industriallmonitor.notify;

import java.time.Instant;
import java.util.List;

/** What an {@code article.new} alert says about an article. */
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
    Instant detectedAt) {

  public ArticleEvent {
    countries = List.copyOf(countries);
    themes = List.copyOf(themes);
  }
}
