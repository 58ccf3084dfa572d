package org.industriallmonitor.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a user types into an FTS5 query that cannot be a syntax error: every word, and every
 * "quoted phrase", becomes a quoted FTS5 string, all of them required; a word ending in {@code *}
 * matches as a prefix. FTS5's operators are not offered: `AND` is an ordinary word here.
 */
final class FtsQuery {
  private FtsQuery() {}

  /** One word or "quoted phrase" of a query; {@code prefix} when a word ended in {@code *} (which {@code text} no longer has). */
  record Term(String text, boolean prefix) {}

  static String of(String typed) {
    List<String> quoted = new ArrayList<>();
    for (Term term : terms(typed)) {
      quoted.add("\"" + term.text().replace("\"", "\"\"") + "\"" + (term.prefix() ? "*" : ""));
    }
    return String.join(" ", quoted);
  }

  /** The words and phrases of {@code typed}, in order; terms of punctuation alone are left out. */
  static List<Term> terms(String typed) {
    List<Term> terms = new ArrayList<>();
    if (typed == null) {
      return terms;
    }
    StringBuilder current = new StringBuilder();
    boolean inPhrase = false;
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c == '"') {
        add(terms, current, inPhrase);
        inPhrase = !inPhrase;
      } else if (!inPhrase && Character.isWhitespace(c)) {
        add(terms, current, false);
      } else {
        current.append(c);
      }
    }
    add(terms, current, inPhrase);
    return terms;
  }

  private static void add(List<Term> terms, StringBuilder current, boolean phrase) {
    String term = current.toString().strip();
    current.setLength(0);
    boolean prefix = !phrase && term.endsWith("*");
    if (prefix) {
      term = term.replaceAll("\\*+$", "");
    }
    // A term of punctuation alone holds no token: FTS5 would reject the empty string it becomes.
    if (term.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return;
    }
    terms.add(new Term(term, prefix));
  }
}
