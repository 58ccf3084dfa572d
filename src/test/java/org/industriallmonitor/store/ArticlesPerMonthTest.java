package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.store.ArticleRepository.MonthCount;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The console chart's counts on both databases: per country and month of publication, inside the window only. */
class ArticlesPerMonthTest {
  private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
  private static final YearMonth FIRST = YearMonth.of(2025, 1);
  private static final YearMonth LAST = YearMonth.of(2026, 12);

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  private static NewArticle article(String slug, String published, Integer... regions) {
    return new NewArticle(slug, "https://www.industriall-union.org/" + slug, "Title of " + slug, published, "Kyrgyzstan",
        "articles/" + slug + ".txt", "articles/" + slug + ".json", "abc123", false, false, null, null, T0, List.of(regions),
        "Text of " + slug);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void countsEachCountrysArticlesPerMonthOfPublicationInsideTheWindow(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    for (NewArticle a : List.of(
        article("before-the-window", "2024-12-31", 364),
        article("first-day", "2025-01-01", 364),
        article("same-month", "2025-01-20", 364),
        article("two-countries", "2026-03-15", 364, 169),
        article("last-day", "2026-12-31", 169),
        article("after-the-window", "2027-01-01", 169),
        article("not-shown", "2026-03-15", 555))) {
      assertThat(s.articles().recordNew(a, T0, List.of())).isPresent();
    }

    assertThat(s.articles().perMonth(List.of(364, 169), FIRST, LAST)).containsExactlyInAnyOrder(
        new MonthCount(364, YearMonth.of(2025, 1), 2),
        new MonthCount(364, YearMonth.of(2026, 3), 1),
        new MonthCount(169, YearMonth.of(2026, 3), 1),
        new MonthCount(169, YearMonth.of(2026, 12), 1));
    assertThat(s.articles().perMonth(List.of(169), FIRST, LAST)).as("one country alone")
        .containsExactlyInAnyOrder(new MonthCount(169, YearMonth.of(2026, 3), 1), new MonthCount(169, YearMonth.of(2026, 12), 1));
    assertThat(s.articles().perMonth(List.of(), FIRST, LAST)).isEmpty();
    assertThat(s.articles().perMonth(List.of(364), YearMonth.of(2026, 4), YearMonth.of(2026, 11))).as("a window without articles")
        .isEmpty();
  }
}
