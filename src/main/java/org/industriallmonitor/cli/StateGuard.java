package org.industriallmonitor.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.StateLock;

/** Takes the state folder's lock for a command, or stops it with a message naming the owner. */
final class StateGuard {
  private StateGuard() {}

  static StateLock acquire(MonitorConfig config, String command) throws IOException {
    Path lockFile = StateLock.fileFor(config.storage().database());
    return StateLock.tryAcquire(lockFile).orElseThrow(() -> {
      String owner = StateLock.ownerPid(lockFile).map(pid -> " (pid " + pid + ")").orElse("");
      String advice = command.equals("run")
          ? "Only one daemon may run per state folder; stop the other one first, or give this one its own --state DIR."
          : "A daemon is already crawling this state folder on its schedule, so `" + command
              + "` does not run beside it; `status` shows what it does. Stop the daemon first to run `" + command + "` by hand.";
      return new UserException(ExitCodes.LOCKED,
          "another monitor process" + owner + " is using the state folder " + lockFile.getParent() + " (lock " + lockFile + "). " + advice);
    });
  }
}
