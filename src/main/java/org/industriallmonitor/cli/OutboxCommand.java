package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Deliveries;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.config.MonitorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outbox list} and {@code outbox retry}: look at deliveries and send dead ones again. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
    description = "Lists deliveries, and puts dead-lettered deliveries back in line.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:no database yet", "2:wrong option value", "3:the configuration is missing or invalid"},
    subcommands = {OutboxCommand.ListDeliveries.class, OutboxCommand.Retry.class})
final class OutboxCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The parts of a configuration whose database exists. */
  private static Components parts(MonitorConfig config) {
    if (!config.storage().hasDatabase()) {
      throw new UserException(ExitCodes.FAILED, "no database at " + config.storage().database() + ": nothing was crawled yet");
    }
    return Components.of(config);
  }

  /** {@code outbox list [--status S]}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists deliveries (newest 200 by default).")
  static final class ListDeliveries implements Callable<Integer> {
    @Mixin CommonOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--status", paramLabel = "STATUS", description = "pending, delivered or dead (default: all).")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "At most N rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      if (status != null && !List.of("pending", "delivered", "dead").contains(status)) {
        throw new UserException(ExitCodes.USAGE, "--status is pending, delivered or dead, not '" + status + "'");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Components parts = parts(options.load())) {
        List<Deliveries.Delivery> rows = parts.deliveries().list(status, limit);
        if (rows.isEmpty()) {
          out.println(status == null ? "no deliveries" : "no " + status + " deliveries");
          out.flush();
          return ExitCodes.OK;
        }
        out.printf("%-36s  %-12s %-17s %-9s %8s  %s%n", "DELIVERY", "CHANNEL", "EVENT", "STATUS", "ATTEMPTS", "SUBJECT / LAST ERROR");
        for (Deliveries.Delivery row : rows) {
          out.printf("%-36s  %-12s %-17s %-9s %8d  %s%n", row.deliveryId(), row.channel(), row.event(), row.status(),
              row.attempts(), row.subject() + (row.lastError() == null ? "" : "  [" + row.lastError() + "]"));
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code outbox retry [--channel ID] [--delivery ID]}. */
  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = "Puts dead deliveries (all, or of one channel, or one delivery) back in line; `run` or `once` sends them.")
  static final class Retry implements Callable<Integer> {
    @Mixin CommonOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--channel", paramLabel = "ID", description = "Only deliveries to this channel.")
    String channel;

    @Option(names = "--delivery", paramLabel = "ID", description = "Only this delivery id.")
    String delivery;

    @Override
    public Integer call() {
      try (Components parts = parts(options.load())) {
        int count = parts.deliveries().retryDead(channel, delivery, Instant.now());
        spec.commandLine().getOut().printf("%s put back in line%s.%n", Plural.of(count, "dead delivery", "dead deliveries"),
            count == 0 ? "" : "; a running daemon sends them within 30 seconds, or run `once`");
        spec.commandLine().getOut().flush();
      }
      return ExitCodes.OK;
    }
  }
}
