package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.industriallmonitor.config.ChannelFilter;
import org.industriallmonitor.query.QuerySyntaxException;
import org.industriallmonitor.query.SearchQuery;
import org.industriallmonitor.query.TextFilter;

/**
 * A channel's filter and a search never disagree: for random texts and queries, whether the article's own
 * transaction ({@code recordAll}) lets an article through a channel's {@code match:} and {@code exclude:} is
 * whether {@code search} of the same words finds it, and whether the channel's search lists it; on SQLite and
 * on PostgreSQL (one server for the whole property, few tries).
 */
class ChannelFilterSearchProperties {
  private static final Instant T0 = BothEngines.T0;
  private static final int REGION = BothEngines.REGION;
  /** Words that meet: accents, case, prefixes of each other, an apostrophe and a hyphen. */
  private static final List<String> WORDS = List.of("grève", "greve", "mine", "mines", "miner", "mineurs", "minería", "union",
      "unión", "strike", "striker", "arrest", "arrested", "lockout", "acier", "cobre", "d'acier", "co-op", "l'usine", "oil");

  private static BothEngines engines;

  @BeforeContainer
  static void open() throws IOException {
    engines = BothEngines.open("filter-search");
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
    return Combinators.combine(word(), Arbitraries.of(" ", " ", " ", ", ", ". ", " (")).as((w, after) -> w + after)
        .list().ofMinSize(1).ofMaxSize(12).map(words -> String.join("", words).strip());
  }

  /** A term to look for: a word, a prefix (word*) or a "phrase" of two words. */
  Arbitrary<String> term() {
    return Arbitraries.oneOf(word(),
        word().filter(w -> w.length() > 3).map(w -> w.substring(0, 3) + "*"),
        Combinators.combine(word(), word()).as((a, b) -> "\"" + a + " " + b + "\""));
  }

  /** A query: one to three required groups (a term, or two joined by OR), and up to two -terms. */
  @Provide
  Arbitrary<String> query() {
    Arbitrary<String> group = Arbitraries.oneOf(term(), Combinators.combine(term(), term()).as((a, b) -> a + " OR " + b));
    Arbitrary<String> excluded = term().filter(t -> !t.endsWith("*")).map(t -> "-" + t);
    return Combinators.combine(group.list().ofMinSize(1).ofMaxSize(3), excluded.list().ofMaxSize(2))
        .as((required, out) -> Stream.concat(required.stream(), out.stream()).collect(Collectors.joining(" ")));
  }

  @Property(tries = 60)
  void onSqliteAFilterPassesWhatTheSearchOfItsWordsFinds(@ForAll("text") String title, @ForAll("text") String text,
      @ForAll("query") String match, @ForAll("query") String exclude) {
    agree(engines.sqlite, title, text, match, exclude);
  }

  @Property(tries = 30)
  void onPostgresqlAFilterPassesWhatTheSearchOfItsWordsFinds(@ForAll("text") String title, @ForAll("text") String text,
      @ForAll("query") String match, @ForAll("query") String exclude) {
    agree(engines.postgresql, title, text, match, exclude);
  }

  private static void agree(Store store, String title, String text, String match, String exclude) {
    SearchQuery m;
    SearchQuery x;
    try {
      m = SearchQuery.parse(match);
      x = SearchQuery.parse(exclude);
    } catch (QuerySyntaxException notAQuery) {
      Assume.that(false);
      return;
    }
    Map<String, TextFilter> channels = new LinkedHashMap<>();
    channels.put("all", TextFilter.NONE);
    channels.put("match", new TextFilter(m, null));
    channels.put("exclude", new TextFilter(null, x));
    channels.put("both", new TextFilter(m, x));
    AtomicReference<Set<String>> passed = new AtomicReference<>();
    String slug = engines.nextSlug();
    store.articles().recordAll(List.of(new ArticleRepository.Recording(new NewArticle(slug, "https://example.org/" + slug, title,
        "2026-11-20", "Kyrgyzstan", "articles/" + slug + ".txt", "articles/" + slug + ".json", "abc", false, false, null, null, T0,
        List.of(REGION), text), T0, new ArticleAudience() {
          @Override
          public Map<String, TextFilter> channels() {
            return channels;
          }

          @Override
          public List<OutboxEntry> rows(Map<String, String> snippets) {
            passed.set(Set.copyOf(snippets.keySet()));
            return List.of();
          }
        })));

    boolean found = finds(store, match, slug);
    boolean excluded = finds(store, exclude, slug);
    net.jqwik.api.statistics.Statistics.label("match finds, exclude finds").collect(found, excluded);
    String why = "title " + title + " | text " + text + " | match " + match + " | exclude " + exclude;
    assertThat(passed.get().contains("all")).as(why).isTrue();
    assertThat(passed.get().contains("match")).as("match: " + why).isEqualTo(found);
    assertThat(passed.get().contains("exclude")).as("exclude: " + why).isEqualTo(!excluded);
    assertThat(passed.get().contains("both")).as("both: " + why).isEqualTo(found && !excluded);
    // The channel's search (search --channel) lists what its filter let through.
    for (Map.Entry<String, TextFilter> channel : channels.entrySet()) {
      SearchIndex.Channel scope = new SearchIndex.Channel(new ChannelFilter(channel.getValue(), List.of(), Set.of()), Set.of(REGION),
          List.of());
      assertThat(lists(store, new SearchIndex.Query(null, null, null, null, scope, 1000, 0), slug))
          .as("search --channel " + channel.getKey() + ": " + why).isEqualTo(passed.get().contains(channel.getKey()));
    }
  }

  private static boolean finds(Store store, String words, String slug) {
    return lists(store, new SearchIndex.Query(words, null, null, 1000, 0), slug);
  }

  private static boolean lists(Store store, SearchIndex.Query query, String slug) {
    return store.search().search(query).hits().stream().anyMatch(hit -> hit.slug().equals(slug));
  }
}
