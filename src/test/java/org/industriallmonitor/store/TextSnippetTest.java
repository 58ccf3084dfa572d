package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.industriallmonitor.query.SearchQuery;
import org.junit.jupiter.api.Test;

/** PostgreSQL's snippets, made in Java as FTS5 makes SQLite's. */
class TextSnippetTest {
  private static String snippet(String text, String query, int tokens) {
    return TextSnippet.of(text, SearchQuery.parse(query), tokens).replace(SearchIndex.MATCH_START, '[').replace(SearchIndex.MATCH_END, ']');
  }

  @Test
  void marksWordsPrefixesAndPhrasesAsWritten() {
    assertThat(snippet("La «Grève» des mineurs", "greve", 24)).isEqualTo("La «[Grève]» des mineurs");
    assertThat(snippet("Les mineurs de l’usine", "mine* \"l'usine\"", 24)).isEqualTo("Les [mineurs] de [l’usine]");
    assertThat(snippet("The co-op strike and the strike", "\"co-op strike\" OR lockout", 24)).isEqualTo("The [co-op strike] and the strike");
    assertThat(snippet("strike miners", "strike miners", 24)).isEqualTo("[strike] [miners]");
  }

  @Test
  void aLongTextIsCutAroundTheFirstMatch() {
    String text = "one two three four five six seven eight nine ten eleven twelve grève thirteen fourteen fifteen sixteen";
    assertThat(snippet(text, "greve", 8)).isEqualTo("…ten eleven twelve [grève] thirteen fourteen fifteen sixteen");
    assertThat(snippet(text, "two", 4)).isEqualTo("one [two] three four…");
    // A match in the title only: the text's beginning, as FTS5 shows it.
    assertThat(snippet(text, "absent", 3)).isEqualTo("one two three…");
    assertThat(snippet("", "greve", 8)).isEmpty();
  }
}
