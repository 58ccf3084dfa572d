package org.industriallmonitor.schedule;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's JDBC job store, clustered, with the failure rule that {@code cluster.checkin_interval}
 * promises: a node is dead once it missed two of its check-ins. Quartz's own rule adds 7.5 seconds of
 * grace to that, which would let a dead node's countries wait beyond the promised window.
 */
public final class ClusterJobStore extends JobStoreTX {
  @Override
  protected long calcFailedIfAfter(SchedulerStateRecord rec) {
    return rec.getCheckinTimestamp() + 2 * rec.getCheckinInterval();
  }
}
