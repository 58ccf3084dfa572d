package org.industriallmonitor.schedule;

import java.util.concurrent.ThreadLocalRandom;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job of one country: waits its jitter (cron schedules only), then crawls. Never two at once. */
@DisallowConcurrentExecution
public final class CrawlJob implements InterruptableJob {
  static final String REGION = "region";
  static final String JITTER_MILLIS = "jitterMillis";
  private static final Logger log = LoggerFactory.getLogger(CrawlJob.class);

  private final CountryRun run;
  private volatile Thread worker;

  CrawlJob(CountryRun run) {
    this.run = run;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    int region = context.getMergedJobDataMap().getInt(REGION);
    long jitter = context.getMergedJobDataMap().getLong(JITTER_MILLIS);
    worker = Thread.currentThread();
    try {
      if (jitter > 0) {
        Thread.sleep(ThreadLocalRandom.current().nextLong(jitter + 1));
      }
      run.crawl(region);
    } catch (InterruptedException e) {
      log.info("crawl of region {} stopped: the monitor is shutting down", region);
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("crawl of region {} failed: {}", region, e.getMessage(), e);
    } finally {
      worker = null;
    }
  }

  @Override
  public void interrupt() {
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }
}
