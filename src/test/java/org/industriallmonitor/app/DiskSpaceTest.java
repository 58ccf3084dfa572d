package org.industriallmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.notify.MonitorAlerts.DiskShortage;
import org.industriallmonitor.testing.RequiredTools;
import org.industriallmonitor.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.min_free reads the archive's file system, and the SQLite database's when it is another one. */
class DiskSpaceTest {
  @TempDir Path dir;

  @Test
  void aDatabaseOnAnotherFileSystemShortOfSpaceIsNamedAndZeroTurnsTheCheckOff() throws Exception {
    String why = "the database's folder must be a small tmpfs beside a roomy archive";
    RequiredTools.root(why);
    Path dbDir = dir.resolve("db-disk");
    Optional<Tmpfs> disk = Tmpfs.mount(dbDir, "4m");
    RequiredTools.condition(disk.isPresent(), "root could not mount a tmpfs (mount -t tmpfs; a container without CAP_SYS_ADMIN"
        + " refuses it)", why);
    try {
      Files.write(dbDir.resolve("ballast"), new byte[3 * 1024 * 1024]);
      StorageConfig storage = new StorageConfig(dbDir.resolve("monitor.db"), dir.resolve("archive"), Duration.ofSeconds(1))
          .withMinFree(2L * 1024 * 1024);

      Optional<DiskShortage> shortage = DiskSpace.shortage(storage);

      assertThat(shortage).isPresent();
      assertThat(shortage.get().folder()).isEqualTo(dbDir.toAbsolutePath().toString());
      assertThat(shortage.get().freeBytes()).isLessThan(2L * 1024 * 1024);
      assertThat(shortage.get().problem()).contains("free on the file system of " + dbDir.toAbsolutePath())
          .contains("less than storage.min_free (2.0 MB)").contains("Free space there, or lower storage.min_free");
      assertThat(DiskSpace.shortage(storage.withMinFree(0))).isEmpty();
      assertThat(DiskSpace.shortage(storage.withMinFree(512 * 1024))).as("room above a lower min_free").isEmpty();
    } finally {
      disk.ifPresent(Tmpfs::close);
    }
  }

  @Test
  void sizesAreWrittenForPeople() {
    assertThat(DiskSpace.size(512)).isEqualTo("512 B");
    assertThat(DiskSpace.size(1536)).isEqualTo("1.5 KB");
    assertThat(DiskSpace.size(200L * 1024 * 1024)).isEqualTo("200.0 MB");
  }
}
