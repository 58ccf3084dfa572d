package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.StorageConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --state DIR}, shared by every command. */
final class CommonOptions {
  private static final Logger log = LoggerFactory.getLogger(CommonOptions.class);
  static final Path DEFAULT_CONFIG = Path.of("config", "monitor.yaml");

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).",
      defaultValue = "config/monitor.yaml")
  Path config = DEFAULT_CONFIG;

  @Option(names = "--state", paramLabel = "DIR",
      description = "State folder: DIR/monitor.db and DIR/archive instead of the paths under storage: in the configuration.")
  Path state;

  @Option(names = "--logs", paramLabel = "DIR", description = "Folder of monitor.log (default: ${DEFAULT-VALUE}).",
      defaultValue = "logs")
  Path logs = Path.of("logs");

  /** Prints the configuration's warnings (and logs them, for the log file) before a crawl. */
  static void warn(MonitorConfig config, PrintWriter err) {
    for (String warning : config.warnings()) {
      err.println("warning: " + warning);
      log.warn("configuration: {}", warning);
    }
    err.flush();
  }

  /** Loads and validates the configuration, with {@code --state} applied. */
  MonitorConfig load() {
    MonitorConfig config = ConfigLoader.withSystemEnvironment().load(this.config);
    return state == null ? config : config.withStorage(StorageConfig.under(state).withBusyTimeout(config.storage().busyTimeout()).withPostgres(config.storage().postgres())
        .withMinFree(config.storage().minFree()));
  }
}
