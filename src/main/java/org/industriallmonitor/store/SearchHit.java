package org.industriallmonitor.store;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An article a search found: what it is, where it is archived, and a snippet of its text whose
 * matched terms lie between {@link SearchIndex#MATCH_START} and {@link SearchIndex#MATCH_END}.
 */
public record SearchHit(String slug, String title, String published, String countries, String language, String url,
    String archivePath, String snippet, double rank) {

  /**
   * The names of the countries the article is listed under, in the order of its page: the list
   * the alerts' {@code countries} give (the column holds them joined by commas).
   */
  public List<String> countryNames() {
    return countries == null ? List.of() : Arrays.stream(countries.split(",\\s*")).filter(name -> !name.isBlank()).toList();
  }

  /**
   * The snippet for one medium: its text passed through {@code escape} (HTML escaping, say), the
   * matched terms between {@code open} and {@code close}, which are not escaped.
   */
  public String snippet(UnaryOperator<String> escape, String open, String close) {
    StringBuilder out = new StringBuilder();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < snippet.length(); i++) {
      char c = snippet.charAt(i);
      if (c == SearchIndex.MATCH_START || c == SearchIndex.MATCH_END) {
        out.append(escape.apply(run.toString())).append(c == SearchIndex.MATCH_START ? open : close);
        run.setLength(0);
      } else {
        run.append(c);
      }
    }
    return out.append(escape.apply(run.toString())).toString();
  }
}
