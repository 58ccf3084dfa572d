package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.industriallmonitor.query.SearchQuery;
import org.junit.jupiter.api.Test;

/** A parsed query becomes an FTS5 query that cannot be a syntax error. */
class FtsQueryTest {
  private static String fts(String typed) {
    return FtsQuery.of(SearchQuery.parse(typed));
  }

  @Test
  void wordsAndPhrasesBecomeQuotedTermsAllRequired() {
    assertThat(fts("greve  miners")).isEqualTo("(\"greve\") AND (\"miners\")");
    assertThat(fts("\"general strike\" kyrgyz")).isEqualTo("(\"general strike\") AND (\"kyrgyz\")");
    assertThat(fts("organi*")).isEqualTo("(\"organi\"*)");
  }

  @Test
  void orJoinsItsNeighboursAndMinusExcludes() {
    assertThat(fts("strike OR lockout mine")).isEqualTo("(\"strike\" OR \"lockout\") AND (\"mine\")");
    assertThat(fts("mine -coal -\"open pit\"")).isEqualTo("((\"mine\")) NOT (\"coal\" OR \"open pit\")");
  }

  @Test
  void ftsOperatorsAndQuotesInsideTermsAreOrdinaryText() {
    assertThat(fts("a NEAR b title:c ^d")).isEqualTo("(\"a\") AND (\"NEAR\") AND (\"b\") AND (\"title:c\") AND (\"^d\")");
    assertThat(fts("o\"ne\"il")).isEqualTo("(\"o\") AND (\"ne\") AND (\"il\")");
  }
}
