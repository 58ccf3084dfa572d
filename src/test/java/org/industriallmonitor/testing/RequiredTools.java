package org.industriallmonitor.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine beyond the JDK (a program such as {@code promtool}, or root),
 * checked before the test starts, so that a test that cannot run says why instead of erroring on a
 * missing file or skipping without a word. Where it is missing the test is skipped with a reason that
 * names it and how to install it; but under {@code CI=true} it fails instead: {@code .ci/run}
 * installs every tool and runs as root, so a skip there would hide a defect.
 *
 * <pre>{@code
 * RequiredTools.command("promtool", "Prometheus's own parser checks /metrics");
 * RequiredTools.root("mounts a small tmpfs as the disk that fills up");
 * }</pre>
 */
public final class RequiredTools {
  /** How to get each tool the tests run; {@code .ci/run} installs every one of them. */
  private static final Map<String, String> INSTALL = Map.of(
      "promtool", "Debian: the prometheus package's /usr/bin/promtool; .ci/run installs only that binary, into /usr/local/bin",
      "chromium", "Debian: apt-get install chromium; .ci/run installs it",
      "chromedriver", "Debian: apt-get install chromium-driver; .ci/run installs it",
      "pg_ctl", "Debian: apt-get install postgresql, which puts it in /usr/lib/postgresql/VERSION/bin; .ci/run installs it",
      "initdb", "Debian: apt-get install postgresql, which puts it in /usr/lib/postgresql/VERSION/bin; .ci/run installs it",
      "time", "Debian: apt-get install time, for /usr/bin/time; .ci/run installs it",
      "curl", "Debian: apt-get install curl; .ci/run installs it",
      "systemd-analyze", "Debian: apt-get install systemd; .ci/run installs it",
      "lintian", "Debian: apt-get install lintian; .ci/run installs it",
      "dpkg-deb", "Debian: the dpkg package, on every Debian system");

  private static final RequiredTools MACHINE = new RequiredTools(System::getenv, RequiredTools::runningAsRoot);

  private final Function<String, String> environment;
  private final BooleanSupplier root;

  /** Against another environment (its {@code CI} and {@code PATH}) and root check: for this class's own test. */
  RequiredTools(Function<String, String> environment, BooleanSupplier root) {
    this.environment = environment;
    this.root = root;
  }

  /**
   * The executable {@code command}: a name looked up on {@code PATH}, or an absolute path such as
   * {@code /usr/bin/chromium}. Skips the test (fails it under {@code CI=true}) when there is none.
   *
   * @param why what the test needs it for, said in the reason
   */
  public static Path command(String command, String why) {
    return MACHINE.requireCommand(command, why);
  }

  /** Skips the test (fails it under {@code CI=true}) unless it runs as root. */
  public static void root(String why) {
    MACHINE.requireRoot(why);
  }

  /**
   * Skips the test (fails it under {@code CI=true}) unless {@code present}: for what is found otherwise
   * than on {@code PATH} (PostgreSQL's {@code pg_ctl} under {@code /usr/lib/postgresql/*}/bin).
   *
   * @param tool the tool's name, which also says how to install it when it is one the tests know
   */
  public static void present(String tool, boolean present, String why) {
    MACHINE.requirePresent(tool, present, why);
  }

  /**
   * Skips the test (fails it under {@code CI=true}) unless {@code holds}: for what the machine must
   * allow rather than have installed (root mounting a tmpfs).
   *
   * @param otherwise what is wrong when it does not hold, said in the reason
   */
  public static void condition(boolean holds, String otherwise, String why) {
    MACHINE.requireCondition(holds, otherwise, why);
  }

  Path requireCommand(String command, String why) {
    Optional<Path> found = find(command);
    if (found.isEmpty()) {
      missing(command + " is not installed (" + howToInstall(command) + ")", why);
    }
    return found.orElseThrow();
  }

  void requireRoot(String why) {
    if (!root.getAsBoolean()) {
      missing("the tests do not run as root (sudo, or as .ci/run does, which runs as root)", why);
    }
  }

  void requirePresent(String tool, boolean present, String why) {
    requireCondition(present, tool + " is not installed (" + howToInstall(tool) + ")", why);
  }

  void requireCondition(boolean holds, String otherwise, String why) {
    if (!holds) {
      missing(otherwise, why);
    }
  }

  private Optional<Path> find(String command) {
    if (command.contains("/")) {
      Path path = Path.of(command);
      return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String path = environment.apply("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String howToInstall(String tool) {
    String name = tool.substring(tool.lastIndexOf('/') + 1);
    return INSTALL.getOrDefault(name, "not found " + (tool.contains("/") ? "there" : "on PATH"));
  }

  private void missing(String what, String why) {
    String reason = what + "; needed because " + why;
    if ("true".equalsIgnoreCase(String.valueOf(environment.apply("CI")).strip())) {
      Assertions.fail("CI=true, where .ci/run provides every tool, yet " + reason
          + ". Outside CI this test is skipped with the same reason.");
    }
    Assumptions.abort("skipped: " + reason + ". Under CI=true this fails instead.");
  }

  /** Whether this process's effective user id is 0, from Linux's /proc/self/status (else its user name). */
  static boolean runningAsRoot() {
    try {
      List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : status) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return ids.length > 1 && ids[1].equals("0");
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no /proc: the user name is the best left.
    }
    return "root".equals(System.getProperty("user.name"));
  }
}
