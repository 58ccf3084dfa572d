package org.industriallmonitor.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A text's words as SQLite's FTS5 tokenizer ({@code unicode61 remove_diacritics 2}) sees them, for the
 * PostgreSQL index, its queries and its snippets: PostgreSQL's own parser keeps {@code co-op}, {@code 2.0}
 * and {@code info@x.org} whole (and, in a C-locale database, {@code l’usine} and {@code «grève»}), so a
 * phrase or a word found on one engine was missed on the other. A word is a run of letters and numbers;
 * everything else (punctuation, symbols, spaces, control and format characters) separates words. A
 * combining mark after a Latin letter is a diacritic and dropped ({@code cafe\u0301} is {@code cafe});
 * after any other letter FTS5 takes it for a separator, and so does this. Latin letters lose their
 * diacritics ({@code Grève} is {@code greve}; {@code ł} and {@code ø}, which carry none that decomposes,
 * stay); every letter is lower case, one by one ({@code ΟΔΟΣ} is {@code οδοσ}, as FTS5 folds it).
 */
final class SearchWords {
  private SearchWords() {}

  /** A word of a text: where it is ({@code start} inclusive, {@code end} exclusive, in chars) and how it is indexed. */
  record Word(int start, int end, String folded) {}

  /** The text's words, in order. */
  static List<Word> of(String text) {
    List<Word> words = new ArrayList<>();
    StringBuilder folded = new StringBuilder();
    int start = -1;
    int end = -1;
    boolean latin = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      if (isWordChar(c)) {
        if (start < 0) {
          start = i;
        }
        latin = Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
        fold(c, latin, folded);
        end = next;
      } else if (!(isMark(c) && start >= 0 && latin)) {
        // A separator (a mark after a Latin letter is its diacritic, dropped, and the word goes on).
        start = flush(words, start, end, folded);
      }
      i = next;
    }
    flush(words, start, end, folded);
    return words;
  }

  /** The longest word PostgreSQL's tsvector and tsquery hold, in UTF-8 bytes: a longer one is left out. */
  static final int LONGEST = 2046;
  private static final int LAST_POSITION = 16383;
  private static final int POSITIONS_PER_WORD = 256;

  /**
   * The PostgreSQL tsvector (in its input syntax) of an article's title (weight A) and text (weight B), made of
   * these words here rather than by PostgreSQL's parser, which splits by the database's locale. A position lies
   * between the title's last word and the text's first, so that no phrase runs from one into the other (FTS5
   * finds a phrase within one column). Beyond PostgreSQL's bounds, as its own parser does: positions stop at 16383,
   * a word keeps its first 256, a word longer than {@value #LONGEST} bytes is left out.
   */
  static String tsvector(String title, String text) {
    java.util.Map<String, List<String>> positions = new java.util.LinkedHashMap<>();
    int next = 1;
    for (Word w : of(title)) {
      add(positions, w.folded(), next++, 'A');
    }
    next++;
    for (Word w : of(text)) {
      add(positions, w.folded(), next++, 'B');
    }
    StringBuilder out = new StringBuilder();
    positions.forEach((word, at) -> {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(quoted(word)).append(':').append(String.join(",", at));
    });
    return out.toString();
  }

  /** A word as a lexeme of tsvector and tsquery input. */
  static String quoted(String word) {
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  static boolean fits(String word) {
    return word.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= LONGEST;
  }

  private static void add(java.util.Map<String, List<String>> positions, String word, int position, char weight) {
    if (!fits(word)) {
      return;
    }
    List<String> at = positions.computeIfAbsent(word, w -> new ArrayList<>());
    String p = Math.min(position, LAST_POSITION) + String.valueOf(weight);
    if (at.size() < POSITIONS_PER_WORD && !(position >= LAST_POSITION && at.contains(p))) {
      at.add(p);
    }
  }

  /** The folded words of a text (a query's word or phrase). */
  static List<String> folded(String text) {
    return of(text).stream().map(Word::folded).toList();
  }

  private static int flush(List<Word> words, int start, int end, StringBuilder folded) {
    if (start >= 0 && !folded.isEmpty()) {
      words.add(new Word(start, end, folded.toString()));
    }
    folded.setLength(0);
    return -1;
  }

  private static void fold(int c, boolean latin, StringBuilder out) {
    if (latin) {
      String bare = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFD);
      bare.codePoints().filter(d -> !isMark(d)).forEach(d -> out.appendCodePoint(Character.toLowerCase(d)));
    } else {
      out.appendCodePoint(Character.toLowerCase(c));
    }
  }

  private static boolean isWordChar(int c) {
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
          Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }
}
