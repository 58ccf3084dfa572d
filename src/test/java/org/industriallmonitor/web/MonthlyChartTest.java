package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.industriallmonitor.app.MonthlyArticles;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The chart's SVG, read back as XML: a line per country with a point per month, scaled, labelled and escaped. */
class MonthlyChartTest {
  private static final List<YearMonth> MONTHS = MonthlyArticles.window(YearMonth.of(2026, 12));

  private static List<Integer> counts(int... tail) {
    List<Integer> counts = new ArrayList<>(Collections.nCopies(MONTHS.size() - tail.length, 0));
    for (int c : tail) {
      counts.add(c);
    }
    return counts;
  }

  private static Document xml(String markup) {
    return Jsoup.parse(markup, "", Parser.xmlParser());
  }

  private static List<double[]> points(Element polyline) {
    List<double[]> points = new ArrayList<>();
    for (String pair : polyline.attr("points").split(" ")) {
      String[] xy = pair.split(",");
      points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
    }
    return points;
  }

  @Test
  void drawsOneLineOfAPointPerMonthPerCountryWithTheHighestMonthAtTheTop() {
    MonthlyArticles chart = new MonthlyArticles(MONTHS, List.of(
        new MonthlyArticles.Series(364, "Kyrgyzstan", counts(10, 0, 4)),
        new MonthlyArticles.Series(169, "Kazakhstan", counts(1))));

    Document svg = xml(MonthlyChart.html(chart));

    Element root = svg.selectFirst("svg");
    assertThat(root.attr("role")).isEqualTo("img");
    assertThat(root.attr("viewBox")).startsWith("0 0 960 ");
    assertThat(root.attr("aria-label")).isEqualTo("Articles per month from January 2025 to December 2026: Kyrgyzstan 14, Kazakhstan 1.");
    List<Element> lines = svg.select("[data-country]");
    assertThat(lines).extracting(e -> e.attr("data-country")).containsExactly("364", "169");
    assertThat(lines).allSatisfy(line -> assertThat(points(line)).hasSize(24));
    assertThat(lines.get(0).attr("stroke")).isNotEqualTo(lines.get(1).attr("stroke"));
    assertThat(lines.get(0).selectFirst("title").text()).isEqualTo("Kyrgyzstan: 14 articles, most in October 2026 (10)");

    List<double[]> kyrgyzstan = points(lines.get(0));
    assertThat(kyrgyzstan.get(21)[1]).as("10 articles, the most: the top of the plot").isEqualTo(MonthlyChart.TOP);
    assertThat(kyrgyzstan.get(22)[1]).as("none: its bottom").isEqualTo(MonthlyChart.PLOT_BOTTOM);
    assertThat(kyrgyzstan.get(23)[1]).isEqualTo(MonthlyChart.PLOT_BOTTOM - 0.4 * MonthlyChart.PLOT_HEIGHT);
    assertThat(kyrgyzstan.get(0)[0]).isEqualTo(MonthlyChart.LEFT);
    assertThat(kyrgyzstan.get(23)[0]).isEqualTo(MonthlyChart.WIDTH - MonthlyChart.RIGHT);
    assertThat(kyrgyzstan).extracting(p -> p[0]).isSorted();

    assertThat(svg.select("g.y-axis text")).extracting(Element::text).containsExactly("0", "2", "4", "6", "8", "10", "articles per month");
    assertThat(svg.select("g.x-axis text")).extracting(Element::text)
        .containsExactly("Jan 2025", "Apr", "Jul", "Oct", "Jan 2026", "Apr", "Jul", "Oct");
    assertThat(svg.select("g.legend text")).extracting(Element::text).containsExactly("Kyrgyzstan (14)", "Kazakhstan (1)");
    assertThat(svg.select("g.legend line")).extracting(e -> e.attr("stroke"))
        .containsExactly(lines.get(0).attr("stroke"), lines.get(1).attr("stroke"));
  }

  @Test
  void escapesCountryNames() {
    String name = "<script>alert('x')</script> & \"Land\"";
    MonthlyArticles chart = new MonthlyArticles(MONTHS, List.of(new MonthlyArticles.Series(999, name, counts(3))));

    String markup = MonthlyChart.html(chart);
    Document svg = xml(markup);

    assertThat(markup).doesNotContain("<script");
    assertThat(svg.select("script")).isEmpty();
    assertThat(svg.selectFirst("[data-country=999] title").text()).startsWith(name + ": 3 articles");
    assertThat(svg.selectFirst("g.legend-item title").text()).isEqualTo(name);
    assertThat(svg.selectFirst("svg").attr("aria-label")).contains(name + " 3");
    assertThat(Jsoup.parse(markup).select("svg [data-country]")).as("read as HTML too").hasSize(1);
  }

  @Test
  void saysSoInsteadOfAnEmptyChart() {
    MonthlyArticles none = new MonthlyArticles(MONTHS, List.of(new MonthlyArticles.Series(364, "Kyrgyzstan", counts()),
        new MonthlyArticles.Series(169, "Kazakhstan", counts())));

    assertThat(MonthlyChart.html(none)).doesNotContain("<svg")
        .isEqualTo("<p class=\"chart-empty\">No article of the configured countries was published from January 2025 to December 2026.</p>");
    assertThat(MonthlyChart.html(new MonthlyArticles(MONTHS, List.of(new MonthlyArticles.Series(1, "A & B", counts())))))
        .contains("No article of A &amp; B was published");
    assertThat(MonthlyChart.html(new MonthlyArticles(MONTHS, List.of()))).isEqualTo("<p class=\"chart-empty\">No countries are configured.</p>");
  }

  @Test
  void theScaleStepsRoundly() {
    assertThat(List.of(1, 3, 5, 6, 10, 11, 23, 26, 50, 120, 999).stream().map(MonthlyChart::step))
        .containsExactly(1, 1, 1, 2, 2, 5, 5, 10, 10, 50, 200);
  }

  @Test
  void manyCountriesStillLookApart() {
    List<MonthlyArticles.Series> series = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      series.add(new MonthlyArticles.Series(100 + i, "Country " + i, counts(i)));
    }

    Document svg = xml(MonthlyChart.html(new MonthlyArticles(MONTHS, series)));

    List<Element> lines = svg.select("[data-country]");
    assertThat(lines).hasSize(30);
    Set<String> looks = new HashSet<>();
    lines.forEach(l -> looks.add(l.attr("stroke") + "/" + l.attr("stroke-dasharray")));
    assertThat(looks).as("seven colours times five dash patterns").hasSize(30);
    assertThat(svg.select("g.legend-item")).hasSize(30);
  }
}
