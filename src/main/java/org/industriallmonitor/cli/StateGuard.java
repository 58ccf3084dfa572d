package org.industriallmonitor.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.StateLock;

/** Takes the state folder's lock for a command, or stops it with a message naming what holds it. */
final class StateGuard {
  private StateGuard() {}

  static StateLock acquire(MonitorConfig config, String command) throws IOException {
    Path lockFile = StateLock.fileFor(config.storage().database());
    return StateLock.tryAcquire(lockFile, command).orElseThrow(() -> {
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
