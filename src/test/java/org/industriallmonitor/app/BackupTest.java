package org.industriallmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.archive.AtomicFiles;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReleaseStates;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.RequiredTools;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.industriallmonitor.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of {@link Backup#take}: an article archived after the archive was walked and before the database
 * was copied is in the copy's rows, and so its files are in the backup too, found from the paths the copy names.
 */
class BackupTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  private MonitorConfig state() {
    Path file = TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_window", "0s").country("Kyrgyzstan", 364).writeTo(dir);
    CliRun baseline = CliRun.of("once", "--config", file.toString());
    assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
    return ConfigLoader.withSystemEnvironment().load(file);
  }

  /**
   * The documented upgrade path: a backup taken with the new jar while the old daemon runs. The state is copied
   * at its own schema, and left at it (the old daemon goes on with it); the new release upgrades the copy when
   * it first opens it.
   */
  @Test
  void aStateOfAnEarlierReleaseIsBackedUpAtItsSchemaAndLeftAtIt() throws Exception {
    ReleaseStates.copy("v0.1.0", dir.resolve("state"));
    Path file = TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_window", "0s").country("Kyrgyzstan", 364).writeTo(dir);
    Path live = dir.resolve("state/monitor.db");
    assertThat(Sql.count(live, "PRAGMA user_version")).isEqualTo(5);
    Path backup = dir.resolve("backup");

    CliRun taken = CliRun.of("backup", "--to", backup.toString(), "--config", file.toString());

    assertThat(taken.exitCode()).as(taken.toString()).isZero();
    assertThat(taken.out()).contains("(schema 5; this release migrates it to 16 when it first opens it)");
    assertThat(Sql.count(live, "PRAGMA user_version")).as("the state, under its own daemon, not migrated").isEqualTo(5);
    assertThat(Sql.count(backup.resolve("monitor.db"), "PRAGMA user_version")).as("the backup, as the state was").isEqualTo(5);
    assertThat(BackupManifest.parse(Files.readAllBytes(backup.resolve(BackupManifest.FILE_NAME))).database().orElseThrow()
        .schemaVersion()).isEqualTo(5);
    assertThat(Backup.verify(backup).ok()).isTrue();

    CliRun status = CliRun.of("status", "--config", file.toString(), "--state", backup.toString());
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(Sql.count(backup.resolve("monitor.db"), "PRAGMA user_version")).as("upgraded when a monitor opened it").isEqualTo(16);
    assertThat(Sql.count(backup.resolve("monitor.db"), "SELECT count(*) FROM articles")).isEqualTo(28);
  }

  @Test
  void aStateOfALaterReleaseIsRefusedAndLeftAsItWas() throws Exception {
    MonitorConfig config = state();
    Path live = dir.resolve("state/monitor.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + live); java.sql.Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99"); // as a later release's migration leaves it
    }
    Path backup = dir.resolve("backup");

    try (Components parts = Components.of(config)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Backup.take(parts, backup, Clock.systemUTC()))
          .hasMessageContaining("schema version 99").hasMessageContaining("later release");
    }

    assertThat(Sql.count(live, "PRAGMA user_version")).isEqualTo(99);
    assertThat(backup).as("nothing written").doesNotExist();
    CliRun command = CliRun.of("backup", "--to", backup.toString(), "--config", config.source().toString());
    assertThat(command.exitCode()).as(command.toString()).isEqualTo(5);
    assertThat(command.err()).contains("storage error").contains("newer than this release's");
    assertThat(backup).doesNotExist();
  }

  /** No daemon can write a state on a read-only file system, and there is no room for SQLite's WAL index beside it. */
  @Test
  void aStateOnAReadOnlyFileSystemIsBackedUp() throws Exception {
    String why = "a state on a read-only file system (a tmpfs remounted ro)";
    RequiredTools.root(why);
    Optional<Tmpfs> disk = Tmpfs.mount(dir.resolve("state-disk"), "64m");
    RequiredTools.condition(disk.isPresent(), "root could not mount a tmpfs (mount -t tmpfs; a container without CAP_SYS_ADMIN"
        + " refuses it)", why);
    try (Tmpfs stateDisk = disk.get()) {
      Path state = stateDisk.path().resolve("state");
      Path file = TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_window", "0s").storage("min_free", "1MB")
          .country("Kyrgyzstan", 364).writeTo(dir);
      CliRun once = CliRun.of("once", "--config", file.toString(), "--state", state.toString());
      assertThat(once.exitCode()).as(once.toString()).isZero();
      stateDisk.remount("ro");
      Path backup = dir.resolve("backup");

      CliRun taken = CliRun.of("backup", "--to", backup.toString(), "--config", file.toString(), "--state", state.toString());

      assertThat(taken.exitCode()).as(taken.toString()).isZero();
      assertThat(Backup.verify(backup).ok()).isTrue();
      assertThat(Sql.count(backup.resolve("monitor.db"), "SELECT count(*) FROM articles")).isPositive();
      stateDisk.remount("rw");
    }
  }

  @Test
  void anArticleRecordedBetweenTheArchiveWalkAndTheDatabaseCopyHasItsFilesInTheBackup() throws Exception {
    MonitorConfig config = state();
    Path backup = dir.resolve("backup");
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
    Backup.Taken taken;
    try (Components parts = Components.of(config)) {
      taken = Backup.take(parts, backup, Clock.systemUTC(), () -> {
        CliRun once = CliRun.of("once", "--config", config.source().toString());
        assertThat(once.exitCode()).as(once.toString()).isZero();
      });
    }

    List<String> paths = Sql.column(dir.resolve("state/monitor.db"),
        "SELECT archive_path || ' ' || sidecar_path FROM articles WHERE slug = '" + fresh.slug() + "'");
    assertThat(paths).hasSize(1);
    String[] files = paths.get(0).split(" ");
    assertThat(taken.addedAfterDatabaseCopy()).as("the new article's text and sidecar").isEqualTo(2);
    assertThat(backup.resolve("archive").resolve(files[0])).isRegularFile();
    assertThat(backup.resolve("archive").resolve(files[1])).isRegularFile();
    assertThat(taken.manifest().files()).extracting(BackupManifest.FileEntry::path).contains("archive/" + files[0], "archive/" + files[1]);
    assertThat(taken.missingInState()).isEmpty();
    assertThat(Backup.verify(backup).ok()).isTrue();
  }

  @Test
  void aSidecarReplacedBetweenTheArchiveWalkAndTheDatabaseCopyIsTakenAsItIsAfterTheCopy() throws Exception {
    MonitorConfig config = state();
    String sidecar = Sql.column(dir.resolve("state/monitor.db"), "SELECT sidecar_path FROM articles ORDER BY id LIMIT 1").get(0);
    Path inState = config.storage().archive().resolve(sidecar);
    String before = Files.readString(inState);
    String after = before.replace("\"degraded\"", "\"removed_at\" : \"2026-12-07T00:00:00Z\",\n  \"degraded\"");
    assertThat(after).isNotEqualTo(before);
    Path backup = dir.resolve("backup");

    Backup.Taken taken;
    try (Components parts = Components.of(config)) {
      // As the monitor rewrites a sidecar (a version, a withdrawal): a new file renamed over the old one.
      taken = Backup.take(parts, backup, Clock.systemUTC(), () -> {
        try {
          AtomicFiles.write(inState, after.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }

    assertThat(taken.refreshedAfterDatabaseCopy()).isEqualTo(1);
    assertThat(backup.resolve("archive").resolve(sidecar)).hasContent(after);
    assertThat(Backup.verify(backup).ok()).isTrue();
  }

  /**
   * Copied placement remembers which file it copied by its inode, and a file system may give a new file the inode
   * of one just removed: a sidecar replaced by one of the same inode is known by its size and time too.
   */
  @Test
  void aCopiedSidecarReplacedByAFileOfTheSameInodeIsTakenAgain() throws Exception {
    MonitorConfig config = state();
    String sidecar = Sql.column(dir.resolve("state/monitor.db"), "SELECT sidecar_path FROM articles ORDER BY id LIMIT 1").get(0);
    Path inState = config.storage().archive().resolve(sidecar);
    String after = Files.readString(inState).replace("\"degraded\"", "\"removed_at\" : \"2026-12-07T00:00:00Z\",\n  \"degraded\"");
    Object inode = Files.readAttributes(inState, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    String why = "a backup on another file system (a tmpfs) is copied, not linked";
    RequiredTools.root(why);
    Optional<Tmpfs> disk = Tmpfs.mount(dir.resolve("other-disk"), "64m");
    RequiredTools.condition(disk.isPresent(), "root could not mount a tmpfs (mount -t tmpfs; a container without CAP_SYS_ADMIN"
        + " refuses it)", why);

    Backup.Taken taken;
    try (Tmpfs other = disk.get(); Components parts = Components.of(config)) {
      Path copied = other.path().resolve("backup");
      // Written into the same inode: to the backup, what a new file that reused the old one's inode looks like.
      taken = Backup.take(parts, copied, Clock.systemUTC(), () -> {
        try {
          Files.writeString(inState, after);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      assertThat(Files.readAttributes(inState, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);

      assertThat(taken.placement()).isEqualTo(Backup.Placement.COPIED);
      assertThat(taken.refreshedAfterDatabaseCopy()).isEqualTo(1);
      assertThat(copied.resolve("archive").resolve(sidecar)).hasContent(after);
      assertThat(Backup.verify(copied).problems()).isEmpty();
    }
  }

  /** A new folder is durable once the folder holding its entry is synced: those are the ones returned, to sync before the manifest. */
  @Test
  void creatingFoldersNamesEachFolderThatGainedAnEntry() throws Exception {
    Path deep = dir.resolve("backup/archive/articles");

    assertThat(Backup.createFolders(deep)).containsExactly(dir, dir.resolve("backup"), dir.resolve("backup/archive"));
    assertThat(deep).isDirectory();
    assertThat(Backup.createFolders(deep)).as("nothing created the second time").isEmpty();
    assertThat(Backup.createFolders(deep.resolve("2026"))).containsExactly(deep);
  }

  @Test
  void onTheSameFileSystemTheArchiveIsHardLinkedAndOnAnotherCopied() throws Exception {
    MonitorConfig config = state();
    String text = Sql.column(dir.resolve("state/monitor.db"), "SELECT archive_path FROM articles ORDER BY id LIMIT 1").get(0);
    Path linked = dir.resolve("linked");
    try (Components parts = Components.of(config)) {
      assertThat(Backup.take(parts, linked, Clock.systemUTC()).placement()).isEqualTo(Backup.Placement.HARD_LINKED);
    }
    assertThat(Files.isSameFile(linked.resolve("archive").resolve(text), config.storage().archive().resolve(text))).isTrue();

    String why = "a backup on another file system (a tmpfs) is copied, not linked";
    RequiredTools.root(why);
    Optional<Tmpfs> disk = Tmpfs.mount(dir.resolve("other-disk"), "64m");
    RequiredTools.condition(disk.isPresent(), "root could not mount a tmpfs (mount -t tmpfs; a container without CAP_SYS_ADMIN"
        + " refuses it)", why);
    try (Tmpfs other = disk.get(); Components parts = Components.of(config)) {
      Path copied = other.path().resolve("backup");
      Backup.Taken taken = Backup.take(parts, copied, Clock.systemUTC());

      assertThat(taken.placement()).isEqualTo(Backup.Placement.COPIED);
      assertThat(copied.resolve("archive").resolve(text)).hasSameBinaryContentAs(config.storage().archive().resolve(text));
      assertThat(Backup.verify(copied).problems()).isEmpty();
    }
  }

  @Test
  void aFileTheStateLacksIsNamedInTheManifestAndTheBackupIsRefusedByVerify() throws Exception {
    MonitorConfig config = state();
    String sidecar = Sql.column(dir.resolve("state/monitor.db"), "SELECT sidecar_path FROM articles ORDER BY id LIMIT 1").get(0);
    Files.delete(config.storage().archive().resolve(sidecar));
    Path backup = dir.resolve("backup");

    Backup.Taken taken;
    try (Components parts = Components.of(config)) {
      taken = Backup.take(parts, backup, Clock.systemUTC());
    }

    assertThat(taken.missingInState()).containsExactly(sidecar);
    assertThat(taken.manifest().database()).isPresent();
    assertThat(taken.manifest().missing()).containsExactly("archive/" + sidecar);
    Backup.Verification verification = Backup.verify(backup);
    assertThat(verification.ok()).isFalse();
    assertThat(verification.problems()).singleElement().asString().contains("archive/" + sidecar).contains("the state lacked it");
    CliRun verify = CliRun.of("backup", "--verify", backup.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
    assertThat(verify.err()).contains("is not a whole backup").contains("archive/" + sidecar + ": the state lacked it");

    CliRun again = CliRun.of("backup", "--to", dir.resolve("again").toString(), "--config", config.source().toString());
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("backup --verify refuses it").contains("  " + sidecar);
  }

  /** A backup whose manifest does not list a file its rows name (as 0.2.0 wrote one): the copied database tells. */
  @Test
  void verifyRefusesABackupWhoseDatabaseNamesAFileItsManifestDoesNotList() throws Exception {
    MonitorConfig config = state();
    String text = Sql.column(dir.resolve("state/monitor.db"), "SELECT archive_path FROM articles ORDER BY id LIMIT 1").get(0);
    Files.delete(config.storage().archive().resolve(text));
    Path backup = dir.resolve("backup");
    try (Components parts = Components.of(config)) {
      Backup.take(parts, backup, Clock.systemUTC());
    }
    Path manifest = backup.resolve(BackupManifest.FILE_NAME);
    String withoutMissing = Files.readString(manifest).replaceAll("(?s),\\s*\"missing\"\\s*:\\s*\\[[^\\]]*\\]", "");
    assertThat(withoutMissing).doesNotContain("missing");
    Files.writeString(manifest, withoutMissing);

    Backup.Verification verification = Backup.verify(backup);

    assertThat(verification.ok()).isFalse();
    assertThat(verification.problems()).singleElement().asString().contains("archive/" + text).contains("monitor.db");
  }
}
