package org.industriallmonitor.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** How the user started this program, to print commands they can paste. */
final class Invocation {
  private Invocation() {}

  /** Set by {@code bin/industriall-monitor} to the launcher as the user typed it. */
  static final String LAUNCHER_PROPERTY = "industriall.launcher";

  /**
   * The launcher as the user typed it ({@code bin/industriall-monitor}), else
   * {@code java -jar target/industriall-monitor.jar} with the jar as the user can reach it from here.
   */
  static String jarCommand() {
    String launcher = System.getProperty(LAUNCHER_PROPERTY);
    if (launcher != null && !launcher.isBlank()) {
      return launcher;
    }
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (jar.toString().endsWith(".jar")) {
        Path here = Path.of("").toAbsolutePath();
        Path shown = jar.startsWith(here) ? here.relativize(jar) : jar;
        return "java -jar " + shown;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // Not run from a jar (tests, an IDE): fall through to the documented form.
    }
    return "java -jar target/industriall-monitor.jar";
  }
}
