package org.industriallmonitor.crawl;

import org.industriallmonitor.config.CountryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Crawls a country and logs one line for it: country, pages, new articles, duration, outcome. */
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
}
