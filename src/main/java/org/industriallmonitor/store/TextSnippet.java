package org.industriallmonitor.store;

import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.query.SearchQuery;

/**
 * The snippet of a text around what a query finds in it, made in Java for PostgreSQL as SQLite's FTS5
 * {@code snippet()} makes it: PostgreSQL's {@code ts_headline} compares the folded query with the text as
 * written, so {@code greve} found {@code grève} but marked nothing. The text's words are those of
 * {@link SearchWords}; a word the query wants (a word, a prefix, each word of a phrase in a row) is marked
 * between {@link SearchIndex#MATCH_START} and {@link SearchIndex#MATCH_END} as written, accents kept; the
 * snippet is about {@code tokens} words around the first match, with {@code …} where the text is cut.
 */
final class TextSnippet {
  private TextSnippet() {}

  static String of(String text, SearchQuery query, int tokens) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    List<SearchWords.Word> words = SearchWords.of(text);
    if (words.isEmpty()) {
      return "";
    }
    // Each match is a run of words [from, to); overlapping or touching runs of one phrase are one mark.
    boolean[] marked = new boolean[words.size()];
    boolean[] startsMatch = new boolean[words.size()];
    for (SearchQuery.Term term : query.wanted()) {
      List<String> wanted = SearchWords.folded(term.text());
      if (wanted.isEmpty()) {
        continue;
      }
      for (int i = 0; i + wanted.size() <= words.size(); i++) {
        if (matches(words, i, wanted, term.prefix())) {
          startsMatch[i] = true;
          for (int k = i; k < i + wanted.size(); k++) {
            marked[k] = true;
          }
        }
      }
    }
    int first = 0;
    while (first < words.size() && !marked[first]) {
      first++;
    }
    if (first == words.size()) {
      first = 0;
    }
    int start = Math.max(0, Math.min(first - tokens / 4, words.size() - tokens));
    int end = Math.min(words.size(), start + tokens);
    StringBuilder out = new StringBuilder();
    if (start > 0) {
      out.append('…');
    }
    int at = words.get(start).start();
    for (int i = start; i < end; i++) {
      SearchWords.Word w = words.get(i);
      out.append(text, at, w.start());
      boolean opens = marked[i] && (i == start || !marked[i - 1] || startsMatch[i]);
      boolean closes = marked[i] && (i + 1 == end || !marked[i + 1] || startsMatch[i + 1]);
      if (opens) {
        out.append(SearchIndex.MATCH_START);
      }
      out.append(text, w.start(), w.end());
      if (closes) {
        out.append(SearchIndex.MATCH_END);
      }
      at = w.end();
    }
    if (end < words.size()) {
      out.append('…');
    } else {
      out.append(text, at, text.length());
    }
    return out.toString();
  }

  private static boolean matches(List<SearchWords.Word> words, int at, List<String> wanted, boolean prefix) {
    for (int k = 0; k < wanted.size(); k++) {
      String word = words.get(at + k).folded();
      boolean last = k == wanted.size() - 1;
      if (!(last && prefix ? word.startsWith(wanted.get(k)) : word.equals(wanted.get(k)))) {
        return false;
      }
    }
    return true;
  }
}
