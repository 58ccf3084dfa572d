package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A state or log folder the monitor may not write to, as a service user meets it: the packaged
 * jar runs as a user without write access (as root, the tests run it as {@code nobody}), and must
 * stop with one line naming the folder and the fix, exit code 5, and no stack trace.
 */
class UnwritableFoldersIT {
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path dir;
  private Path jar;
  private List<String> asAnotherUser;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createTempDirectory("unwritable-");
    open(dir);
    jar = Files.copy(JarProcess.jar(), dir.resolve("industriall-monitor.jar"));
    open(jar);
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    open(config.getParent());
    open(config);
    // Root writes anywhere: the monitor then runs as nobody, to whom the root-owned folders are closed.
    boolean root = "root".equals(System.getProperty("user.name"));
    asAnotherUser = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
  }

  @AfterEach
  void tearDown() throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true, false);
        p.getParent().toFile().setWritable(true, false);
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void anUnwritableStateFolderIsOneLineAndExitCode5() throws Exception {
    Path state = closed(dir.resolve("state"));
    opened(dir.resolve("logs"));

    try (JarProcess once = JarProcess.start(dir, Map.of(), asAnotherUser, jar, "once")) {
      assertThat(once.waitFor(60)).as(once.toString()).isEqualTo(ExitCodes.STORAGE);
      assertThat(once.err()).as(once.toString())
          .contains("storage error: cannot write to the state folder " + state + " (permission denied)")
          .contains("sudo chown -R ").contains("--state DIR")
          .doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(once.err().strip().lines()).as("one line").hasSize(1);
    }
  }

  @Test
  void anUnwritableLogFolderIsTheSameErrorNotSilence() throws Exception {
    opened(dir.resolve("state"));
    Path logs = closed(dir.resolve("logs"));

    try (JarProcess once = JarProcess.start(dir, Map.of(), asAnotherUser, jar, "once")) {
      assertThat(once.waitFor(60)).as(once.toString()).isEqualTo(ExitCodes.STORAGE);
      assertThat(once.err()).as(once.toString())
          .contains("storage error: cannot write to the log folder " + logs + " (permission denied)")
          .contains("sudo chown -R ").contains("--logs DIR").doesNotContain("\tat ");
      assertThat(once.err().strip().lines()).as("one line").hasSize(1);
    }
    assertThat(dir.resolve("state/monitor.db")).as("nothing crawled without a log").doesNotExist();
  }

  /** A folder the monitor's user may read but not write. */
  private Path closed(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    return folder;
  }

  /** A folder anyone may write. */
  private Path opened(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    return folder;
  }

  private static void open(Path path) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
  }
}
