package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.industriallmonitor.config.ConfigException;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code industriall-monitor} command line. */
@Command(
    name = "industriall-monitor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Watches IndustriALL Global Union's country listings, archives new articles and sends alerts.")
public final class Main implements Runnable {
  /**
   * The subcommands, in the order of the usage text. A command line builds the model of the one
   * it runs only: picocli's model of all of them costs every start about 70 ms.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("demo", DemoCommand::new);
    COMMANDS.put("init", InitCommand::new);
    COMMANDS.put("run", RunCommand::new);
    COMMANDS.put("once", OnceCommand::new);
    COMMANDS.put("validate", ValidateCommand::new);
    COMMANDS.put("calibrate", CalibrateCommand::new);
    COMMANDS.put("status", StatusCommand::new);
    COMMANDS.put("countries", CountriesCommand::new);
    COMMANDS.put("replica", ReplicaCommand::new);
    COMMANDS.put("notify-test", NotifyTestCommand::new);
    COMMANDS.put("outbox", OutboxCommand::new);
    COMMANDS.put("search", SearchCommand::new);
    COMMANDS.put("reindex", ReindexCommand::new);
    COMMANDS.put("migrate", MigrateCommand::new);
    COMMANDS.put("backup", BackupCommand::new);
    COMMANDS.put("floor", FloorCommand::new);
    COMMANDS.put("cds-training", CdsTrainingCommand::new);
    COMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /**
   * The command line that runs {@code args}, with the monitor's error handling, for callers that
   * set their own output: with the subcommand {@code args} name, or with all of them (for the
   * usage text, {@code help}, or a name to correct).
   */
  public static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Main());
    String named = null;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        named = arg;
        break;
      }
    }
    if (named != null && COMMANDS.containsKey(named) && !named.equals("help")) {
      cli.addSubcommand(named, COMMANDS.get(named).get());
    } else {
      COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    // search strike -coal: an excluded word is a word of the query, not an unknown option (SearchCommand
    // still refuses an unknown --option).
    CommandLine search = cli.getSubcommands().get("search");
    if (search != null) {
      search.setUnmatchedOptionsArePositionalParams(true);
    }
    cli.setExecutionExceptionHandler(Main::handle);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof ConfigException c && c.getMessage().endsWith(ConfigLoader.MISSING_FILE)) {
      err.println("configuration error: " + e.getMessage() + ". Create a commented configuration with:");
      err.println("  " + Invocation.jarCommand() + " init");
      err.println("or name another file with --config FILE.");
      err.flush();
      return ExitCodes.CONFIG;
    }
    if (e instanceof ConfigException) {
      err.println("configuration error: " + e.getMessage());
      err.flush();
      return ExitCodes.CONFIG;
    }
    if (e instanceof StoreException) {
      err.println("storage error: " + e.getMessage());
      err.flush();
      return ExitCodes.STORAGE;
    }
    if (e instanceof UserException u) {
      err.println(u.getMessage());
      err.flush();
      return u.exitCode();
    }
    err.println("error: " + e);
    e.printStackTrace(err);
    err.flush();
    return ExitCodes.FAILED;
  }
}
