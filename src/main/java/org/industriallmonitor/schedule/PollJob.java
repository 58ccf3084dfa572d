package org.industriallmonitor.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job of the early-warning source: one poll. Never two at once; a late poll is skipped, not doubled. */
@DisallowConcurrentExecution
public final class PollJob extends InterruptibleJob {
  private static final Logger log = LoggerFactory.getLogger(PollJob.class);

  private final SourcePoll poll;

  PollJob(SourcePoll poll) {
    this.poll = poll;
  }

  @Override
  void work(JobExecutionContext context) throws InterruptedException {
    try {
      poll.poll();
    } catch (RuntimeException e) {
      log.error("early-warning poll failed: {}", e.getMessage(), e);
    }
  }

  @Override
  void stopped(JobExecutionContext context) {
    log.info("early-warning poll stopped: the monitor is shutting down");
  }
}
