package org.industriallmonitor.store;

import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.query.SearchQuery;

/**
 * A {@link SearchQuery} in FTS5's words, which cannot be a syntax error: every term is a quoted FTS5
 * string (a word ending in {@code *} a prefix), terms joined by OR in parentheses, the required ones
 * joined by AND and the excluded ones taken away with NOT. A user never writes FTS5's own operators.
 */
final class FtsQuery {
  private FtsQuery() {}

  static String of(SearchQuery query) {
    List<String> required = new ArrayList<>();
    for (List<SearchQuery.Term> either : query.required()) {
      required.add(either(either));
    }
    String match = String.join(" AND ", required);
    if (!query.excluded().isEmpty()) {
      match = "(" + match + ") NOT " + either(query.excluded());
    }
    return match;
  }

  private static String either(List<SearchQuery.Term> terms) {
    List<String> quoted = new ArrayList<>();
    for (SearchQuery.Term term : terms) {
      quoted.add("\"" + term.text().replace("\"", "\"\"") + "\"" + (term.prefix() ? "*" : ""));
    }
    return "(" + String.join(" OR ", quoted) + ")";
  }
}
