package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/industriall-monitor}, as users start the monitor: from the build, from an install, through a symlink. */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("bin/industriall-monitor").toAbsolutePath();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  /** The Java of the tests, as a user's JAVA_HOME. */
  private static Map<String, String> javaHome() {
    return Map.of("JAVA_HOME", System.getProperty("java.home"));
  }

  @Test
  void theBuildsLauncherRunsTheJarAndTheHintsNameTheLauncherAsTyped() throws Exception {
    try (JarProcess version = JarProcess.command(dir, javaHome(), List.of(LAUNCHER.toString(), "--version"))) {
      assertThat(version.waitFor(30)).as(version.toString()).isZero();
      assertThat(version.out()).startsWith("industriall-monitor ");
    }
    Path link = dir.resolve("im");
    Files.createSymbolicLink(link, LAUNCHER);
    try (JarProcess validate = JarProcess.command(dir, javaHome(), List.of("./im", "validate"))) {
      assertThat(validate.waitFor(30)).as("exit code of the command, through the launcher").isEqualTo(3);
      assertThat(validate.err()).contains("config/monitor.yaml: no such file").contains("\n  ./im init\n");
    }
  }

  @Test
  void anInstalledLauncherFindsItsJarAndTheDaemonItStartsTakesSigtermItself() throws Exception {
    Path install = dir.resolve("opt");
    Files.createDirectories(install.resolve("bin"));
    Files.createDirectories(install.resolve("lib"));
    Path launcher = Files.copy(LAUNCHER, install.resolve("bin/industriall-monitor"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(JarProcess.jar(), install.resolve("lib/industriall-monitor.jar"));
    Path work = dir.resolve("work");
    TestConfig.site(replica.baseUrl()).topLevel("schedule: {every: 1h, jitter: 0ms}").country("Kyrgyzstan", 364).writeTo(work);
    Map<String, String> environment = new HashMap<>(javaHome());
    environment.put("JAVA_OPTS", "-Xmx200m -Dmonitor.launcher.test=yes");

    try (JarProcess daemon = JarProcess.command(work, environment, List.of(launcher.toString(), "run"))) {
      Path db = work.resolve("state/monitor.db");
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE finished_at IS NOT NULL") >= 1);
      // exec: the launcher's process is the JVM itself, with JAVA_OPTS in place of the default heap bound.
      List<String> commandLine = List.of(Files.readString(Path.of("/proc/" + daemon.pid() + "/cmdline")).split("\0"));
      assertThat(commandLine).contains("-Xmx200m", "-Dmonitor.launcher.test=yes", "-jar",
          install.toRealPath().resolve("bin/../lib/industriall-monitor.jar").toString(), "run").doesNotContain("-Xmx256m");
      assertThat(daemon.out()).contains("industriall-monitor running (pid " + daemon.pid() + ")");

      daemon.process().destroy();

      assertThat(daemon.waitFor(15)).as(daemon.toString()).isZero();
      assertThat(daemon.err()).contains("stopped cleanly");
    }
  }

  @Test
  void withoutAJarOrAJavaTheLauncherSaysWhatIsMissing() throws Exception {
    Path alone = Files.copy(LAUNCHER, Files.createDirectories(dir.resolve("bin")).resolve("industriall-monitor"),
        StandardCopyOption.COPY_ATTRIBUTES);
    try (JarProcess noJar = JarProcess.command(dir, javaHome(), List.of(alone.toString(), "once"))) {
      assertThat(noJar.waitFor(30)).isEqualTo(1);
      assertThat(noJar.err()).contains("no industriall-monitor.jar beside").contains("mvn -B -q package -DskipTests");
    }
    try (JarProcess noJava = JarProcess.command(dir, Map.of("JAVA_HOME", dir.resolve("no-java").toString()),
        List.of(LAUNCHER.toString(), "once"))) {
      assertThat(noJava.waitFor(30)).isEqualTo(1);
      assertThat(noJava.err()).contains("no Java found (set JAVA_HOME, or put java 17 or later on PATH)");
    }
  }
}
