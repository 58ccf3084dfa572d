package org.industriallmonitor.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.industriallmonitor.config.ConfigException;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the configuration file every {@code period} and hands each valid new version to the
 * listener. An invalid version is logged with its file, line and key, and the last good one
 * keeps running. Comparing contents works with every editor (rename, truncate, in place).
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Path file;
  private final ConfigLoader loader;
  private final Consumer<MonitorConfig> listener;
  private final ScheduledExecutorService timer;
  private byte[] lastSeen;
  private byte[] pending;
  private volatile String lastProblem;

  public ConfigWatcher(Path file, ConfigLoader loader, Consumer<MonitorConfig> listener) {
    this.file = file;
    this.loader = loader;
    this.listener = listener;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "config-watcher");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts watching; the content present now counts as already loaded. */
  public void start(Duration period) {
    lastSeen = read();
    timer.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The problem of the last rejected change, or null when the last change was accepted. */
  public String lastProblem() {
    return lastProblem;
  }

  synchronized void check() {
    byte[] now = read();
    if (now == null || Arrays.equals(now, lastSeen)) {
      pending = null;
      return;
    }
    // Act once the content held still for one period, so that an editor's half-written file is not judged.
    if (!Arrays.equals(now, pending)) {
      pending = now;
      return;
    }
    lastSeen = now;
    pending = null;
    try {
      MonitorConfig config = loader.load(file);
      lastProblem = null;
      log.info("configuration {} changed: reloading", file);
      listener.accept(config);
    } catch (ConfigException e) {
      lastProblem = e.getMessage();
      log.error("configuration change rejected, still running the last good configuration: {}", e.getMessage());
    } catch (RuntimeException e) {
      lastProblem = e.getMessage();
      log.error("cannot apply the changed configuration {}: {}", file, e.getMessage(), e);
    }
  }

  private byte[] read() {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      log.warn("cannot read {}: {}", file, e.getMessage());
      return null;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
