package org.industriallmonitor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The console logging of every command: standard error, INFO (or {@code -Dmonitor.log.level}),
 * quiet libraries. Set in code rather than in logback.xml, which costs a command a few hundred
 * milliseconds of XML parsing at start. {@code -Dlogback.configurationFile=FILE} still wins.
 * `run` and `once` add the log file ({@link Logging#toFile}).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /** The name of the console appender, here and in the tests' logback-test.xml. */
  static final String CONSOLE = "CONSOLE";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (userConfiguration()) {
      // The user's own logback file wins: logback's XML configurator reads it, and nothing is added to it.
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    if (LogConfigurator.class.getResource("/logback-test.xml") != null) {
      // The project's own tests bring their configuration; logback's XML configurator reads it.
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(CONSOLE);
    console.setTarget("System.err");
    console.setEncoder(LogLines.encoder(context, "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n"));
    console.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getProperty("monitor.log.level"), Level.INFO));
    root.addAppender(console);
    context.getLogger("org.quartz").setLevel(Level.WARN);
    context.getLogger("okhttp3").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** True when {@code -Dlogback.configurationFile=FILE} names the user's own configuration. */
  static boolean userConfiguration() {
    String file = System.getProperty("logback.configurationFile");
    return file != null && !file.isBlank();
  }
}
