package org.industriallmonitor.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed query. Words and "quoted phrases" are all required; {@code a OR b} accepts either
 * ({@code OR} binds its two neighbours, so {@code strike OR lockout mine} is (strike or lockout) and
 * mine); {@code -word} and {@code -"a phrase"} exclude; a word ending in {@code *} is a prefix.
 * {@code OR} and {@code AND} are operators only in capitals ({@code AND} is what a space already
 * means); in lower case they are words. A term of punctuation alone is no term: the index holds no
 * token for it. A control or format character (a NUL, a zero-width space) is a space: the index
 * holds no token for it either, and FTS5 would take it for the end of its string. A query has at most
 * {@value #MAX_TERMS} terms: PostgreSQL runs out of stack on a query of thousands.
 *
 * @param typed what the user typed, as they typed it (without the spaces around)
 * @param required the terms every match has: each inner list is one term or several joined by OR
 * @param excluded the terms no match has
 */
public record SearchQuery(String typed, List<List<Term>> required, List<Term> excluded) {

  /** The most terms (words and phrases, wanted or excluded) a query may have. */
  public static final int MAX_TERMS = 200;

  /** A word or phrase; {@code prefix} when a word ended in {@code *} (which {@code text} no longer has). */
  public record Term(String text, boolean prefix) {}

  public SearchQuery {
    required = required.stream().map(List::copyOf).toList();
    excluded = List.copyOf(excluded);
  }

  /** Every term that a match contains: what a snippet highlights. */
  public List<Term> wanted() {
    return required.stream().flatMap(List::stream).toList();
  }

  /**
   * Parses what a user typed.
   *
   * @throws QuerySyntaxException when it is empty, has an unbalanced quote, an {@code OR} without a
   *     term on each side, an excluded term joined by {@code OR}, or only excluded terms
   */
  public static SearchQuery parse(String typed) {
    String cleaned = spaced(typed == null ? "" : typed);
    List<Token> tokens = tokens(cleaned);
    if (tokens.isEmpty()) {
      throw new QuerySyntaxException("the query is empty: write at least one word to look for");
    }
    long terms = tokens.stream().filter(token -> !token.or()).count();
    if (terms > MAX_TERMS) {
      throw new QuerySyntaxException("the query has " + terms + " words and phrases: a query has at most " + MAX_TERMS);
    }
    List<List<Term>> required = new ArrayList<>();
    List<Term> excluded = new ArrayList<>();
    boolean joinNext = false;
    Token previous = null;
    for (Token token : tokens) {
      if (token.or()) {
        if (previous == null || previous.or()) {
          throw new QuerySyntaxException("OR needs a word or phrase on each side (as in strike OR lockout)");
        }
        if (previous.excluded()) {
          throw new QuerySyntaxException("OR joins words to look for, not an excluded one (-" + previous.term().text() + ")");
        }
        joinNext = true;
      } else if (token.excluded()) {
        if (joinNext) {
          throw new QuerySyntaxException("OR joins words to look for, not an excluded one (-" + token.term().text() + ")");
        }
        excluded.add(token.term());
      } else if (joinNext) {
        required.get(required.size() - 1).add(token.term());
        joinNext = false;
      } else {
        required.add(new ArrayList<>(List.of(token.term())));
      }
      previous = token;
    }
    if (joinNext) {
      throw new QuerySyntaxException("OR needs a word or phrase on each side (as in strike OR lockout)");
    }
    if (required.isEmpty()) {
      throw new QuerySyntaxException("the query only excludes (-word): add a word to look for");
    }
    return new SearchQuery(cleaned.strip(), required, excluded);
  }

  /** {@code typed} with each control or format character a space. */
  private static String spaced(String typed) {
    StringBuilder out = new StringBuilder(typed.length());
    typed.codePoints().forEach(c -> {
      int type = Character.getType(c);
      boolean invisible = Character.isISOControl(c) || type == Character.CONTROL || type == Character.FORMAT;
      out.appendCodePoint(invisible ? ' ' : c);
    });
    return out.toString();
  }

  /** One piece of a query: a term (perhaps excluded) or the operator OR. */
  private record Token(Term term, boolean excluded, boolean or) {}

  private static List<Token> tokens(String typed) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inPhrase = false;
    boolean excluded = false;
    int phraseStart = -1;
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c == '"') {
        if (inPhrase) {
          add(tokens, current.toString(), true, excluded);
          current.setLength(0);
          excluded = false;
        } else {
          // A quote inside a word ends the word and opens a phrase, as it always has.
          excluded = addWord(tokens, current, excluded);
          phraseStart = i;
        }
        inPhrase = !inPhrase;
      } else if (!inPhrase && (c == '(' || c == ')')) {
        // Brackets are read as grouping by whoever writes them, and would be ignored: say so rather than mis-filter.
        throw new QuerySyntaxException("brackets do not group words here (character " + (i + 1) + "): OR joins the word or"
            + " phrase on each side of it, so write strike OR lockout mine for (strike or lockout) and mine, and put a"
            + " bracket that belongs to the text inside quotes");
      } else if (!inPhrase && Character.isWhitespace(c)) {
        excluded = addWord(tokens, current, excluded);
      } else if (!inPhrase && c == '-' && current.length() == 0 && !excluded && i + 1 < typed.length()
          && !Character.isWhitespace(typed.charAt(i + 1))) {
        excluded = true;
      } else {
        current.append(c);
      }
    }
    if (inPhrase) {
      throw new QuerySyntaxException("a quote is not closed: the phrase that opens at character " + (phraseStart + 1)
          + " needs its closing \"");
    }
    addWord(tokens, current, excluded);
    return tokens;
  }

  /** Adds the word in {@code current}, if any, and returns the exclusion state for what follows (none). */
  private static boolean addWord(List<Token> tokens, StringBuilder current, boolean excluded) {
    String word = current.toString();
    current.setLength(0);
    if (word.isEmpty()) {
      return excluded;
    }
    if (!excluded && word.equals("OR")) {
      tokens.add(new Token(null, false, true));
    } else if (!excluded && word.equals("AND")) {
      // What a space means already.
    } else {
      add(tokens, word, false, excluded);
    }
    return false;
  }

  private static void add(List<Token> tokens, String text, boolean phrase, boolean excluded) {
    String term = text.strip();
    boolean prefix = !phrase && term.endsWith("*");
    if (prefix) {
      term = term.replaceAll("\\*+$", "");
    }
    // A term of punctuation alone holds no token: FTS5 would reject the empty string it becomes.
    if (term.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return;
    }
    tokens.add(new Token(new Term(term, prefix), excluded, false));
  }
}
