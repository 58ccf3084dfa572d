package org.industriallmonitor.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.schedule.NodeHeartbeat;
import org.industriallmonitor.store.StateLock;

/** Takes the state folder's lock for a command, or stops it with a message naming what holds it. */
final class StateGuard {
  private StateGuard() {}

  /**
   * The state lock or the node's check-ins, held until closed: the commands that only hold them see
   * neither the store's lock nor the scheduler's heartbeat.
   */
  @FunctionalInterface
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Registers this process as its node and starts its check-ins, or stops the command when the node id is taken. */
  static Held checkIn(Components parts) {
    try {
      return parts.heartbeat().start()::close;
    } catch (NodeHeartbeat.NodeIdInUseException e) {
      throw new UserException(ExitCodes.LOCKED, e.getMessage());
    }
  }

  /** The state folder's lock, held until closed. */
  static final class Lock implements Held {
    private final StateLock lock;

    private Lock(StateLock lock) {
      this.lock = lock;
    }

    /** The state folder (with PostgreSQL, the node's folder of the lock). */
    Path folder() {
      return lock.file().getParent();
    }

    /** From now on {@code status} shows the holder as a daemon: the demo's, kept running. */
    void announceDemoDaemon() throws IOException {
      lock.announce(StateLock.Holder.DAEMON_DEMO);
    }

    @Override
    public void close() {
      lock.close();
    }
  }

  /** The state folder's lock for {@code command}, or a {@link UserException} naming what holds it. */
  static Lock acquire(MonitorConfig config, String command) throws IOException {
    // With PostgreSQL the nodes share the state and the folder lock is the node's own: one process per node id.
    Path lockFile = config.storage().isPostgres() ? StateLock.fileForNode(config.storage().database(), config.cluster().nodeId())
        : StateLock.fileFor(config.storage().database());
    return StateLock.tryAcquire(lockFile, command).map(Lock::new).orElseThrow(() -> {
      StateLock.Holder holder = StateLock.holder(lockFile).orElse(null);
      String owner = holder == null || holder.pid() < 0 ? "" : " (" + holder.describe() + ")";
      String advice;
      if (holder != null && holder.isDaemon()) {
        advice = command.equals("run")
            ? "Only one daemon may run per state folder; stop the other one first, or give this one its own --state DIR."
            : "A daemon is already crawling this state folder on its schedule, so `" + command + "` does not run beside it; "
                + "`status` shows what it does. Stop the daemon first to run `" + command + "` by hand.";
      } else {
        String other = holder == null || holder.command() == null ? "another command" : "`" + holder.command() + "`";
        advice = other + " is working on this state folder and stops by itself when done; run `" + command
            + "` again then (`status` shows what it holds), or give this one its own --state DIR.";
      }
      return new UserException(ExitCodes.LOCKED,
          "another monitor process" + owner + " is using the state folder " + lockFile.getParent() + " (lock " + lockFile + "). " + advice);
    });
  }
}
