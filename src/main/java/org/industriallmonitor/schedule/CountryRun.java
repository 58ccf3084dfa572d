package org.industriallmonitor.schedule;

/** What a scheduled job does: one crawl of the country with this region id. */
@FunctionalInterface
public interface CountryRun {
  void crawl(int region) throws InterruptedException;
}
