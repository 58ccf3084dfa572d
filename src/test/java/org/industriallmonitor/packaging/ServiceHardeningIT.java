package org.industriallmonitor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industriallmonitor.testing.RequiredTools;
import org.junit.jupiter.api.Test;

/**
 * The systemd unit the package installs, as systemd itself scores it: an exposure of 2.5 at most, and
 * each setting the JVM rules out said so in the unit, so that nobody turns it on and breaks the service.
 */
class ServiceHardeningIT {
  private static final Path UNIT = Path.of("packaging/industriall-monitor.service").toAbsolutePath();
  private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+) ");

  @Test
  void theUnitsExposureIsAtMostTwoAndAHalf() throws Exception {
    Path analyze = RequiredTools.command("systemd-analyze", "it scores the unit's sandbox (systemd-analyze security)");
    Process process = new ProcessBuilder(analyze.toString(), "security", "--offline=true", "--no-pager", UNIT.toString())
        .redirectErrorStream(true).start();
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    Matcher exposure = EXPOSURE.matcher(report);
    assertThat(exposure.find()).as(report).isTrue();
    assertThat(Double.parseDouble(exposure.group(1))).as(report).isLessThanOrEqualTo(2.5);
  }

  @Test
  void eachSettingTheJvmRulesOutIsOffAndSaysWhy() throws Exception {
    List<String> lines = Files.readAllLines(UNIT);

    assertThat(lines).noneMatch(line -> line.startsWith("MemoryDenyWriteExecute="))
        .anyMatch(line -> line.startsWith("#") && line.contains("MemoryDenyWriteExecute=yes") && line.contains("JIT"));
    assertThat(lines).noneMatch(line -> line.startsWith("PrivateNetwork="))
        .anyMatch(line -> line.startsWith("#") && line.contains("PrivateNetwork=yes"));
  }

  @Test
  void theServiceRunsAsThePackageInstallsIt() throws Exception {
    List<String> lines = Files.readAllLines(UNIT);

    assertThat(lines).contains(
        "User=industriall-monitor",
        "EnvironmentFile=-/etc/default/industriall-monitor",
        "StateDirectory=industriall-monitor",
        "LogsDirectory=industriall-monitor",
        "CacheDirectory=industriall-monitor",
        "Environment=INDUSTRIALL_MONITOR_CACHE=/var/cache/industriall-monitor",
        "ExecStart=/usr/bin/industriall-monitor run --config /etc/industriall-monitor/monitor.yaml"
            + " --state /var/lib/industriall-monitor --logs /var/log/industriall-monitor",
        "RestartPreventExitStatus=2 3 4 5");
  }
}
