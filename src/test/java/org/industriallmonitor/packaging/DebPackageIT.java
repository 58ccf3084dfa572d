package org.industriallmonitor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package that {@code mvn package} builds, read with {@code dpkg-deb} and checked by
 * {@code lintian}; then, as root on a machine without it, installed, used by an unprivileged user,
 * removed and purged, leaving the machine as it was. And the tarball, unpacked elsewhere.
 */
class DebPackageIT {
  private static final String VERSION = required("monitor.version");
  private static final Path DEB = Path.of(required("monitor.deb"));
  private static final Path TARBALL = Path.of(required("monitor.tarball"));
  private static final boolean OFFLINE = required("monitor.offline").equals("offline=true");
  private static final String NAME = "industriall-monitor";
  private static final Path CONFIG = Path.of("/etc/industriall-monitor/monitor.yaml");
  private static final Path SECRETS = Path.of("/etc/default/industriall-monitor");
  private static final Path STATE = Path.of("/var/lib/industriall-monitor");
  private static final Path ENABLED = Path.of("/etc/systemd/system/multi-user.target.wants/industriall-monitor.service");

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void itsControlFieldsNameThePackageAndAJava17OrNewer() {
    RequiredTools.command("dpkg-deb", "it reads the package");

    assertThat(field("Package")).isEqualTo(NAME);
    assertThat(field("Version")).isEqualTo(VERSION);
    assertThat(field("Architecture")).isEqualTo("all");
    // The default Java when it is 17 or newer, else any runtime that provides Java 17 (OpenJDK 21's does too).
    assertThat(field("Depends")).isEqualTo("default-jre-headless (>= 2:1.17) | java17-runtime-headless, adduser");
    assertThat(DEB.getFileName().toString()).isEqualTo(NAME + "_" + VERSION + "_all.deb");
  }

  @Test
  void itsFilesModesOwnersAndConffiles() {
    RequiredTools.command("dpkg-deb", "it reads the package");

    // "-rw-r----- root/root 363 2026-12-07 20:16 ./etc/default/industriall-monitor" -> "./etc/... -rw-r----- root/root"
    List<String> files = Arrays.stream(Shell.run("dpkg-deb", "--contents", DEB.toString()).succeeded().split("\n"))
        .filter(line -> !line.startsWith("d"))
        .map(line -> line.split("\\s+"))
        .map(f -> f[5] + " " + f[0] + " " + f[1])
        .toList();
    List<String> expected = new java.util.ArrayList<>(List.of(
        "./usr/bin/industriall-monitor -rwxr-xr-x root/root",
        "./usr/share/industriall-monitor/industriall-monitor.jar -rw-r--r-- root/root",
        "./etc/industriall-monitor/monitor.yaml -rw-r--r-- root/root",
        "./etc/default/industriall-monitor -rw-r----- root/root",
        "./lib/systemd/system/industriall-monitor.service -rw-r--r-- root/root",
        "./usr/share/doc/industriall-monitor/copyright -rw-r--r-- root/root",
        "./usr/share/doc/industriall-monitor/changelog.gz -rw-r--r-- root/root",
        "./usr/share/doc/industriall-monitor/CHANGELOG.md.gz -rw-r--r-- root/root",
        "./usr/share/doc/industriall-monitor/README.md.gz -rw-r--r-- root/root",
        "./usr/share/man/man1/industriall-monitor.1.gz -rw-r--r-- root/root"));
    String sbom = "./usr/share/doc/industriall-monitor/industriall-monitor.cdx.json -rw-r--r-- root/root";
    expected.add(sbom);
    if (OFFLINE) {
      // Maven runs the CycloneDX goal online only: an offline build (mvn -o) makes none, and packages
      // the one an earlier online build left in target/, if any.
      files = files.stream().filter(file -> !file.equals(sbom)).toList();
      expected.remove(sbom);
    }
    assertThat(files).containsExactlyInAnyOrderElementsOf(expected);

    assertThat(Shell.run("dpkg-deb", "--info", DEB.toString(), "conffiles").succeeded().lines())
        .containsExactlyInAnyOrder(CONFIG.toString(), SECRETS.toString());
    // The conffile is the template `init` writes, naming the installed command.
    Path unpacked = dir.resolve("unpacked");
    Shell.run("dpkg-deb", "--extract", DEB.toString(), unpacked.toString()).succeeded();
    assertThat(read(unpacked.resolve("etc/industriall-monitor/monitor.yaml")))
        .contains("# Check this file with:   industriall-monitor validate", "base_url: https://www.industriall-union.org")
        .doesNotContain("bin/industriall-monitor");
  }

  @Test
  void lintianFindsNoError() {
    Path lintian = RequiredTools.command("lintian", "Debian's package checker must find no error in the package");

    Shell checked = Shell.run(Path.of("."), Map.of(), Duration.ofMinutes(3), lintian.toString(), "--fail-on", "error", DEB.toString());

    assertThat(checked.exit()).as(checked.output()).isZero();
    assertThat(checked.output().lines()).as(checked.output()).noneMatch(line -> line.startsWith("E:"));
  }

  @Test
  void installedUsedRemovedAndPurgedLeavingTheMachineAsItWas() throws Exception {
    RequiredTools.root("dpkg -i installs the package system-wide");
    RequiredTools.command("dpkg", "it installs the package");
    RequiredTools.condition(!installed() && Shell.run("getent", "passwd", NAME).exit() != 0 && !Files.exists(STATE)
        && !Files.exists(CONFIG.getParent()), "industriall-monitor is installed here, or its user, state or configuration is",
        "the test installs and purges it and must leave a real install alone");
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Shell.run("chown", "nobody", home.toString()).succeeded();
    try {
      String installing = Shell.run("dpkg", "--install", DEB.toString()).succeeded();
      // The template still names example.org as the contact: enabled, not started, and told what to edit.
      assertThat(installing).contains("not started: /etc/industriall-monitor/monitor.yaml is not ready yet", "site.user_agent");
      assertThat(Shell.run("stat", "-c", "%a %U %G", SECRETS.toString()).succeeded().strip()).isEqualTo("640 root " + NAME);
      assertThat(Shell.run("getent", "passwd", NAME).succeeded()).contains(":/var/lib/industriall-monitor:/usr/sbin/nologin");
      assertThat(Files.readSymbolicLink(ENABLED)).isEqualTo(Path.of("/lib/systemd/system/industriall-monitor.service"));

      // postinst again (dpkg-reconfigure runs it as an upgrade does): a contact of the user's own makes
      // the configuration ready (validate passes as the service's user: no message); a broken one is named.
      Files.writeString(CONFIG, read(CONFIG).replace("https://example.org/contact", "mailto:tests@localhost"));
      assertThat(Shell.run("dpkg-reconfigure", NAME).succeeded()).doesNotContain("not started");
      String ready = read(CONFIG);
      Files.writeString(CONFIG, ready + "\ncountries: [\n");
      assertThat(Shell.run("dpkg-reconfigure", NAME).succeeded()).contains("not started: /etc/industriall-monitor/monitor.yaml is not ready yet");
      Files.writeString(CONFIG, ready);

      // A user of their own, in a folder of their own, with the Java on PATH.
      String version = asNobody(home, NAME, "--version").succeeded();
      assertThat(version.lines()).hasSize(3);
      assertThat(version).startsWith(NAME + " " + VERSION + "\n").contains("built from commit ", "\nJava ");
      String demo = asNobody(home, NAME, "demo", "--state", home.resolve("demo").toString()).succeeded();
      assertThat(demo).contains("webhook alert received: article.new", "signature verified");

      if (Files.isDirectory(Path.of("/run/systemd/system"))) {
        theServiceRunsInItsSandbox();
      }

      Shell.run("dpkg", "--remove", NAME).succeeded();
      assertThat(CONFIG).as("remove keeps the configuration").exists();
      assertThat(SECRETS).exists();
      assertThat(Path.of("/usr/bin/industriall-monitor")).doesNotExist();
      assertThat(STATE).as("and the state").isDirectory();

      String purging = Shell.run("dpkg", "--purge", NAME).succeeded();
      assertThat(CONFIG).as("purge removes the configuration").doesNotExist();
      assertThat(SECRETS).doesNotExist();
      assertThat(ENABLED).doesNotExist();
      assertThat(STATE).as("the archive is the user's data").isDirectory();
      assertThat(purging).contains("the archive in /var/lib/industriall-monitor was kept");
    } finally {
      leaveTheMachineAsItWas();
    }
  }

  @Test
  void theTarballUnpackedElsewhereRunsTheDemo() throws Exception {
    RequiredTools.command("tar", "it unpacks the tarball");
    Shell.run("tar", "-xzf", TARBALL.toString(), "-C", dir.toString()).succeeded();
    Path unpacked = dir.resolve(NAME + "-" + VERSION);
    try (Stream<Path> top = Files.list(unpacked)) {
      assertThat(top.map(p -> p.getFileName().toString()))
          .contains("bin", "lib", "config", "man", "README.md", "COPYRIGHT");
    }
    assertThat(read(unpacked.resolve("man/man1/industriall-monitor.1"))).startsWith(".TH INDUSTRIALL\\-MONITOR 1 ");
    assertThat(Files.isExecutable(unpacked.resolve("bin/industriall-monitor"))).isTrue();

    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Shell demo = Shell.run(elsewhere, Map.of("JAVA_HOME", System.getProperty("java.home"), "INDUSTRIALL_MONITOR_CDS", "off"),
        Duration.ofMinutes(2), unpacked.resolve("bin/industriall-monitor").toString(), "demo", "--state", elsewhere.resolve("demo").toString());

    assertThat(demo.succeeded()).contains("webhook alert received: article.new", "signature verified");
  }

  /**
   * Where systemd runs the machine (not in CI's VM, whose first process is not systemd): the daemon
   * started by the unit, in its sandbox, opens its state, polls the replica and stops with exit 0. Seen
   * by hand in a systemd 252 booted with systemd-nspawn on this kind of machine (docs/operations.md).
   * The configuration points at the replica.
   */
  private void theServiceRunsInItsSandbox() throws IOException {
    String config = read(CONFIG)
        .replace("base_url: https://www.industriall-union.org", "base_url: " + replica.baseUrl())
        .replace("request_delay: 2s", "request_delay: 0ms");
    Files.writeString(CONFIG, config);
    try {
      Shell.run("systemctl", "start", NAME).succeeded();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(Shell.run("systemctl", "is-active", NAME).output().strip()).isEqualTo("active");
        assertThat(STATE.resolve("monitor.db")).exists();
        // This start's lines only: the journal keeps those of any earlier run.
        String invocation = Shell.run("systemctl", "show", "-p", "InvocationID", "--value", NAME).output().strip();
        assertThat(Shell.run("journalctl", "--no-pager", "_SYSTEMD_INVOCATION_ID=" + invocation).output())
            .contains("industriall-monitor running (pid", "early warning rss: 20 items taken as the baseline")
            .doesNotContain("cannot read the free space");
      });
    } finally {
      Shell.run("systemctl", "stop", NAME);
    }
    assertThat(Shell.run("systemctl", "show", "-p", "ExecMainStatus", NAME).output().strip()).isEqualTo("ExecMainStatus=0");
  }

  private Shell asNobody(Path home, String... command) {
    List<String> line = new java.util.ArrayList<>(List.of("runuser", "-u", "nobody", "--", "env", "-i",
        "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + home, "INDUSTRIALL_MONITOR_CDS=off"));
    line.addAll(List.of(command));
    return Shell.run(home, Map.of(), Duration.ofMinutes(2), line.toArray(String[]::new));
  }

  /** Installed, or removed with its configuration left: anything but unknown to dpkg or purged. */
  private static boolean installed() {
    Shell status = Shell.run("dpkg-query", "-W", "-f", "${Status}", NAME);
    return status.exit() == 0 && !status.output().strip().endsWith("not-installed");
  }

  /** Purges the package, removes its user and group and what its service made: none were here before. */
  private static void leaveTheMachineAsItWas() {
    if (installed()) {
      Shell.run("dpkg", "--purge", NAME);
    }
    if (Shell.run("getent", "passwd", NAME).exit() == 0) {
      Shell.run("deluser", "--system", "--quiet", NAME);
    }
    if (Shell.run("getent", "group", NAME).exit() == 0) {
      Shell.run("delgroup", "--system", "--quiet", NAME);
    }
    Shell.run("rm", "-rf", STATE.toString(), "/var/log/industriall-monitor", "/var/cache/industriall-monitor");
  }

  private String field(String name) {
    return Shell.run("dpkg-deb", "--field", DEB.toString(), name).succeeded().strip();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(property + " is not set: the packaging tests run under failsafe, after mvn package");
    }
    return value;
  }
}
