package org.industriallmonitor.crawl;

/** Hears of every finished crawl (the console's metrics); called on the crawl's thread, so it must be quick. */
@FunctionalInterface
public interface CrawlListener {
  CrawlListener NONE = (report, repaired) -> {};

  /** {@code report} is the crawl's final report; {@code repaired}: its layout was repaired and it crawled again. */
  void crawled(CrawlReport report, boolean repaired);
}
