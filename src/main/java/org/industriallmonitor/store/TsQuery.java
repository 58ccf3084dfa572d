package org.industriallmonitor.store;

import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.query.SearchQuery;

/**
 * A {@link SearchQuery} as a PostgreSQL tsquery (in its input syntax, cast rather than parsed, as the index's
 * tsvector is made), which cannot be a syntax error: a phrase's words
 * follow each other ({@code <->}), a prefix ends in {@code :*}, OR is {@code |}, the required terms are
 * joined by {@code &} and the excluded ones by {@code & !}. Words are split and folded as the index's are
 * ({@link SearchWords}): as SQLite's FTS5 splits and folds them.
 */
final class TsQuery {
  private TsQuery() {}

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
      for (String word : SearchWords.folded(term.text())) {
        if (SearchWords.fits(word)) {
          words.add(SearchWords.quoted(word));
        }
      }
      if (!words.isEmpty()) {
        alternatives.add("(" + String.join(" <-> ", words) + (term.prefix() ? ":*" : "") + ")");
      }
    }
    return alternatives.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("(" + String.join(" | ", alternatives) + ")");
  }
}
