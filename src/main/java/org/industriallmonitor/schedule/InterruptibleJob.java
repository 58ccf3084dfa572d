package org.industriallmonitor.schedule;

import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;

/** A Quartz job whose work stops when the scheduler interrupts it (the daemon shutting down). */
abstract class InterruptibleJob implements InterruptableJob {
  private volatile Thread worker;

  /** The job's work, on the thread that {@link #interrupt()} interrupts. */
  abstract void work(JobExecutionContext context) throws InterruptedException;

  @Override
  public final void execute(JobExecutionContext context) {
    worker = Thread.currentThread();
    try {
      work(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped(context);
    } finally {
      worker = null;
    }
  }

  /** Says that the work stopped because the monitor is shutting down. */
  abstract void stopped(JobExecutionContext context);

  @Override
  public final void interrupt() {
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }
}
