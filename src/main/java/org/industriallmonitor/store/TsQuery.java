package org.industriallmonitor.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.industriallmonitor.query.SearchQuery;

/**
 * A {@link SearchQuery} as a PostgreSQL tsquery, which cannot be a syntax error: a phrase's words
 * follow each other ({@code <->}), a prefix ends in {@code :*}, OR is {@code |}, the required terms are
 * joined by {@code &} and the excluded ones by {@code & !}. Words are folded as the index's are: lower
 * case, diacritics removed.
 */
final class TsQuery {
  private TsQuery() {}

  /** Lower case without diacritics: what the index holds and a query looks for ({@code Grève} is {@code greve}). */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }

  static String of(SearchQuery query) {
    List<String> parts = new ArrayList<>();
    for (List<SearchQuery.Term> either : query.required()) {
      either(either).ifPresent(parts::add);
    }
    if (parts.isEmpty()) {
      return "";
    }
    either(query.excluded()).ifPresent(none -> parts.add("!" + none));
    return String.join(" & ", parts);
  }

  private static java.util.Optional<String> either(List<SearchQuery.Term> terms) {
    List<String> alternatives = new ArrayList<>();
    for (SearchQuery.Term term : terms) {
      List<String> words = new ArrayList<>();
      for (String word : fold(term.text()).split("[^\\p{L}\\p{N}]+")) {
        if (!word.isEmpty()) {
          words.add("'" + word.replace("'", "''") + "'");
        }
      }
      if (!words.isEmpty()) {
        alternatives.add("(" + String.join(" <-> ", words) + (term.prefix() ? ":*" : "") + ")");
      }
    }
    return alternatives.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("(" + String.join(" | ", alternatives) + ")");
  }
}
