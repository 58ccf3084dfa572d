package org.industriallmonitor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar started as a separate process, as a user or a service manager starts it. */
public final class JarProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private JarProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The jar built by {@code mvn package}, as failsafe passes it in {@code monitor.jar}. */
  public static Path jar() {
    String property = System.getProperty("monitor.jar", "target/industriall-monitor.jar");
    Path jar = Path.of(property).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no jar at " + jar + "; integration tests run after `mvn package`");
    }
    return jar;
  }

  public static JarProcess start(Path workDir, Map<String, String> environment, String... args) {
    return start(workDir, environment, List.of(), jar(), args);
  }

  /** Starts {@code jar} through {@code wrapper} (such as {@code setpriv --reuid=...}: another user), in {@code workDir}. */
  public static JarProcess start(Path workDir, Map<String, String> environment, List<String> wrapper, Path jar, String... args) {
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(List.of(java(), "-Xmx256m", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return command(workDir, environment, command);
  }

  /** The java of this JVM. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Starts {@code command} as it is (a shell tool that starts the jar itself, say), in {@code workDir}. */
  public static JarProcess command(Path workDir, Map<String, String> environment, List<String> command) {
    try {
      Files.createDirectories(workDir);
      Path out = Files.createTempFile(workDir, "stdout-", ".txt");
      Path err = Files.createTempFile(workDir, "stderr-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      return new JarProcess(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JarProcess start(Path workDir, String... args) {
    return start(workDir, Map.of(), args);
  }

  /** Waits for the process to exit and returns its exit code; fails the test after {@code seconds}. */
  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the monitor did not exit within " + seconds + " s\n" + this);
    }
    return process.exitValue();
  }

  /**
   * Kills the process with SIGKILL at the moment {@code moment} holds (polled every millisecond, for 60 s at most),
   * as a power cut or the OOM killer would; fails the test when the process died by itself first.
   */
  public void killWhen(java.util.concurrent.Callable<Boolean> moment) throws InterruptedException {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(1))
        .until(() -> !process.isAlive() || moment.call());
    if (!process.isAlive()) {
      throw new AssertionError("the monitor died by itself before the moment of the kill\n" + this);
    }
    process.destroyForcibly();
    waitFor(30);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Process process() {
    return process;
  }

  public String out() {
    return read(stdout);
  }

  public String err() {
    return read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "--- stdout\n" + out() + "--- stderr\n" + err();
  }
}
