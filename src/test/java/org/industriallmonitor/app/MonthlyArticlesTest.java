package org.industriallmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.store.ArticleRepository.MonthCount;
import org.junit.jupiter.api.Test;

/** The chart's series: every month of the two years has its count, zero included, in the countries' order. */
class MonthlyArticlesTest {
  @Test
  void theWindowIsTwentyFourMonthsEndingWithTheCurrentOne() {
    List<YearMonth> months = MonthlyArticles.window(YearMonth.of(2026, 12));

    assertThat(months).hasSize(24).startsWith(YearMonth.of(2025, 1)).endsWith(YearMonth.of(2026, 12));
  }

  @Test
  void everyCountryShownHasACountForEveryMonthZeroIncluded() {
    List<YearMonth> months = MonthlyArticles.window(YearMonth.of(2026, 12));
    Map<Integer, String> countries = new LinkedHashMap<>();
    countries.put(364, "Kyrgyzstan");
    countries.put(169, "Kazakhstan");
    countries.put(999, "Quiet Land");

    MonthlyArticles chart = MonthlyArticles.of(countries, months, List.of(
        new MonthCount(169, YearMonth.of(2025, 1), 3), new MonthCount(364, YearMonth.of(2026, 12), 5),
        new MonthCount(555, YearMonth.of(2026, 1), 9)));

    assertThat(chart.series()).extracting(MonthlyArticles.Series::name).containsExactly("Kyrgyzstan", "Kazakhstan", "Quiet Land");
    assertThat(chart.series()).allSatisfy(s -> assertThat(s.counts()).hasSize(24));
    assertThat(chart.series().get(0).counts().get(23)).isEqualTo(5);
    assertThat(chart.series().get(1).counts().get(0)).isEqualTo(3);
    assertThat(chart.series().get(2).total()).isZero();
    assertThat(chart.max()).as("a country not shown does not count").isEqualTo(5);
    assertThat(chart.isEmpty()).isFalse();
    assertThat(MonthlyArticles.of(countries, months, List.of()).isEmpty()).isTrue();
  }
}
