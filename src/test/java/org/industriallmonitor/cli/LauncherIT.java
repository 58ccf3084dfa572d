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

  /** The Java of the tests, as a user's JAVA_HOME; class-data sharing off (its own test below trains it and waits). */
  private static Map<String, String> javaHome() {
    return Map.of("JAVA_HOME", System.getProperty("java.home"), "INDUSTRIALL_MONITOR_CDS", "off");
  }

  private Path install() throws Exception {
    Path install = dir.resolve("opt");
    Files.createDirectories(install.resolve("bin"));
    Files.createDirectories(install.resolve("lib"));
    Files.copy(LAUNCHER, install.resolve("bin/industriall-monitor"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(JarProcess.jar(), install.resolve("lib/industriall-monitor.jar"));
    return install;
  }

  private static List<Path> archives(Path cache) throws Exception {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (var files = Files.list(cache)) {
      return files.sorted().toList();
    }
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
    Path install = install();
    Path launcher = install.resolve("bin/industriall-monitor");
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

  @Test
  void theClassArchiveIsTrainedOnceInTheBackgroundThenMappedAndRemadeForANewJar() throws Exception {
    Path install = install();
    Path launcher = install.resolve("bin/industriall-monitor");
    Path cache = dir.resolve("cache");
    Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"), "INDUSTRIALL_MONITOR_CACHE", cache.toString());
    // This jar's archive for another Java (a user running two Javas in turn): training for this one leaves it.
    Path installed = install.resolve("lib/industriall-monitor.jar");
    String stamp = Files.size(installed) + "-" + Files.getLastModifiedTime(installed).toMillis() / 1000;
    Path otherJava = Files.writeString(Files.createDirectories(cache).resolve("industriall-monitor-" + stamp + "-java99.0.1.jsa"), "x");

    try (JarProcess first = JarProcess.command(dir, environment, List.of(launcher.toString(), "replica", "--port", "0"))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> first.out().contains("Replica of the site at"));
      List<String> commandLine = List.of(Files.readString(Path.of("/proc/" + first.pid() + "/cmdline")).split("\0"));
      assertThat(commandLine).as("the measured defaults").contains("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-Xms16m", "-Xmx256m")
          .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
      first.process().destroy();
      first.waitFor(15);
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> archives(cache).size() == 2 && archives(cache).stream().allMatch(a -> a.toString().endsWith(".jsa")));
    assertThat(archives(cache)).contains(otherJava);
    Path archive = archives(cache).stream().filter(a -> !a.equals(otherJava)).findFirst().orElseThrow();
    assertThat(archive.getFileName().toString()).startsWith("industriall-monitor-").contains("-java" + System.getProperty("java.version"));

    // -Xshare:on: a start that cannot map the archive fails instead of going on without it.
    Map<String, String> strict = new HashMap<>(environment);
    strict.put("JAVA_OPTS", "-Xshare:on -Xlog:class+load=info -XX:TieredStopAtLevel=1");
    try (JarProcess mapped = JarProcess.command(dir, strict, List.of(launcher.toString(), "--version"))) {
      assertThat(mapped.waitFor(30)).as(mapped.toString()).isZero();
      // picocli's classes too (compiled for Java 5, a dynamic archive leaves them out).
      assertThat(mapped.out()).contains("org.industriallmonitor.cli.Main source: shared objects file",
          "picocli.CommandLine source: shared objects file");
    }
    // The JDK's default class list went in beside the crawl's: DistinctOps is on that list, and
    // neither a crawl nor --version loads it.
    Map<String, String> listing = new HashMap<>(environment);
    listing.put("JAVA_OPTS", "-XX:+PrintSharedArchiveAndExit");
    try (JarProcess printed = JarProcess.command(dir, listing, List.of(launcher.toString(), "--version"))) {
      assertThat(printed.waitFor(30)).as(printed.toString()).isZero();
      assertThat(printed.out()).contains("java.util.stream.DistinctOps boot_loader", "picocli.CommandLine app_loader");
    }

    // A new jar: a new archive, and the old jar's archives (for any Java) go.
    Path jar = install.resolve("lib/industriall-monitor.jar");
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 3_600_000));
    try (JarProcess next = JarProcess.command(dir, environment, List.of(launcher.toString(), "--version"))) {
      assertThat(next.waitFor(30)).as(next.toString()).isZero();
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> archives(cache).size() == 1 && !archives(cache).get(0).equals(archive)
        && archives(cache).get(0).toString().endsWith(".jsa"));
  }

  @Test
  void aJavaOlderThan17IsNamedWithItsVersion() throws Exception {
    Path oldJava = Files.createDirectories(dir.resolve("jdk-11/bin"));
    Path java = Files.writeString(oldJava.resolve("java"), "#!/bin/sh\necho 'this fake java must not run' >&2\nexit 9\n");
    java.toFile().setExecutable(true);
    Files.writeString(dir.resolve("jdk-11/release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");

    try (JarProcess old = JarProcess.command(dir, Map.of("JAVA_HOME", dir.resolve("jdk-11").toString()), List.of(LAUNCHER.toString(), "once"))) {
      assertThat(old.waitFor(30)).isEqualTo(1);
      assertThat(old.err()).contains("is Java 11.0.2; the monitor needs Java 17 or later (set JAVA_HOME to one)")
          .doesNotContain("must not run");
    }
  }
}
