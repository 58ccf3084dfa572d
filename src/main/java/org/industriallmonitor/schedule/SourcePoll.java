package org.industriallmonitor.schedule;

/** What the early-warning job does: one poll of the site-wide source. */
@FunctionalInterface
public interface SourcePoll {
  void poll() throws InterruptedException;
}
