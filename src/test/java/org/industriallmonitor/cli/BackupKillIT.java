package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup --to} killed with SIGKILL halfway, as a power cut or the OOM killer would: what it left is
 * refused by {@code backup --verify} (its manifest, written last, is missing), the state it was copying is
 * untouched, and the next backup is whole.
 */
class BackupKillIT {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void aBackupKilledHalfwayIsRefusedByVerifyAndLeavesTheStateAsItWas() throws Exception {
    TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    try (JarProcess baseline = JarProcess.start(dir, "once")) {
      assertThat(baseline.waitFor(60)).as(baseline.toString()).isZero();
    }
    // Large files in the archive, so that hashing them for the manifest takes a second or so: long enough to
    // see the backup's database copy land before its manifest, and to kill it between the two.
    writeBallast(dir.resolve("state/archive/articles/ballast"), 6, 64);
    Map<String, Long> stateBefore = files(dir.resolve("state"));

    Path cut = dir.resolve("backup-cut");
    try (JarProcess backup = JarProcess.start(dir, "backup", "--to", cut.toString())) {
      await("the backup's database copy").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
          .until(() -> Files.exists(cut.resolve("monitor.db")) || !backup.isAlive());
      assertThat(backup.isAlive()).as("the backup is still running when its database copy appears\n" + backup).isTrue();
      backup.process().destroyForcibly(); // SIGKILL
      assertThat(backup.waitFor(10)).isEqualTo(137);
    }
    assertThat(cut.resolve("manifest.json")).as("the kill came before the manifest").doesNotExist();

    try (JarProcess verify = JarProcess.start(dir, "backup", "--verify", cut.toString())) {
      assertThat(verify.waitFor(60)).as(verify.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(verify.err()).contains("is not a whole backup: do not restore it").contains("no manifest.json");
    }

    // The archive as it was, file for file; the database is checked by using it (the once below).
    assertThat(archiveOf(files(dir.resolve("state")))).as("the state's archive").isEqualTo(archiveOf(stateBefore));

    Path whole = dir.resolve("backup-whole");
    try (JarProcess again = JarProcess.start(dir, "backup", "--to", whole.toString())) {
      assertThat(again.waitFor(120)).as(again.toString()).isZero();
    }
    try (JarProcess verify = JarProcess.start(dir, "backup", "--verify", whole.toString())) {
      assertThat(verify.waitFor(120)).as(verify.toString()).isZero();
    }
    try (JarProcess next = JarProcess.start(dir, "once")) {
      assertThat(next.waitFor(60)).as(next.toString()).isZero();
      assertThat(next.out()).contains("Kyrgyzstan (region 364): pages 3, seen 27, new 0, archived 0, errors 0");
    }
  }

  /** {@code count} files of {@code megabytes} each: one random megabyte repeated, written fast, hashed slowly. */
  private static void writeBallast(Path folder, int count, int megabytes) throws IOException {
    Files.createDirectories(folder);
    byte[] block = new byte[1024 * 1024];
    new Random(7).nextBytes(block);
    for (int i = 0; i < count; i++) {
      try (OutputStream out = Files.newOutputStream(folder.resolve("ballast-" + i + ".bin"))) {
        for (int m = 0; m < megabytes; m++) {
          out.write(block);
        }
      }
    }
  }

  private static Map<String, Long> archiveOf(Map<String, Long> files) {
    Map<String, Long> archive = new TreeMap<>(files);
    archive.keySet().removeIf(name -> !name.startsWith("archive/"));
    return archive;
  }

  /** Every file under {@code root}, by its path relative to it, with its size. */
  private static Map<String, Long> files(Path root) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(root.relativize(p).toString(), Files.size(p));
      }
    }
    return files;
  }
}
