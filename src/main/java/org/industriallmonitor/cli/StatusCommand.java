package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.MonitorStatus;
import org.industriallmonitor.app.MonitorStatus.Status;
import org.industriallmonitor.app.StatusText;
import org.industriallmonitor.config.MonitorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status}: per country and per channel, what the monitor did and will do. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows what the monitor did and will do, per country and per channel.",
        "Per country: the last crawl, the last success, the number of articles, the next scheduled run and the last error; "
            + "then the early-warning source (its last poll, last new article and errors); "
            + "then pending, delivered and dead deliveries per channel."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "3:the configuration is missing or invalid", "5:the database cannot be read"})
final class StatusCommand implements Callable<Integer> {

  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the status as JSON, for scripts.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    MonitorConfig config = options.load();
    Status status = MonitorStatus.read(config);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(MonitorStatus.json(status));
    } else {
      out.print(StatusText.of(status, config.source()));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
