package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * SQLite and PostgreSQL split a text into the same words: the same title and text recorded on both, the
 * same query finds it on both or on neither (compounds, apostrophes straight and curly, guillemets, quotes,
 * numbers with points, e-mail addresses, accents and case). One PostgreSQL server for the whole property.
 */
class CrossEngineSearchProperties {
  private static final Instant T0 = BothEngines.T0;
  private static final int REGION = BothEngines.REGION;
  private static final List<String> WORDS = List.of("co-op", "l’usine", "l'usine", "usine", "2.0", "2", "0", "«grève»", "grève",
      "greve", "“union”", "union", "info@x.org", "info", "org", "mine", "mineurs", "1984", "ILO", "Ł\u00f3dź", "lodz", "cafe\u0301",
      "café", "op", "co", "x");

  private static BothEngines engines;

  @BeforeContainer
  static void open() throws IOException {
    engines = BothEngines.open("cross-engine");
  }

  @AfterContainer
  static void close() throws IOException {
    if (engines != null) {
      engines.close();
    }
  }

  @Provide
  Arbitrary<String> word() {
    return BothEngines.anyCasing(WORDS);
  }

  @Provide
  Arbitrary<String> text() {
    return Combinators.combine(word(), Arbitraries.of(" ", " ", ", ", ". ", " (", " - ", "’", "\n"))
        .as((w, after) -> w + after).list().ofMinSize(1).ofMaxSize(10).map(words -> String.join("", words).strip());
  }

  /** A word, a prefix or a "phrase" of two or three words, perhaps two joined by OR. */
  @Provide
  Arbitrary<String> query() {
    Arbitrary<String> term = Arbitraries.oneOf(word(), word().filter(w -> w.length() > 3).map(w -> w.substring(0, 3) + "*"),
        word().list().ofMinSize(2).ofMaxSize(3).map(ws -> "\"" + String.join(" ", ws) + "\""));
    return Arbitraries.oneOf(term, Combinators.combine(term, term).as((a, b) -> a + " " + b),
        Combinators.combine(term, term).as((a, b) -> a + " OR " + b));
  }

  @Property(tries = 60)
  void bothEnginesFindTheSameArticles(@ForAll("text") String title, @ForAll("text") String text, @ForAll("query") String query) {
    String slug = engines.nextSlug();
    for (Store store : List.of(engines.sqlite, engines.postgresql)) {
      store.articles().recordNew(new NewArticle(slug, "https://example.org/" + slug, title, "2026-11-20", "Kyrgyzstan",
          "articles/" + slug + ".txt", "articles/" + slug + ".json", "abc", false, false, null, null, T0, List.of(REGION), text),
          T0, List.of());
    }
    boolean onSqlite = finds(engines.sqlite, query, slug);
    boolean onPostgresql = finds(engines.postgresql, query, slug);
    Statistics.label("found").collect(onSqlite);
    Statistics.label("found").coverage(coverage -> {
      coverage.check(true).count(n -> n > 0);
      coverage.check(false).count(n -> n > 0);
    });
    String why = "query " + query + " | title " + title + " | text " + text;
    assertThat(onPostgresql).as(why).isEqualTo(onSqlite);
    if (onSqlite) {
      // The whole text is in the snippet (it is shorter than one): the same words are marked on both.
      assertThat(marked(hit(engines.postgresql, query, slug).snippet())).as("marked, " + why)
          .isEqualTo(marked(hit(engines.sqlite, query, slug).snippet()));
    }
  }

  /** The marked words of a snippet, folded, in order. */
  private static List<String> marked(String snippet) {
    List<String> words = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(SearchIndex.MATCH_START + "(.*?)" + SearchIndex.MATCH_END).matcher(snippet);
    while (m.find()) {
      words.addAll(SearchWords.folded(m.group(1)));
    }
    return words;
  }

  private static SearchHit hit(Store store, String words, String slug) {
    return store.search().search(new SearchIndex.Query(words, null, null, 1000, 0)).hits().stream()
        .filter(hit -> hit.slug().equals(slug)).findFirst().orElseThrow();
  }

  private static boolean finds(Store store, String words, String slug) {
    return store.search().search(new SearchIndex.Query(words, null, null, 1000, 0)).hits().stream()
        .anyMatch(hit -> hit.slug().equals(slug));
  }
}
