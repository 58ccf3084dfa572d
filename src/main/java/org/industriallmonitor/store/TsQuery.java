package org.industriallmonitor.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a user types, as a PostgreSQL tsquery that cannot be a syntax error, with the words of
 * {@link FtsQuery}: every word and every "quoted phrase" required, a word ending in {@code *} a
 * prefix. Words are folded as the index's are: lower case, diacritics removed.
 */
final class TsQuery {
  private TsQuery() {}

  /** Lower case without diacritics: what the index holds and a query looks for ({@code Grève} is {@code greve}). */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }

  static String of(String typed) {
    List<String> terms = new ArrayList<>();
    for (FtsQuery.Term term : FtsQuery.terms(typed)) {
      List<String> words = new ArrayList<>();
      for (String word : fold(term.text()).split("[^\\p{L}\\p{N}]+")) {
        if (!word.isEmpty()) {
          words.add("'" + word.replace("'", "''") + "'");
        }
      }
      if (words.isEmpty()) {
        continue;
      }
      String joined = String.join(" <-> ", words);
      terms.add(term.prefix() ? "(" + joined + ":*)" : "(" + joined + ")");
    }
    return String.join(" & ", terms);
  }
}
