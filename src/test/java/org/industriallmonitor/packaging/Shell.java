package org.industriallmonitor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program run to its end, its standard output and error read together (what a person sees). */
record Shell(int exit, String output) {
  static Shell run(Path workDir, Map<String, String> environment, Duration limit, String... command) {
    try {
      Path output = Files.createTempFile("packaging-", ".txt");
      try {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(workDir.toFile())
            .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError(String.join(" ", command) + " still ran after " + limit + ":\n"
              + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Shell(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Shell run(String... command) {
    return run(Path.of("."), Map.of(), Duration.ofMinutes(2), command);
  }

  /** Asserts it exited 0, and returns what it printed. */
  String succeeded() {
    assertThat(exit).as(output).isZero();
    return output;
  }
}
