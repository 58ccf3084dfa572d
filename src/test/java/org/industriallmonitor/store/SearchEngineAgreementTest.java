package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.industriallmonitor.config.ChannelFilter;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.parse.Theme;
import org.industriallmonitor.query.SearchQuery;
import org.industriallmonitor.query.TextFilter;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What users type reaches either engine's index whole, and both engines answer it alike. */
class SearchEngineAgreementTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private static final int REGION = 7;

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  private Store open(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    s.countries().ensure(REGION, "Kyrgyzstan", T0);
    return s;
  }

  private static void record(Store s, String slug, String title, String text, List<Theme> themes) {
    s.articles().recordNew(newArticle(slug, title, text, themes), T0, List.of());
  }

  private static NewArticle newArticle(String slug, String title, String text, List<Theme> themes) {
    return new NewArticle(slug, "https://www.industriall-union.org/" + slug, title, "2026-11-20", "x", "articles/" + slug + ".txt",
        "articles/" + slug + ".json", "abc", false, false, null, null, T0, List.of(REGION), text, themes);
  }

  /** Records an article through the article's own transaction for one channel, and returns its snippet if it passed. */
  private static java.util.Optional<String> recordFor(Store s, String slug, String title, String text, TextFilter filter) {
    AtomicReference<Map<String, String>> passed = new AtomicReference<>();
    s.articles().recordAll(List.of(new ArticleRepository.Recording(newArticle(slug, title, text, List.of()), T0, new ArticleAudience() {
      @Override
      public Map<String, TextFilter> channels() {
        return Map.of("chat", filter);
      }

      @Override
      public List<OutboxEntry> rows(Map<String, String> snippets) {
        passed.set(Map.copyOf(snippets));
        return List.of();
      }
    })));
    return java.util.Optional.ofNullable(passed.get().get("chat"));
  }

  private static List<String> slugs(Store s, String words) {
    return s.search().search(new SearchIndex.Query(words, null, null, 20, 0)).hits().stream().map(SearchHit::slug).toList();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void controlCharactersAndTheLongestQueryRunAsAMatch(Databases database) {
    Store s = open(database);
    record(s, "strike", "Strike at the mine", "The union calls a strike.", List.of());
    assertThat(slugs(s, "strike\u0000")).containsExactly("strike");
    assertThat(slugs(s, "\"strike\u0000at\u200Bthe\" mine")).containsExactly("strike");
    assertThat(slugs(s, "a\u0000b")).isEmpty();
    // A channel whose match: holds a NUL: the article is still recorded, and passes.
    TextFilter nul = new TextFilter(SearchQuery.parse("union\u0000"), SearchQuery.parse("lockout\u0007"));
    assertThat(recordFor(s, "union", "Union news", "The union grows.", nul)).isPresent();
    assertThat(slugs(s, "grows")).containsExactly("union");
    String most = "strike ".repeat(SearchQuery.MAX_TERMS);
    assertThat(slugs(s, most)).containsExactly("strike");
    assertThat(slugs(s, "nothing OR ".repeat(SearchQuery.MAX_TERMS - 1) + "strike")).containsExactly("strike");
    assertThat(slugs(s, "strike " + "-nothing ".repeat(SearchQuery.MAX_TERMS - 1))).containsExactly("strike");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void bothEnginesSplitCompoundsNumbersAddressesAndQuotedWordsAlike(Databases database) {
    Store s = open(database);
    record(s, "measured", "Plan", "The mine co-op strike, ILO 2.0 plan, l’usine «grève» and “union” leaders info@x.org", List.of());
    for (String found : List.of("\"mine co-op\"", "\"mine co op\"", "co", "op", "2.0", "\"2 0\"", "usine", "l'usine", "\"l usine\"",
        "greve", "GRÈVE", "union", "info", "\"info x org\"", "info@x.org", "strike", "ilo")) {
      assertThat(slugs(s, found)).as(found).containsExactly("measured");
    }
    // "plan the" would run from the title into the text: no phrase does, on either engine.
    for (String missed : List.of("coop", "20", "lusine", "\"mine op\"", "infox", "\"plan the\"")) {
      assertThat(slugs(s, missed)).as(missed).isEmpty();
    }
  }

  private static final String START = String.valueOf(SearchIndex.MATCH_START);
  private static final String END = String.valueOf(SearchIndex.MATCH_END);

  @ParameterizedTest
  @EnumSource(Databases.class)
  void snippetsMarkTheMatchedWordsAsWrittenAccentsKept(Databases database) {
    Store s = open(database);
    TextFilter greve = new TextFilter(SearchQuery.parse("greve"), null);
    assertThat(recordFor(s, "greve", "Mineurs", "La grève des mineurs", greve)).hasValueSatisfying(snippet ->
        assertThat(snippet).contains(START + "grève" + END).contains("mineurs"));
    SearchHit hit = s.search().search(new SearchIndex.Query("GREVE", null, null, 20, 0)).hits().get(0);
    assertThat(hit.snippet()).contains(START + "grève" + END);
    assertThat(s.search().search(new SearchIndex.Query("\"grève des\" mineur*", null, null, 20, 0)).hits().get(0).snippet())
        .contains(START + "grève des" + END + " " + START + "mineurs" + END);
    // A channel's search without words: its match: marks the snippets.
    SearchIndex.Channel channel = new SearchIndex.Channel(new ChannelFilter(greve, List.of(), Set.of()), Set.of(REGION), List.of());
    assertThat(s.search().search(new SearchIndex.Query(null, null, null, null, channel, 20, 0)).hits())
        .singleElement().satisfies(h -> assertThat(h.snippet()).contains(START + "grève" + END));
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aThemeByNameIsATagOfThatNameAndByIdATagOfThatIdInTheAlertAndTheChannelsSearch(Databases database) {
    Store s = open(database);
    Theme english = new Theme(1187, "Health and safety");
    Theme french = new Theme(1187, "Santé et sécurité");
    record(s, "en/safety", "Safety first", "Miners ask for safety.", List.of(english));
    record(s, "fr/securite", "La sécurité d'abord", "Les mineurs demandent la sécurité.", List.of(french));
    Map<String, Theme> tags = Map.of("en/safety", english, "fr/securite", french);
    for (ChannelFilter.ThemeName written : List.of(new ChannelFilter.ThemeName(null, "health AND SAFETY"),
        new ChannelFilter.ThemeName(null, "Sante et securite"), new ChannelFilter.ThemeName(1187, null),
        new ChannelFilter.ThemeName(null, "Mining"), new ChannelFilter.ThemeName(12, null))) {
      ChannelFilter filter = new ChannelFilter(TextFilter.NONE, List.of(written), Set.of());
      // What the alert's routing lets through is what the channel's search lists.
      List<String> routed = tags.entrySet().stream()
          .filter(tag -> filter.passesThemes(List.of(tag.getValue().id()), List.of(tag.getValue().name()))).map(Map.Entry::getKey)
          .sorted().toList();
      SearchIndex.Channel channel = new SearchIndex.Channel(filter, Set.of(REGION), List.of());
      List<String> searched = s.search().search(new SearchIndex.Query(null, null, null, null, channel, 20, 0)).hits().stream()
          .map(SearchHit::slug).sorted().toList();
      assertThat(searched).as("themes: [%s]", written).isEqualTo(routed);
      // The console's /search?theme= and the feeds: the same rule.
      List<String> byTheme = s.search().search(new SearchIndex.Query(null, null, null, written.toString(), null, 20, 0)).hits()
          .stream().map(SearchHit::slug).sorted().toList();
      assertThat(byTheme).as("theme=%s", written).isEqualTo(routed);
    }
    assertThat(s.search().search(new SearchIndex.Query(null, null, null, "Health and safety", null, 20, 0)).hits())
        .extracting(SearchHit::slug).containsExactly("en/safety");
  }
}
