package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.StateCopy;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.PostgresTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code migrate --to postgresql://...}: copies the SQLite state into an empty PostgreSQL database. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Copies this state's SQLite database (articles, links, listing states, outbox, schedule, search index) into an empty"
        + " PostgreSQL database, then counts every table on both sides.",
        "Stop the daemon first. Afterwards set storage.database to the same address: the archive folder stays where it is"
            + " (share it with every node)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:copied, every count matches", "1:a count differs (listed), or the target already holds a state",
        "2:no --to, or not a postgresql:// address", "3:the configuration is missing or invalid",
        "4:a monitor process holds the state folder", "5:a database cannot be opened or written"})
final class MigrateCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--to", required = true, paramLabel = "postgresql://HOST:PORT/DB",
      description = "The empty PostgreSQL database to copy into (user and password from PGUSER and PGPASSWORD).")
  String to;

  @Override
  @SuppressWarnings("try") // the state lock is held for the whole command, never referenced
  public Integer call() throws Exception {
    MonitorConfig config = options.load();
    if (config.storage().isPostgres()) {
      throw new UserException(ExitCodes.USAGE, "the state of " + config.source() + " is in PostgreSQL already ("
          + config.storage().describeDatabase() + "): migrate copies an SQLite state");
    }
    if (PostgresTarget.writtenPassword(to).isPresent()) {
      throw new UserException(ExitCodes.USAGE, "--to: a password on the command line is seen by every user of this machine (ps):"
          + " export PGPASSWORD instead and leave it out of the address");
    }
    PostgresTarget target;
    try {
      target = PostgresTarget.parse(to, System::getenv);
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.USAGE, "--to: " + e.getMessage());
    }
    if (!config.storage().hasDatabase()) {
      throw new UserException(ExitCodes.FAILED, "no database at " + config.storage().database().toAbsolutePath() + ": nothing to copy");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<StateCopy.TableCount> counts;
    try (AutoCloseable lock = StateGuard.acquire(config, "migrate")) {
      try {
        counts = StateCopy.copy(config.storage(), target);
      } catch (StateCopy.TargetNotEmptyException e) {
        throw new UserException(ExitCodes.FAILED, e.getMessage());
      }
    }
    out.printf("Copied %s into %s:%n", config.storage().database().toAbsolutePath(), target.display());
    out.printf("  %-22s %10s %10s%n", "TABLE", "SQLITE", "POSTGRESQL");
    boolean allMatch = true;
    for (StateCopy.TableCount c : counts) {
      out.printf("  %-22s %10d %10d%s%n", c.table(), c.source(), c.target(), c.matches() ? "" : "  DIFFERS");
      allMatch &= c.matches();
    }
    if (allMatch) {
      out.printf("Every count matches. Now set storage.database: %s in %s (and PGUSER/PGPASSWORD in the daemon's environment);"
          + " the archive stays at %s.%n", PostgresTarget.SCHEME + target.host() + ":" + target.port() + "/" + target.database(),
          config.source(), config.storage().archive().toAbsolutePath());
    }
    out.flush();
    return allMatch ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
