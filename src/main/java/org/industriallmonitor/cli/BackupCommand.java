package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.Backup;
import org.industriallmonitor.app.BackupManifest;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.config.MonitorConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backup --to DIR} and {@code backup --verify DIR}: a consistent copy of the state, taken beside a running daemon. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Copies the state into a new folder while the daemon runs: the archive (hard links on the same file system),"
        + " then the database (SQLite's VACUUM INTO), then manifest.json with each file's size and SHA-256, written last.",
        "The folder is a state a monitor can be pointed at (--state DIR). With PostgreSQL it copies the archive and leaves the"
            + " database to pg_dump. --verify DIR checks a backup against its manifest."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:backed up, or the backup verified", "1:--verify: the backup is incomplete or changed (each problem listed);"
        + " --to: the folder is not empty, or the state lacks files its rows name (listed; the backup is written)",
        "2:neither or both of --to and --verify", "3:the configuration is missing or invalid",
        "5:the state cannot be read, or the backup folder cannot be written"})
final class BackupCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  /** Exactly one of the two. */
  static final class Action {
    @Option(names = "--to", paramLabel = "DIR", description = "A new or empty folder to back the state up into.")
    Path to;

    @Option(names = "--verify", paramLabel = "DIR", description = "A backup folder to check against its manifest.json.")
    Path verify;
  }

  @Override
  public Integer call() {
    try {
      return action.verify != null ? verify(action.verify) : backUp(action.to);
    } catch (IOException e) {
      Path dir = action.verify != null ? action.verify : action.to;
      String why = e instanceof FileSystemException f && f.getReason() != null ? f.getFile() + ": " + f.getReason() : e.toString();
      throw new UserException(ExitCodes.STORAGE, "storage error: cannot " + (action.verify != null ? "read" : "write") + " the backup " + dir
          + " (" + why + ")");
    }
  }

  private int backUp(Path to) throws IOException {
    MonitorConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!config.storage().isPostgres() && !config.storage().hasDatabase()) {
      throw new UserException(ExitCodes.FAILED, "no database at " + config.storage().database().toAbsolutePath() + ": nothing to back up");
    }
    Backup.Taken taken;
    try (Components parts = Components.of(config)) {
      taken = Backup.take(parts, to, Clock.systemUTC());
    } catch (Backup.UnusableTargetException e) {
      throw new UserException(ExitCodes.FAILED, e.getMessage());
    }
    BackupManifest manifest = taken.manifest();
    out.printf("Backed up into %s: %s, %s%s.%n", to.toAbsolutePath(), Plural.of(manifest.files().size(), "file", "files"),
        bytes(manifest.totalBytes()), switch (taken.placement()) {
          case HARD_LINKED -> " (the archive hard-linked: copy the folder elsewhere to keep it off this disk)";
          case COPIED -> " (the archive copied)";
          case NONE -> "";
        });
    manifest.database().ifPresent(db -> {
      Map<String, Long> tables = db.tables();
      int release = taken.releaseSchemaVersion().orElse(db.schemaVersion());
      String schema = db.schemaVersion() < release
          ? "schema " + db.schemaVersion() + "; this release migrates it to " + release + " when it first opens it"
          : "schema " + db.schemaVersion();
      out.printf("  database %s (%s): %s, %s%n", db.file(), schema,
          Plural.of(tables.getOrDefault("articles", 0L).intValue(), "article", "articles"),
          Plural.of(tables.getOrDefault("outbox", 0L).intValue(), "delivery", "deliveries"));
    });
    if (taken.addedAfterDatabaseCopy() > 0) {
      out.printf("  %s written during the backup added after the database copy%n",
          Plural.of(taken.addedAfterDatabaseCopy(), "archive file", "archive files"));
    }
    if (taken.refreshedAfterDatabaseCopy() > 0) {
      out.printf("  %s replaced during the backup taken again after the database copy%n",
          Plural.of(taken.refreshedAfterDatabaseCopy(), "archive file", "archive files"));
    }
    taken.uncopiedDatabase().ifPresent(db -> out.printf("The database is in PostgreSQL (%s): back it up with pg_dump;"
        + " this backup holds the archive only.%n", db));
    out.printf("Check it with: backup --verify %s. To restore, see \"Backup and restore\" in docs/operations.md.%n", to);
    out.flush();
    if (!taken.missingInState().isEmpty()) {
      err.printf("%s named by the database %s missing from the state's archive (not in the backup either: its manifest records"
          + " them, and backup --verify refuses it):%n",
          Plural.of(taken.missingInState().size(), "file", "files"), taken.missingInState().size() == 1 ? "is" : "are");
      taken.missingInState().forEach(path -> err.println("  " + path));
      err.flush();
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private int verify(Path dir) throws IOException {
    Backup.Verification verification = Backup.verify(dir);
    if (verification.ok()) {
      BackupManifest manifest = verification.manifest().orElseThrow();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s verified: %s (%s) match its manifest of %s%s.%n", dir, Plural.of(manifest.files().size(), "file", "files"),
          bytes(manifest.totalBytes()), manifest.createdAt(), manifest.database().isPresent() ? "" : " (the archive only: no database)");
      out.flush();
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf("%s is not a whole backup: do not restore it.%n", dir);
    verification.problems().forEach(problem -> err.println("  " + problem));
    err.flush();
    return ExitCodes.FAILED;
  }

  private static String bytes(long count) {
    if (count < 1024) {
      return count + " bytes";
    }
    return count < 1024 * 1024 ? String.format("%.1f KB", count / 1024.0) : String.format("%.1f MB", count / (1024.0 * 1024));
  }
}
