package org.industriallmonitor.cli;

import java.io.PrintWriter;
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
    description = "Watches IndustriALL Global Union's country listings, archives new articles and sends alerts.",
    subcommands = {DemoCommand.class, InitCommand.class, RunCommand.class, OnceCommand.class, ValidateCommand.class, CalibrateCommand.class, StatusCommand.class, CountriesCommand.class, ReplicaCommand.class, NotifyTestCommand.class, OutboxCommand.class, FloorCommand.class, CdsTrainingCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with the monitor's error handling, for callers that set their own output. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
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
