package org.industriallmonitor.web;

import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.industriallmonitor.app.MonthlyArticles;

/**
 * The console's chart of articles per month, drawn here as an inline SVG: no script (the console's
 * Content-Security-Policy allows none) and no style attribute (it allows only the console's style sheet),
 * so colours and sizes are SVG presentation attributes. One line per country, each with its colour, its
 * {@code data-country} (the region id) and a {@code <title>}; month labels every third month, a y scale
 * of round steps, a legend; {@code role="img"} and an {@code aria-label} that says what it shows. Drawn in
 * a {@code viewBox}, so it scales to the page's width and stays readable in a screenshot. Every name is
 * escaped here, since the page takes the chart as markup.
 */
final class MonthlyChart {
  /**
   * Okabe and Ito's palette for colour-blind readers (its yellow left out: too light on white). A
   * eighth country takes the first colour again, with a dash pattern, and so on: no two of 35 lines look alike.
   */
  static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000");
  private static final List<String> DASHES = List.of("", "8 4", "2 3", "10 3 2 3", "14 4 4 4");

  static final int WIDTH = 960;
  static final int LEFT = 52;
  static final int RIGHT = 20;
  static final int TOP = 24;
  static final int PLOT_HEIGHT = 240;
  static final int PLOT_BOTTOM = TOP + PLOT_HEIGHT;
  private static final int LEGEND_COLUMNS = 4;
  private static final int LEGEND_ROW = 22;
  private static final int LEGEND_NAME = 26;
  /** At most this many intervals on the y scale. */
  private static final int MAX_TICKS = 5;

  private MonthlyChart() {}

  /** The chart as markup: an {@code <svg>}, or a short paragraph when there is nothing to draw. */
  static String html(MonthlyArticles chart) {
    if (chart.series().isEmpty()) {
      return "<p class=\"chart-empty\">No countries are configured.</p>";
    }
    if (chart.isEmpty()) {
      return "<p class=\"chart-empty\">No article of " + (chart.series().size() == 1 ? escape(DisplayText.of(chart.series().get(0).name()))
          : "the configured countries") + " was published from " + month(chart.months().get(0), TextStyle.FULL) + " to "
          + month(last(chart.months()), TextStyle.FULL) + ".</p>";
    }
    return svg(chart);
  }

  private static String svg(MonthlyArticles chart) {
    List<YearMonth> months = chart.months();
    int step = step(chart.max());
    int top = ceilDiv(chart.max(), step) * step;
    int rows = ceilDiv(chart.series().size(), LEGEND_COLUMNS);
    int height = PLOT_BOTTOM + 44 + rows * LEGEND_ROW;
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(escape(summary(chart)))
        .append("\" font-family=\"system-ui, sans-serif\" font-size=\"13\" fill=\"#333\">\n");

    svg.append("<g class=\"y-axis\">\n");
    for (int value = 0; value <= top; value += step) {
      String y = num(y(value, top));
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y).append("\" y2=\"").append(y)
          .append("\" stroke=\"").append(value == 0 ? "#888" : "#e3e3e3").append("\" stroke-width=\"1\"/>")
          .append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y).append("\" dy=\"4\" text-anchor=\"end\">").append(value)
          .append("</text>\n");
    }
    svg.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(TOP - 10).append("\" text-anchor=\"start\" fill=\"#666\">articles per month</text>\n");
    svg.append("</g>\n<g class=\"x-axis\">\n");
    for (int i = 0; i < months.size(); i++) {
      YearMonth m = months.get(i);
      String x = num(x(i, months.size()));
      boolean labelled = m.getMonthValue() % 3 == 1;
      svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(PLOT_BOTTOM).append("\" y2=\"")
          .append(PLOT_BOTTOM + (labelled ? 6 : 3)).append("\" stroke=\"#888\"/>");
      if (labelled) {
        svg.append("<text x=\"").append(x).append("\" y=\"").append(PLOT_BOTTOM + 20).append("\" text-anchor=\"middle\">")
            .append(m.getMonthValue() == 1 ? month(m, TextStyle.SHORT) : m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
            .append("</text>");
      }
      svg.append('\n');
    }
    svg.append("</g>\n<g class=\"series\" fill=\"none\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
    for (int s = 0; s < chart.series().size(); s++) {
      MonthlyArticles.Series series = chart.series().get(s);
      List<String> points = new ArrayList<>();
      for (int i = 0; i < series.counts().size(); i++) {
        points.add(num(x(i, months.size())) + "," + num(y(series.counts().get(i), top)));
      }
      svg.append("<polyline data-country=\"").append(series.region()).append("\" stroke=\"").append(colour(s)).append('"')
          .append(dash(s)).append(" points=\"").append(String.join(" ", points)).append("\"><title>")
          .append(escape(seriesTitle(series, months))).append("</title></polyline>\n");
    }
    svg.append("</g>\n<g class=\"legend\">\n");
    int columnWidth = (WIDTH - LEFT - RIGHT) / LEGEND_COLUMNS;
    for (int s = 0; s < chart.series().size(); s++) {
      MonthlyArticles.Series series = chart.series().get(s);
      int x = LEFT + (s % LEGEND_COLUMNS) * columnWidth;
      int y = PLOT_BOTTOM + 44 + (s / LEGEND_COLUMNS) * LEGEND_ROW;
      String name = DisplayText.of(series.name());
      String shown = name.codePointCount(0, name.length()) <= LEGEND_NAME ? name
          : name.substring(0, name.offsetByCodePoints(0, LEGEND_NAME - 1)) + "…";
      svg.append("<g class=\"legend-item\"><title>").append(escape(name)).append("</title><line x1=\"").append(x).append("\" x2=\"")
          .append(x + 24).append("\" y1=\"").append(y - 4).append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(colour(s))
          .append("\" stroke-width=\"3\"").append(dash(s)).append("/><text x=\"").append(x + 32).append("\" y=\"").append(y).append("\">")
          .append(escape(shown)).append(" (").append(series.total()).append(")</text></g>\n");
    }
    return svg.append("</g>\n</svg>").toString();
  }

  /** What the chart shows, for a reader who cannot see it: the months, and each country's total. */
  static String summary(MonthlyArticles chart) {
    List<String> totals = chart.series().stream().map(s -> DisplayText.of(s.name()) + " " + s.total()).toList();
    return "Articles per month from " + month(chart.months().get(0), TextStyle.FULL) + " to " + month(last(chart.months()), TextStyle.FULL)
        + ": " + String.join(", ", totals) + ".";
  }

  private static String seriesTitle(MonthlyArticles.Series series, List<YearMonth> months) {
    int most = 0;
    for (int i = 1; i < series.counts().size(); i++) {
      if (series.counts().get(i) > series.counts().get(most)) {
        most = i;
      }
    }
    String title = DisplayText.of(series.name()) + ": " + series.total() + (series.total() == 1 ? " article" : " articles");
    return series.total() == 0 ? title : title + ", most in " + month(months.get(most), TextStyle.FULL) + " (" + series.counts().get(most) + ")";
  }

  /** The y scale's step: 1, 2 or 5 times a power of ten, the smallest that needs at most {@link #MAX_TICKS} steps to reach {@code max}. */
  static int step(int max) {
    for (int power = 1; ; power *= 10) {
      for (int factor : new int[] {1, 2, 5}) {
        if (ceilDiv(max, factor * power) <= MAX_TICKS) {
          return factor * power;
        }
      }
    }
  }

  static double x(int index, int months) {
    return LEFT + index * (double) (WIDTH - LEFT - RIGHT) / Math.max(1, months - 1);
  }

  static double y(int value, int top) {
    return PLOT_BOTTOM - (double) value * PLOT_HEIGHT / top;
  }

  private static String colour(int series) {
    return PALETTE.get(series % PALETTE.size());
  }

  private static String dash(int series) {
    String dash = DASHES.get(series / PALETTE.size() % DASHES.size());
    return dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"";
  }

  private static String month(YearMonth month, TextStyle style) {
    return month.getMonth().getDisplayName(style, Locale.ENGLISH) + " " + month.getYear();
  }

  private static YearMonth last(List<YearMonth> months) {
    return months.get(months.size() - 1);
  }

  private static int ceilDiv(int a, int b) {
    return Math.max(1, (a + b - 1) / b);
  }

  /** One decimal at most, with a point whatever the locale. */
  private static String num(double value) {
    long tenths = Math.round(value * 10);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }

  /** Text and attribute values of the SVG, which the HTML and XML parsers both read alike (as the pages' text is escaped). */
  static String escape(String text) {
    return com.samskivert.mustache.Escapers.HTML.escape(text);
  }
}
