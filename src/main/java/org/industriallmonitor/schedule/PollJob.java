package org.industriallmonitor.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job of the early-warning source: one poll. Never two at once; a late poll is skipped, not doubled. */
@DisallowConcurrentExecution
public final class PollJob implements InterruptableJob {
  private static final Logger log = LoggerFactory.getLogger(PollJob.class);

  private final SourcePoll poll;
  private volatile Thread worker;

  PollJob(SourcePoll poll) {
    this.poll = poll;
  }

  @Override
  public void execute(JobExecutionContext context) {
    worker = Thread.currentThread();
    try {
      poll.poll();
    } catch (InterruptedException e) {
      log.info("early-warning poll stopped: the monitor is shutting down");
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("early-warning poll failed: {}", e.getMessage(), e);
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
