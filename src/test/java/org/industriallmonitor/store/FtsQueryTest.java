package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What users type becomes an FTS5 query that cannot be a syntax error. */
class FtsQueryTest {
  @Test
  void wordsAndPhrasesBecomeQuotedTerms() {
    assertThat(FtsQuery.of("greve  miners")).isEqualTo("\"greve\" \"miners\"");
    assertThat(FtsQuery.of("\"general strike\" kyrgyz")).isEqualTo("\"general strike\" \"kyrgyz\"");
    assertThat(FtsQuery.of("organi*")).isEqualTo("\"organi\"*");
  }

  @Test
  void operatorsAndPunctuationAreOrdinaryOrDropped() {
    assertThat(FtsQuery.of("a AND ( b")).isEqualTo("\"a\" \"AND\" \"b\"");
    assertThat(FtsQuery.of("say \"hi")).isEqualTo("\"say\" \"hi\"");
    assertThat(FtsQuery.of("o\"neil")).isEqualTo("\"o\" \"neil\"");
    assertThat(FtsQuery.of("  ** ; ")).isEmpty();
    assertThat(FtsQuery.of(null)).isEmpty();
  }
}
