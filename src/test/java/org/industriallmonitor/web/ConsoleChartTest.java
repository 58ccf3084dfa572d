package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.industriallmonitor.replica.HostileFixtures;
import org.industriallmonitor.testing.MutableClock;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart of articles per month on the dashboard (every configured country) and on a country's page (that
 * country alone), over the two years ending with the console clock's month, on the state of a monitor that
 * crawled the replica.
 */
class ConsoleChartTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private ConsoleFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void theDashboardDrawsEachConfiguredCountryAndACountryPageItsOwn() throws Exception {
    ConsoleTest.publishFixtures(replica);
    Path configFile = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364)
        .country(HostileFixtures.COUNTRY, HostileFixtures.REGION).writeTo(dir);
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    fixture = ConsoleFixture.start(configFile, clock).crawlAll();

    Document dashboard = Jsoup.parse(fixture.get("/").body());
    List<Element> series = dashboard.select("#per-month svg [data-country]");
    assertThat(series).extracting(e -> e.attr("data-country")).containsExactly("364", String.valueOf(HostileFixtures.REGION));
    // Kyrgyzstan: the replica's article of 25 September 2025 and the grève of 20 November 2026 (the rest is older than
    // January 2025); Hostile Land: its seven articles of 1 November 2026.
    assertThat(nonZero(series.get(0))).containsExactly(8, 22);
    assertThat(nonZero(series.get(1))).containsExactly(22);
    assertThat(dashboard.selectFirst("#per-month svg").attr("aria-label"))
        .isEqualTo("Articles per month from January 2025 to December 2026: Kyrgyzstan 2, Hostile Land 7.");

    Document country = Jsoup.parse(fixture.get("/countries/364").body());
    assertThat(country.select("#per-month svg [data-country]")).extracting(e -> e.attr("data-country")).containsExactly("364");
    assertThat(country.selectFirst("#per-month svg").attr("aria-label"))
        .isEqualTo("Articles per month from January 2025 to December 2026: Kyrgyzstan 2.");

    clock.advance(Duration.ofDays(3 * 365));
    assertThat(Jsoup.parse(fixture.get("/").body()).select("#per-month").text())
        .isEqualTo("No article of the configured countries was published from January 2028 to December 2029.");
    assertThat(Jsoup.parse(fixture.get("/countries/364").body()).select("#per-month").text())
        .isEqualTo("No article of Kyrgyzstan was published from January 2028 to December 2029.");
  }

  private static List<Double> heights(Element polyline) {
    return Arrays.stream(polyline.attr("points").split(" ")).map(p -> Double.parseDouble(p.split(",")[1])).toList();
  }

  /** The months (0 to 23) whose point is above the baseline. */
  private static List<Integer> nonZero(Element polyline) {
    List<Double> ys = heights(polyline);
    return java.util.stream.IntStream.range(0, ys.size()).filter(i -> ys.get(i) < MonthlyChart.PLOT_BOTTOM).boxed().toList();
  }
}
