package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.industriallmonitor.query.SearchQuery;
import org.junit.jupiter.api.Test;

/** A parsed query as tsquery input, its words those of the index (FTS5's, folded). */
class TsQueryTest {
  private static String ts(String typed) {
    return TsQuery.of(SearchQuery.parse(typed));
  }

  @Test
  void termsAreSplitAndFoldedAsTheIndexHoldsThem() {
    assertThat(ts("Co-op* -\"l’usine\"")).isEqualTo("(('co' <-> 'op':*)) & !(('l' <-> 'usine'))");
    assertThat(ts("«GRÈVE» OR 2.0 info@x.org")).isEqualTo("(('greve') | ('2' <-> '0')) & (('info' <-> 'x' <-> 'org'))");
    assertThat(ts("a".repeat(SearchWords.LONGEST + 1))).isEmpty();
  }
}
