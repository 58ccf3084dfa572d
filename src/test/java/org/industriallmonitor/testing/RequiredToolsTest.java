package org.industriallmonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test with its reason, but fails it under CI=true, where a skip would hide a defect. */
class RequiredToolsTest {
  @TempDir Path dir;

  @Test
  void aMissingCommandSkipsTheTestWithWhatItIsAndHowToInstallIt() {
    RequiredTools tools = new RequiredTools(env(null, dir.toString()), () -> true);

    assertThatThrownBy(() -> tools.requireCommand("promtool", "Prometheus's own parser checks /metrics"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("skipped: promtool is not installed (Debian: the prometheus package's /usr/bin/promtool;"
            + " .ci/run installs only that binary, into /usr/local/bin); needed because Prometheus's own parser checks /metrics."
            + " Under CI=true this fails instead.");
  }

  @Test
  void underCiAMissingCommandFailsTheTest() {
    RequiredTools tools = new RequiredTools(env("true", dir.toString()), () -> true);

    assertThatThrownBy(() -> tools.requireCommand("promtool", "Prometheus's own parser checks /metrics"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("CI=true, where .ci/run provides every tool, yet promtool is not installed (Debian:")
        .hasMessageContaining("needed because Prometheus's own parser checks /metrics");
  }

  @Test
  void onlyCiTrueTurnsTheSkipIntoAFailure() {
    for (String ci : new String[] {"false", "", "1"}) {
      RequiredTools tools = new RequiredTools(env(ci, dir.toString()), () -> true);
      assertThatThrownBy(() -> tools.requireCommand("curl", "bench/run talks to the replica")).as("CI=" + ci)
          .isInstanceOf(TestAbortedException.class).hasMessageContaining("curl is not installed (Debian: apt-get install curl");
    }
  }

  @Test
  void aCommandOnThePathIsFoundWhateverCiSays() throws Exception {
    Path promtool = Files.createFile(dir.resolve("promtool"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.createFile(dir.resolve("not-executable"));

    for (String ci : new String[] {null, "true"}) {
      RequiredTools tools = new RequiredTools(env(ci, "/nonexistent:" + dir), () -> false);
      assertThat(tools.requireCommand("promtool", "why")).isEqualTo(promtool);
      assertThat(tools.requireCommand(promtool.toString(), "why")).isEqualTo(promtool);
    }
    RequiredTools tools = new RequiredTools(env(null, dir.toString()), () -> true);
    assertThatThrownBy(() -> tools.requireCommand("not-executable", "why")).isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("skipped: not-executable is not installed (not found on PATH)");
    assertThatThrownBy(() -> tools.requireCommand(dir.resolve("chromium").toString(), "the console's browser test"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("skipped: " + dir.resolve("chromium") + " is not installed (Debian: apt-get install chromium;");
  }

  @Test
  void notRootSkipsTheTestButFailsItUnderCi() {
    assertThatThrownBy(() -> new RequiredTools(env(null, null), () -> false).requireRoot("mounts a tmpfs"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("skipped: the tests do not run as root (sudo, or as .ci/run does, which runs as root); needed because mounts a tmpfs."
            + " Under CI=true this fails instead.");
    assertThatThrownBy(() -> new RequiredTools(env("true", null), () -> false).requireRoot("mounts a tmpfs"))
        .isInstanceOf(AssertionFailedError.class).hasMessageContaining("the tests do not run as root");

    new RequiredTools(env("true", null), () -> true).requireRoot("mounts a tmpfs");
    new RequiredTools(env(null, null), () -> true).requireRoot("mounts a tmpfs");
  }

  @Test
  void whatIsFoundElsewhereIsCheckedAlike() {
    assertThatThrownBy(() -> new RequiredTools(env(null, null), () -> true).requirePresent("pg_ctl", false, "PostgreSQL tests"))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("pg_ctl is not installed (Debian: apt-get install postgresql");
    assertThatThrownBy(() -> new RequiredTools(env("true", null), () -> true).requirePresent("pg_ctl", false, "PostgreSQL tests"))
        .isInstanceOf(AssertionFailedError.class);
    new RequiredTools(env("true", null), () -> true).requirePresent("pg_ctl", true, "PostgreSQL tests");

    assertThatThrownBy(() -> new RequiredTools(env(null, null), () -> true).requireCondition(false, "root could not mount a tmpfs", "a full disk"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("skipped: root could not mount a tmpfs; needed because a full disk. Under CI=true this fails instead.");
    assertThatThrownBy(() -> new RequiredTools(env("true", null), () -> true).requireCondition(false, "root could not mount a tmpfs", "a full disk"))
        .isInstanceOf(AssertionFailedError.class);
  }

  @Test
  void theRootCheckReadsThisProcesssUserId() {
    // The machine's own answer agrees with the user name Java reports, on Linux and as root alike.
    assertThat(RequiredTools.runningAsRoot()).isEqualTo("root".equals(System.getProperty("user.name")));
  }

  private static java.util.function.Function<String, String> env(String ci, String path) {
    Map<String, String> env = new HashMap<>();
    env.put("CI", ci);
    env.put("PATH", path);
    return env::get;
  }
}
