package org.industriallmonitor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.industriallmonitor.config.LoggingConfig;
import org.industriallmonitor.store.UnwritableFolderException;
import org.slf4j.LoggerFactory;

/** Adds the rolling log file to the console logging set up by {@link LogConfigurator}. */
final class Logging {
  static final String FILE_NAME = "monitor.log";
  /** The limits of the file attached, if one is. */
  private static LoggingConfig attached;

  private Logging() {}

  /** Logback would drop every line in silence: say so now, with the fix. */
  private static void requireWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      try (FileChannel log = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        // Opened for appending, as the log file will be: the folder takes our lines.
      }
    } catch (IOException e) {
      throw UnwritableFolderException.of(dir, "log folder", FILE_NAME, "--logs DIR", e);
    }
  }

  /** Log lines kept off the console while open; {@link #warnings()} counts the warnings and errors kept off. */
  static final class QuietConsole implements AutoCloseable {
    private final AtomicInteger warnings = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private ConsoleAppender<ILoggingEvent> console;
    private Filter<ILoggingEvent> filter;

    /** How many warnings and errors were kept off the console, so that the command can point at the file. */
    int warnings() {
      return warnings.get();
    }

    /** The console shows log lines again. */
    @Override
    public void close() {
      if (open.getAndSet(false) && console != null) {
        synchronized (Logging.class) {
          List<Filter<ILoggingEvent>> others = new ArrayList<>(console.getCopyOfAttachedFiltersList());
          others.remove(filter);
          console.clearAllFilters();
          others.forEach(console::addFilter);
        }
      }
    }
  }

  /**
   * Keeps log lines off the console until the returned handle is closed; they still reach the log
   * file. Nothing changes under a logback configuration of the user's.
   */
  static synchronized QuietConsole quietConsole() {
    QuietConsole quiet = new QuietConsole();
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && !LogConfigurator.userConfiguration()
        && context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(LogConfigurator.CONSOLE) instanceof ConsoleAppender<ILoggingEvent> console) {
      Filter<ILoggingEvent> offTheConsole = new Filter<>() {
        @Override
        public FilterReply decide(ILoggingEvent event) {
          if (!quiet.open.get()) {
            return FilterReply.NEUTRAL;
          }
          if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            quiet.warnings.incrementAndGet();
          }
          return FilterReply.DENY;
        }
      };
      offTheConsole.start();
      console.addFilter(offTheConsole);
      quiet.console = console;
      quiet.filter = offTheConsole;
    }
    return quiet;
  }

  /** Sets the level of the whole log (the console and the file). */
  static void setLevel(ch.qos.logback.classic.Level level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level);
    }
  }

  /**
   * Logs to {@code dir/monitor.log} as well, rolled daily and at {@code logging.max_file_size},
   * kept {@code logging.max_history} days and {@code logging.total_size_cap} at most, compressed.
   * A file attached before in another folder or with other limits is replaced. Without a log file
   * ({@code logging.file: false}) nothing is written to {@code dir}, and a file attached before is
   * detached: the lines go to the console only.
   */
  static synchronized void toFile(Path dir, LoggingConfig logging) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context) || LogConfigurator.userConfiguration()) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (!logging.file()) {
      if (root.getAppender("FILE") instanceof RollingFileAppender<ILoggingEvent> existing) {
        root.detachAppender(existing);
        existing.stop();
      }
      attached = null;
      return;
    }
    requireWritable(dir);
    String base = dir.toAbsolutePath().toString();
    if (root.getAppender("FILE") instanceof RollingFileAppender<ILoggingEvent> existing) {
      if (existing.getFile().equals(base + "/" + FILE_NAME) && logging.equals(attached)) {
        return;
      }
      root.detachAppender(existing);
      existing.stop();
    }
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(base + "/" + FILE_NAME);

    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(base + "/monitor.%d{yyyy-MM-dd}.%i.log.gz");
    policy.setMaxFileSize(new FileSize(logging.maxFileSize()));
    policy.setMaxHistory(logging.maxHistory());
    policy.setTotalSizeCap(new FileSize(logging.totalSizeCap()));
    policy.start();

    appender.setRollingPolicy(policy);
    appender.setEncoder(LogLines.encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n"));
    appender.start();
    root.addAppender(appender);
    attached = logging;
  }
}
