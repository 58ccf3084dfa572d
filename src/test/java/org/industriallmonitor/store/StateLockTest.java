package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state lock is a POSIX record lock, which Linux drops for the whole process when the process
 * closes any descriptor of the file: nothing in the holding process may open the lock file again.
 */
class StateLockTest {
  @TempDir Path dir;

  @Test
  void lookingAtTheHolderFromTheHoldingProcessKeepsTheLock() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/locks")), "needs Linux's /proc/locks to see the process's locks");
    Path file = dir.resolve(StateLock.FILE_NAME);
    try (StateLock lock = StateLock.tryAcquire(file, "run").orElseThrow()) {
      assertThat(heldByThisProcess(file)).as("/proc/locks right after taking it").isTrue();

      assertThat(StateLock.holder(file)).hasValue(new StateLock.Holder(ProcessHandle.current().pid(), "run"));
      assertThat(StateLock.holder(file)).hasValue(new StateLock.Holder(ProcessHandle.current().pid(), "run"));

      assertThat(heldByThisProcess(file)).as("/proc/locks after two looks at the holder").isTrue();
    }
    assertThat(heldByThisProcess(file)).as("released on close").isFalse();
    assertThat(StateLock.holder(file)).isEmpty();
  }

  @Test
  void aSecondTryInTheHoldingProcessIsRefusedAndKeepsTheLock() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/locks")), "needs Linux's /proc/locks to see the process's locks");
    Path file = dir.resolve(StateLock.FILE_NAME);
    try (StateLock lock = StateLock.tryAcquire(file, "run").orElseThrow()) {
      assertThat(StateLock.tryAcquire(file, "once")).isEmpty();
      assertThat(StateLock.tryAcquire(dir.resolve(".").resolve(StateLock.FILE_NAME), "once")).as("the same file by another name")
          .isEmpty();

      assertThat(heldByThisProcess(file)).isTrue();
    }
    try (StateLock again = StateLock.tryAcquire(file, "once").orElseThrow()) {
      assertThat(StateLock.holder(file)).hasValue(new StateLock.Holder(ProcessHandle.current().pid(), "once"));
    }
  }

  /** Whether /proc/locks lists a lock of this process on {@code file}'s inode. */
  private static boolean heldByThisProcess(Path file) throws Exception {
    long inode = (Long) Files.getAttribute(file, "unix:ino");
    String pid = Long.toString(ProcessHandle.current().pid());
    List<String> lines = Files.readAllLines(Path.of("/proc/locks"));
    // "1: POSIX  ADVISORY  WRITE 12345 08:01:123456 0 EOF": pid, then major:minor:inode.
    return lines.stream().map(line -> line.trim().split("\\s+"))
        .anyMatch(f -> f.length >= 6 && f[4].equals(pid) && f[5].endsWith(":" + inode));
  }
}
