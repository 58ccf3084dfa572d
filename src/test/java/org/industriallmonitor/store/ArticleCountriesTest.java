package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.store.ArticleRepository.LinkedCountry;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The countries an article is linked to, as the reader's view links them: on both databases, exactly those whose
 * search by region id finds the article, under the name the configuration gives them.
 */
class ArticleCountriesTest {
  private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void anArticleIsLinkedToItsKnownCountriesEachOfWhichFindsIt(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    s.countries().ensure(364, "Kyrgyz Republic", T0);
    NewArticle article = new NewArticle("miners", "https://www.industriall-union.org/miners", "Miners", "2026-03-15",
        "Kyrgyzstan, Kazakhstan", "articles/miners.txt", "articles/miners.json", "abc123", false, false, null, null, T0, List.of(364, 169),
        "Text of miners");
    assertThat(s.articles().recordNew(article, T0, List.of())).isPresent();

    List<LinkedCountry> linked = s.articles().countriesOf("miners");

    // 169 is linked in article_countries but no row of countries names it: no search by country finds the article by it.
    assertThat(linked).containsExactly(new LinkedCountry(364, "Kyrgyz Republic"));
    for (LinkedCountry country : linked) {
      assertThat(s.search().search(new SearchIndex.Query("", String.valueOf(country.region()), null, 20, 0)).hits())
          .extracting(SearchHit::slug).containsExactly("miners");
    }
    assertThat(s.search().search(new SearchIndex.Query("", "169", null, 20, 0)).hits()).isEmpty();
    assertThat(s.articles().countriesOf("no-such-article")).isEmpty();
  }
}
