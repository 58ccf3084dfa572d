package org.industriallmonitor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The states written by earlier releases, kept under {@code src/test/resources/upgrade/} (one folder a release). */
public final class ReleaseStates {
  private ReleaseStates() {}

  /** Copies the state written by {@code release} ({@code v0.1.0}, ...) into {@code to}: its database and archive. */
  public static void copy(String release, Path to) throws IOException {
    Path from = Path.of("src/test/resources/upgrade", release);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals("README.md")) {
          Files.copy(file, target);
        }
      }
    }
  }
}
