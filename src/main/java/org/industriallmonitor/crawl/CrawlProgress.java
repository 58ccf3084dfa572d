package org.industriallmonitor.crawl;

/** Hears how far a crawl is, for a progress display. Called on the crawling thread. */
public interface CrawlProgress {
  CrawlProgress NONE = new CrawlProgress() {};

  /** A listing page was read; {@code pages} of about {@code expectedPages} (0 when not known yet). */
  default void listing(String country, int pages, int expectedPages) {}

  /** {@code done} of the {@code total} new articles are handled. */
  default void articles(String country, int done, int total) {}

  /** The crawl of the country is over. */
  default void finished(String country) {}
}
