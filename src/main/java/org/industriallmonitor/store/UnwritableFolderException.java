package org.industriallmonitor.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A folder the monitor must write to refuses it (permissions, a read-only file system): the
 * message names the folder and the fix, in one line a user can act on.
 */
public final class UnwritableFolderException extends StoreException {
  private UnwritableFolderException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param role what the folder is to the monitor, such as "state folder"
   * @param holds what the monitor keeps there, such as "monitor.lock, monitor.db and archive/"
   * @param option how to choose another folder, such as "--state DIR"
   */
  public static UnwritableFolderException of(Path folder, String role, String holds, String option, IOException cause) {
    Path shown = folder.toAbsolutePath().normalize();
    String reason = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
    if (reason.contains("read-only file system")) {
      return new UnwritableFolderException("cannot write to the " + role + " " + shown + ": it is on a read-only file system. "
          + "Remount it read-write, or choose another folder with " + option + ".", cause);
    }
    String user = System.getProperty("user.name", "USER");
    String why = cause instanceof AccessDeniedException ? "permission denied" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new UnwritableFolderException("cannot write to the " + role + " " + shown + " (" + why + "); the monitor keeps " + holds
        + " there. Give the user '" + user + "' write access, for example: sudo chown -R " + user + " " + shown
        + " (or choose another folder with " + option + ").", cause);
  }
}
