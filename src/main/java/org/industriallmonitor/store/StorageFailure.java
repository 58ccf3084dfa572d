package org.industriallmonitor.store;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteException;

/**
 * The storage itself refuses writes: the disk is full, the file system turned read-only or
 * failed. Nothing after it can be kept, so the crawl stops at once (no more fetching) and the
 * command exits 5 with this message, which names the folder and the cause. What was written
 * before is whole: files are renamed into place only when complete, and rows are transactions.
 */
public final class StorageFailure extends StoreException {
  private StorageFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failed file write, as a storage failure when the storage caused it (not, say, a bad name). */
  public static Optional<StorageFailure> of(Path folder, IOException e) {
    String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
    String lower = reason.toLowerCase(Locale.ROOT);
    String cause;
    if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")) {
      cause = "no space left on device";
    } else if (lower.contains("read-only file system")) {
      cause = "the file system is read-only";
    } else if (lower.contains("input/output error")) {
      cause = "an input/output error of the disk";
    } else {
      return Optional.empty();
    }
    return Optional.of(at(folder, cause, e));
  }

  /** A failed database statement, as a storage failure when SQLite says the disk is the cause. */
  static Optional<StorageFailure> of(Path database, SQLException e) {
    int primary = (e instanceof SQLiteException s ? s.getResultCode().code : e.getErrorCode()) & 0xff;
    String cause = switch (primary) {
      case 13 -> "no space left on device"; // SQLITE_FULL
      case 8 -> "the database cannot be written (read-only)"; // SQLITE_READONLY
      case 10 -> "an input/output error of the disk"; // SQLITE_IOERR
      default -> null;
    };
    return cause == null ? Optional.empty() : Optional.of(at(database.toAbsolutePath().getParent(), cause, e));
  }

  /** A failed statement of a database server, as a storage failure when its disk is full (SQLSTATE 53100). */
  static Optional<StorageFailure> ofServer(String database, SQLException e) {
    if (!"53100".equals(e.getSQLState())) {
      return Optional.empty();
    }
    return Optional.of(new StorageFailure("cannot write to the database " + database + ": its server has no space left on"
        + " device. The crawl stopped at the first write that failed; nothing was half-written, and once there is room"
        + " the next run archives the rest.", e));
  }

  private static StorageFailure at(Path folder, String cause, Exception e) {
    return new StorageFailure("cannot write to " + folder.toAbsolutePath().normalize() + ": " + cause
        + ". The crawl stopped at the first write that failed; nothing was half-written, and once there is room"
        + " the next run archives the rest.", e);
  }
}
