package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The words PostgreSQL indexes are those SQLite's FTS5 (unicode61 remove_diacritics 2) finds, as FTS5 measured them. */
class SearchWordsTest {
  @Test
  void punctuationSymbolsAndInvisiblesSeparateAndLatinLettersLoseTheirDiacritics() {
    assertThat(SearchWords.folded("The mine co-op strike, ILO 2.0 plan, l’usine «grève» and “union” leaders info@x.org"))
        .containsExactly("the", "mine", "co", "op", "strike", "ilo", "2", "0", "plan", "l", "usine", "greve", "and", "union",
            "leaders", "info", "x", "org");
    assertThat(SearchWords.folded("a€b c+d e_f g·h 3½ x²y Ⅻ ø ł ß İstanbul cafe\u0301 \uE000q ǅ a\u200Bb n\u00ADo ŁÓDŹ"))
        .containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "3½", "x²y", "ⅻ", "ø", "ł", "ß", "istanbul", "cafe", "q", "ǆ", "a",
            "b", "n", "o", "łodz");
  }

  @Test
  void otherScriptsKeepTheirAccentsAndAMarkAfterTheirLettersSeparates() {
    // As FTS5 splits them: its diacritics are Latin ones, and it folds case letter by letter.
    assertThat(SearchWords.folded("हिन्दी ΟΔΟΣ ά Tiếng 日本語テキスト")).containsExactly("ह", "न", "द", "οδοσ", "ά", "tieng", "日本語テキスト");
  }

  @Test
  void aWordKnowsWhereItIsInTheText() {
    assertThat(SearchWords.of("La «Grève»!")).containsExactly(new SearchWords.Word(0, 2, "la"), new SearchWords.Word(4, 9, "greve"));
    // A position apart between the title and the text: no phrase runs from one into the other.
    assertThat(SearchWords.tsvector("Co-op «grève»", " l’usine, 2.0 co-op"))
        .isEqualTo("'co':1A,9B 'op':2A,10B 'greve':3A 'l':5B 'usine':6B '2':7B '0':8B");
    assertThat(SearchWords.tsvector("", "")).isEmpty();
    assertThat(SearchWords.tsvector("x", "a".repeat(SearchWords.LONGEST + 1) + " y")).isEqualTo("'x':1A 'y':4B");
    assertThat(SearchWords.of("?! ")).isEqualTo(List.of());
  }
}
