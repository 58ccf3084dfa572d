package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.testing.PostgresServer;

/**
 * SQLite and PostgreSQL split a text into the same words: the same title and text recorded on both, the
 * same query finds it on both or on neither (compounds, apostrophes straight and curly, guillemets, quotes,
 * numbers with points, e-mail addresses, accents and case). One PostgreSQL server for the whole property.
 */
class CrossEngineSearchProperties {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private static final int REGION = 7;
  private static final List<String> WORDS = List.of("co-op", "l’usine", "l'usine", "usine", "2.0", "2", "0", "«grève»", "grève",
      "greve", "“union”", "union", "info@x.org", "info", "org", "mine", "mineurs", "1984", "ILO", "Ł\u00f3dź", "lodz", "cafe\u0301",
      "café", "op", "co", "x");

  private static Path dir;
  private static PostgresServer postgres;
  private static Store sqlite;
  private static Store postgresStore;
  private static final AtomicInteger SLUGS = new AtomicInteger();

  @BeforeContainer
  static void open() throws IOException {
    dir = Files.createTempDirectory("cross-engine-");
    sqlite = open(StorageConfig.under(dir.resolve("sqlite")));
    postgres = PostgresServer.start();
    postgresStore = open(StorageConfig.under(dir.resolve("postgres")).withPostgres(postgres.newDatabase()));
  }

  private static Store open(StorageConfig storage) {
    Store store = Store.open(storage, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    store.countries().ensure(REGION, "Kyrgyzstan", T0);
    return store;
  }

  @AfterContainer
  static void close() throws IOException {
    Stream.of(sqlite, postgresStore).filter(java.util.Objects::nonNull).forEach(Store::close);
    if (postgres != null) {
      postgres.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Provide
  Arbitrary<String> word() {
    return Combinators.combine(Arbitraries.of(WORDS), Arbitraries.of(0, 1, 2))
        .as((w, casing) -> switch (casing) {
          case 0 -> w;
          case 1 -> w.toUpperCase(java.util.Locale.ROOT);
          default -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
        });
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
    String slug = "article-" + SLUGS.incrementAndGet();
    for (Store store : List.of(sqlite, postgresStore)) {
      store.articles().recordNew(new NewArticle(slug, "https://example.org/" + slug, title, "2026-11-20", "Kyrgyzstan",
          "articles/" + slug + ".txt", "articles/" + slug + ".json", "abc", false, false, null, null, T0, List.of(REGION), text),
          T0, List.of());
    }
    boolean onSqlite = finds(sqlite, query, slug);
    boolean onPostgresql = finds(postgresStore, query, slug);
    Statistics.label("found").collect(onSqlite);
    Statistics.label("found").coverage(coverage -> {
      coverage.check(true).count(n -> n > 0);
      coverage.check(false).count(n -> n > 0);
    });
    String why = "query " + query + " | title " + title + " | text " + text;
    assertThat(onPostgresql).as(why).isEqualTo(onSqlite);
    if (onSqlite) {
      // The whole text is in the snippet (it is shorter than one): the same words are marked on both.
      assertThat(marked(hit(postgresStore, query, slug).snippet())).as("marked, " + why)
          .isEqualTo(marked(hit(sqlite, query, slug).snippet()));
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
