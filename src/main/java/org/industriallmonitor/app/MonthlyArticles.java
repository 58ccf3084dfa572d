package org.industriallmonitor.app;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.store.ArticleRepository.MonthCount;

/**
 * The archived articles per month of each country shown, over the {@link #MONTHS} months ending with
 * {@code months}' last (the console's "now"): what the console's chart draws. Every month has its count,
 * zero included, so that a series is as long as {@code months} and a quiet month is drawn as one.
 */
public record MonthlyArticles(List<YearMonth> months, List<Series> series) {
  /** Two years: long enough to see a country's rhythm, short enough to read month by month. */
  public static final int MONTHS = 24;

  /** One country's counts, month by month in the order of {@code months}. */
  public record Series(int region, String name, List<Integer> counts) {
    public Series {
      counts = List.copyOf(counts);
    }

    public int total() {
      return counts.stream().mapToInt(Integer::intValue).sum();
    }
  }

  public MonthlyArticles {
    months = List.copyOf(months);
    series = List.copyOf(series);
  }

  /** The highest count of any month of any series; 0 when nothing was published in the window. */
  public int max() {
    return series.stream().flatMap(s -> s.counts().stream()).mapToInt(Integer::intValue).max().orElse(0);
  }

  /** Whether no country shown has an article in the window. */
  public boolean isEmpty() {
    return max() == 0;
  }

  /** The {@link #MONTHS} months ending with {@code last}, oldest first. */
  public static List<YearMonth> window(YearMonth last) {
    List<YearMonth> months = new ArrayList<>();
    for (int back = MONTHS - 1; back >= 0; back--) {
      months.add(last.minusMonths(back));
    }
    return months;
  }

  /** The series of {@code countries} (region to name, in the order shown) over {@code months}, from the store's rows. */
  static MonthlyArticles of(Map<Integer, String> countries, List<YearMonth> months, List<MonthCount> rows) {
    Map<Integer, Map<YearMonth, Integer>> byRegion = new HashMap<>();
    for (MonthCount row : rows) {
      byRegion.computeIfAbsent(row.region(), r -> new HashMap<>()).merge(row.month(), row.articles(), Integer::sum);
    }
    List<Series> series = new ArrayList<>();
    countries.forEach((region, name) -> {
      Map<YearMonth, Integer> counts = byRegion.getOrDefault(region, Map.of());
      series.add(new Series(region, name, months.stream().map(m -> counts.getOrDefault(m, 0)).toList()));
    });
    return new MonthlyArticles(months, series);
  }
}
