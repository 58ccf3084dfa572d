package org.industriallmonitor.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.industriallmonitor.config.CountryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Crawls a list of countries one after the other, logging one line per country. */
public final class Crawler {
  private static final Logger log = LoggerFactory.getLogger(Crawler.class);

  private final CountryCrawler countryCrawler;

  public Crawler(CountryCrawler countryCrawler) {
    this.countryCrawler = countryCrawler;
  }

  public CrawlReport crawl(CountryConfig country) throws InterruptedException {
    return crawl(country, CrawlProgress.NONE);
  }

  public CrawlReport crawl(CountryConfig country, CrawlProgress progress) throws InterruptedException {
    CrawlReport report = countryCrawler.crawl(country, progress);
    if (report.succeeded()) {
      log.info("crawl {}", report.summaryLine());
    } else {
      log.warn("crawl {}: {}", report.summaryLine(), String.join("; ", report.problems()));
    }
    return report;
  }

  /** Crawls each country in turn, handing each report to {@code onReport} as soon as it is ready. */
  public List<CrawlReport> crawlAll(List<CountryConfig> countries, Consumer<CrawlReport> onReport) throws InterruptedException {
    List<CrawlReport> reports = new ArrayList<>();
    for (CountryConfig country : countries) {
      CrawlReport report = crawl(country);
      onReport.accept(report);
      reports.add(report);
    }
    return reports;
  }
}
