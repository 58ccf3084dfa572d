package org.industriallmonitor.schedule;

import java.util.concurrent.ThreadLocalRandom;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job of one country: waits its jitter (cron schedules only), then crawls. Never two at once. */
@DisallowConcurrentExecution
public final class CrawlJob extends InterruptibleJob {
  static final String REGION = "region";
  static final String JITTER_MILLIS = "jitterMillis";
  private static final Logger log = LoggerFactory.getLogger(CrawlJob.class);

  private final CountryRun run;

  CrawlJob(CountryRun run) {
    this.run = run;
  }

  @Override
  void work(JobExecutionContext context) throws InterruptedException {
    int region = context.getMergedJobDataMap().getInt(REGION);
    long jitter = context.getMergedJobDataMap().getLong(JITTER_MILLIS);
    try {
      if (jitter > 0) {
        Thread.sleep(ThreadLocalRandom.current().nextLong(jitter + 1));
      }
      run.crawl(region);
    } catch (RuntimeException e) {
      log.error("crawl of region {} failed: {}", region, e.getMessage(), e);
    }
  }

  @Override
  void stopped(JobExecutionContext context) {
    log.info("crawl of region {} stopped: the monitor is shutting down", context.getMergedJobDataMap().getInt(REGION));
  }
}
