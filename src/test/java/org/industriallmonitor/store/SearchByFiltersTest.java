package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.industriallmonitor.config.ChannelFilter;
import org.industriallmonitor.config.ChannelFilter.ThemeName;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.parse.Theme;
import org.industriallmonitor.query.QuerySyntaxException;
import org.industriallmonitor.query.SearchQuery;
import org.industriallmonitor.query.TextFilter;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A search by country, theme and a channel's filters, with words or without (then newest first), on both databases. */
class SearchByFiltersTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private static final Theme MINING = new Theme(12, "Mining");
  private static final Theme TEXTILE = new Theme(15, "Textile and garment");

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  private Store archive(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    s.countries().ensure(7, "Kyrgyzstan", T0);
    s.countries().ensure(8, "Kazakhstan", T0);
    record(s, "copper-strike", "2026-11-20", 7, List.of(MINING), "Copper miners strike",
        "The union calls a strike at the copper mine over wages.");
    record(s, "textile-arrests", "2026-11-22", 8, List.of(TEXTILE), "Textile union leaders arrested",
        "Police arrested three leaders of the garment union.");
    record(s, "es/huelga-minera", "2026-11-21", 7, List.of(MINING), "Huelga en la mina de cobre",
        "El sindicato convoca una huelga (strike) en la mina.");
    record(s, "gold-lockout", "2026-11-23", 8, List.of(MINING), "Lockout at the gold mine",
        "The company locked out the miners after the strike vote.");
    return s;
  }

  private static void record(Store s, String slug, String published, int region, List<Theme> themes, String title, String text) {
    s.articles().recordNew(new NewArticle(slug, "https://www.industriall-union.org/" + slug, title, published, "x",
        "articles/" + slug + ".txt", "articles/" + slug + ".json", "abc", false, false, null, null, T0, List.of(region), text,
        themes), T0, List.of());
  }

  private static List<String> slugs(Store s, SearchIndex.Query query) {
    SearchIndex.Results results = s.search().search(query);
    assertThat(results.total()).as("total of %s", query).isEqualTo(results.hits().size());
    return results.hits().stream().map(SearchHit::slug).toList();
  }

  private static SearchIndex.Query only(String words, String country, String theme, SearchIndex.Channel channel) {
    return new SearchIndex.Query(words, country, null, theme, channel, 20, 0);
  }

  private static TextFilter text(String match, String exclude) {
    return new TextFilter(match == null ? null : SearchQuery.parse(match), exclude == null ? null : SearchQuery.parse(exclude));
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void blankWordsWithACountryOrAThemeListNewestFirstAndWithNothingFindNothing(Databases database) {
    Store s = archive(database);
    assertThat(slugs(s, only("", null, null, null))).isEmpty();
    assertThat(slugs(s, only(" ", "kyrgyzstan", null, null))).containsExactly("es/huelga-minera", "copper-strike");
    assertThat(slugs(s, only(null, "8", null, null))).containsExactly("gold-lockout", "textile-arrests");
    assertThat(slugs(s, only("", null, "mining", null))).containsExactly("gold-lockout", "es/huelga-minera", "copper-strike");
    assertThat(slugs(s, only("", null, "15", null))).containsExactly("textile-arrests");
    assertThat(slugs(s, only("", null, "Textile and Garment", null))).containsExactly("textile-arrests");
    assertThat(slugs(s, only("", null, "Shipbuilding", null))).isEmpty();
    assertThat(slugs(s, only("strike", null, "Mining", null))).containsExactlyInAnyOrder("copper-strike", "es/huelga-minera",
        "gold-lockout");
    assertThat(s.search().search(only("", "7", null, null)).hits()).allSatisfy(hit -> assertThat(hit.snippet()).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aChannelsSearchIsItsCountriesLanguagesThemesAndTextFilters(Databases database) {
    Store s = archive(database);
    SearchIndex.Channel everything = new SearchIndex.Channel(ChannelFilter.NONE, Set.of(7, 8), List.of());
    assertThat(slugs(s, only("", null, null, everything))).containsExactly("gold-lockout", "textile-arrests", "es/huelga-minera",
        "copper-strike");
    assertThat(slugs(s, only("", null, null, new SearchIndex.Channel(ChannelFilter.NONE, Set.of(), List.of()))))
        .as("no country notifies it").isEmpty();
    assertThat(slugs(s, only("", null, null, new SearchIndex.Channel(ChannelFilter.NONE, Set.of(8), List.of()))))
        .containsExactly("gold-lockout", "textile-arrests");
    assertThat(slugs(s, only("", null, null, new SearchIndex.Channel(ChannelFilter.NONE, Set.of(7, 8), List.of("es")))))
        .containsExactly("es/huelga-minera");
    assertThat(slugs(s, only("", null, null, new SearchIndex.Channel(
        new ChannelFilter(TextFilter.NONE, List.of(), Set.of(7)), Set.of(7, 8), List.of("en"))))).containsExactly("copper-strike");
    assertThat(slugs(s, only("", null, null, new SearchIndex.Channel(
        new ChannelFilter(TextFilter.NONE, List.of(new ThemeName(null, "Textiles"), new ThemeName(99, null)), Set.of()),
        Set.of(7, 8), List.of())))).isEmpty();
    assertThat(slugs(s, only("", null, null, new SearchIndex.Channel(
        new ChannelFilter(TextFilter.NONE, List.of(new ThemeName(15, null)), Set.of()), Set.of(7, 8), List.of()))))
        .containsExactly("textile-arrests");

    SearchIndex.Channel strikesNotLockouts = new SearchIndex.Channel(
        new ChannelFilter(text("strike OR arrested", "lockout"), List.of(), Set.of()), Set.of(7, 8), List.of());
    SearchIndex.Results matched = s.search().search(only("", null, null, strikesNotLockouts));
    assertThat(matched.hits()).extracting(SearchHit::slug).containsExactly("textile-arrests", "es/huelga-minera", "copper-strike");
    assertThat(matched.hits().get(0).snippet(t -> t, "[", "]")).as("the match: marked, as digests show it").contains("[arrested]");
    assertThat(slugs(s, only("copper", null, null, strikesNotLockouts))).containsExactly("copper-strike");
    assertThat(slugs(s, only("police", null, null, strikesNotLockouts))).containsExactly("textile-arrests");
    assertThat(slugs(s, only("gold", null, null, strikesNotLockouts))).as("excluded by the channel").isEmpty();
    assertThat(slugs(s, only("", null, null, new SearchIndex.Channel(
        new ChannelFilter(text(null, "mine*"), List.of(), Set.of()), Set.of(7, 8), List.of()))))
        .as("la mina is no mine*").containsExactly("textile-arrests", "es/huelga-minera");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aBadQueryIsTheParsersError(Databases database) {
    Store s = archive(database);
    assertThatThrownBy(() -> s.search().search(only("\"copper", "7", null, null))).isInstanceOf(QuerySyntaxException.class);
  }

  /**
   * An article found in Kazakhstan's listing and tagged Kyrgyzstan too is routed to a channel of Kyrgyzstan
   * alone; the channel's search lists it although no Kyrgyzstan listing linked it (yet), and a channel it was
   * not for does not.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void anArticleRoutedToAChannelByATagOfAnotherCountryIsInItsSearch(Databases database) {
    Store s = archive(database);
    s.articles().recordNew(new NewArticle("kyrgyz-kazakh-forum", "https://www.industriall-union.org/kyrgyz-kazakh-forum",
        "Kyrgyz and Kazakh unions meet", "2026-11-24", "Kazakhstan, Kyrgyzstan", "articles/k.txt", "articles/k.json", "abc", false,
        false, null, null, T0, List.of(8), "Unions of both countries met in Almaty.", List.of()), T0,
        List.of(new OutboxEntry("d-1", "kg", "article.new", null, 8, "subject", "{}", T0, T0)));

    SearchIndex.Channel kg = new SearchIndex.Channel(ChannelFilter.NONE, Set.of(7), List.of(), "kg");
    assertThat(slugs(s, only("", null, null, kg))).containsExactly("kyrgyz-kazakh-forum", "es/huelga-minera", "copper-strike");
    assertThat(slugs(s, only("unions", null, null, kg))).containsExactly("kyrgyz-kazakh-forum");
    SearchIndex.Channel other = new SearchIndex.Channel(ChannelFilter.NONE, Set.of(7), List.of(), "other");
    assertThat(slugs(s, only("", null, null, other))).containsExactly("es/huelga-minera", "copper-strike");
  }
}
