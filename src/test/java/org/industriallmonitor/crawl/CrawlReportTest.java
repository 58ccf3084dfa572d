package org.industriallmonitor.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary line is read by people and by scripts (bench/run adds up its pages and new articles). */
class CrawlReportTest {
  @Test
  void summarisesASuccessfulBaseline() {
    CrawlReport report = new CrawlReport("Kyrgyzstan", 364, true, 2, 14, 14, 14, List.of(), null, List.of(), List.of(), null, Duration.ofMillis(312));
    assertEquals("Kyrgyzstan (region 364): pages 2, seen 14, new 14, archived 14, errors 0, baseline, 312 ms, ok",
        report.summaryLine());
  }

  @Test
  void countsTheLayoutProblemAmongTheErrorsOfAFailedCrawl() {
    CrawlReport report = new CrawlReport("Kazakhstan", 169, false, 1, 10, 1, 0, List.of("listing timed out"),
        "no results matched", List.of("a note"), List.of(), null, Duration.ofSeconds(2));
    assertEquals("Kazakhstan (region 169): pages 1, seen 10, new 1, archived 0, errors 2, 2000 ms, FAILED", report.summaryLine());
  }
}
