package org.industriallmonitor.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.AtomicFiles;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.RequiredTools;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.industriallmonitor.testing.Tmpfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, a read-only state folder and a database locked by another process: the cycle fails
 * visibly, nothing is marked seen that was not archived, and the next cycle recovers. A real
 * tmpfs where the machine lets the test mount one; otherwise the archive writer fails on purpose.
 */
class StorageFaultsTest {
  private static final CountryConfig KYRGYZSTAN = new CountryConfig("Kyrgyzstan", 364);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  @RegisterExtension
  static WireMockExtension hooks = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @BeforeEach
  void hooksAnswer() {
    hooks.stubFor(post("/ops").willReturn(aResponse().withStatus(204)));
  }

  @Test
  void aFullDiskFailsTheCycleAndTheNextCycleRecovers() throws Exception {
    Path archiveDir = dir.resolve("archive-disk");
    Optional<Tmpfs> disk = Tmpfs.mount(archiveDir, "120k");
    try {
      MonitorConfig config = config(archiveDir);
      AtomicInteger writes = new AtomicInteger();
      Archive.Writer writer = disk.isPresent() ? AtomicFiles::writeAll : (tempDir, files) -> {
        if (writes.addAndGet(files.size()) > 24) {
          throw new IOException("No space left on device (simulated: this machine cannot mount a small tmpfs)");
        }
        AtomicFiles.writeAll(tempDir, files);
      };

      CrawlReport full = crawl(config, writer);

      assertThat(full.succeeded()).isFalse();
      assertThat(full.storageFailure()).as("the first failed write stops the crawl")
          .startsWith("cannot write to " + archiveDir.toAbsolutePath() + ": no space left on device.");
      assertThat(full.errors()).isEmpty();
      assertThat(full.archived()).isLessThan(27);
      assertThat(replica.tweaks().requestCount()).as("robots.txt, 3 listing pages, the articles archived and the one that failed: "
          + "nothing fetched after the failure").isEqualTo(1 + 3 + full.archived() + 1);
      assertEveryRowHasItsFile(config);

      disk.ifPresent(d -> d.remount("size=32m"));
      CrawlReport recovered = crawl(config, AtomicFiles::writeAll);

      assertThat(recovered.succeeded()).as(String.join("; ", recovered.problems())).isTrue();
      assertThat(full.archived() + recovered.archived()).isEqualTo(27);
      assertEveryRowHasItsFile(config);
      assertThat(Sql.count(config.storage().database(), "SELECT COUNT(*) FROM articles")).isEqualTo(27);
    } finally {
      disk.ifPresent(Tmpfs::close);
    }
  }

  @Test
  void aFullStateDiskStopsOnceWithExitCode5AndTheRunAfterArchivesTheRestOnce() throws Exception {
    Path state = dir.resolve("small-disk");
    // SQLite's native library loaded now, from elsewhere: else whether it is unpacked onto the small disk
    // (into state/.native) depends on whether another test of this JVM loaded it first.
    Store.open(dir.resolve("elsewhere/monitor.db"), Duration.ofSeconds(1)).close();
    String why = "the state folder must be a small tmpfs: the database cannot be made to fail otherwise";
    RequiredTools.root(why);
    // Room for the database and part of the archive: 300k to 1400k stop the crawl midway here.
    Optional<Tmpfs> disk = Tmpfs.mount(state, "800k");
    RequiredTools.condition(disk.isPresent(), "root could not mount a tmpfs (mount -t tmpfs; a container without CAP_SYS_ADMIN"
        + " refuses it)", why);
    try {
      Path configFile = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169)
          .country("Uzbekistan", 366).minFree("0").writeTo(dir);
      Path db = state.resolve("monitor.db");

      CliRun full = CliRun.of("once", "--config", configFile.toString(), "--state", state.toString());

      assertThat(full.exitCode()).as(full.toString()).isEqualTo(5);
      assertThat(full.err()).matches("storage error: cannot write to " + Pattern.quote(state.toString()) + "(/archive)?: no space left on device\\."
          + " The crawl stopped at the first write that failed; nothing was half-written, and once there is room the next run archives the rest\\.\n");
      assertThat(full.out()).contains("FAILED").doesNotContain("SQLITE_ERROR");
      long archivedBefore = Sql.count(db, "SELECT COUNT(*) FROM articles");
      assertThat(archivedBefore).isLessThan(104);
      assertEveryRowHasItsFile(Sql.column(db, "SELECT archive_path || '|' || sha256 FROM articles"), state.resolve("archive"));

      disk.get().remount("size=32m");
      CliRun after = CliRun.of("once", "--config", configFile.toString(), "--state", state.toString());

      assertThat(after.exitCode()).as(after.toString()).isZero();
      assertThat(after.out()).doesNotContain("SQLITE_ERROR").doesNotContain("no transaction is active");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(104);
      assertThat(Sql.count(db, "SELECT COUNT(DISTINCT slug) FROM articles")).isEqualTo(104);
      try (Stream<Path> texts = Files.walk(state.resolve("archive/articles"))) {
        assertThat(texts.filter(p -> p.toString().endsWith(".txt"))).hasSize(104);
      }
      assertEveryRowHasItsFile(Sql.column(db, "SELECT archive_path || '|' || sha256 FROM articles"), state.resolve("archive"));
      assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
    } finally {
      disk.ifPresent(Tmpfs::close);
    }
  }

  @Test
  void belowMinFreeOnceFetchesNothingAlertsOnceAndWithRoomAgainArchivesEverythingAndRecoversOnce() throws Exception {
    Path state = dir.resolve("tight-disk");
    Store.open(dir.resolve("elsewhere/monitor.db"), Duration.ofSeconds(1)).close();
    String why = "the state folder must be a small tmpfs whose free space is below storage.min_free";
    RequiredTools.root(why);
    Optional<Tmpfs> disk = Tmpfs.mount(state, "8m");
    RequiredTools.condition(disk.isPresent(), "root could not mount a tmpfs (mount -t tmpfs; a container without CAP_SYS_ADMIN"
        + " refuses it)", why);
    try {
      Path configFile = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).minFree("3MB")
          .topLevel("notifications:\n  channels:\n    - {id: ops, type: webhook, url: \"" + hooks.baseUrl() + "/ops\"}\n"
              + "  alerts: [ops]\n").writeTo(dir);
      Path db = state.resolve("monitor.db");
      Path ballast = state.resolve("ballast");
      Files.write(ballast, new byte[6 * 1024 * 1024]);
      int requestsBefore = replica.tweaks().requestCount();

      CliRun tight = CliRun.of("once", "--config", configFile.toString(), "--state", state.toString());
      CliRun again = CliRun.of("once", "--config", configFile.toString(), "--state", state.toString());

      assertThat(tight.exitCode()).as(tight.toString()).isEqualTo(1);
      assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
      assertThat(replica.tweaks().requestCount()).as("no request to the site while below min_free").isEqualTo(requestsBefore);
      assertThat(tight.out() + tight.err()).contains("FAILED").contains("free on the file system of " + state.resolve("archive"))
          .contains("storage.min_free (3.0 MB)").contains("Free space there, or lower storage.min_free");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isZero();
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM listing_pages")).isZero();
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM crawl_runs WHERE error LIKE '%storage.min_free%'")).isEqualTo(2);
      assertThat(Sql.column(db, "SELECT event || ' ' || json_extract(payload, '$.kind') FROM outbox"))
          .as("one disk alert for two runs").containsExactly("monitor.alert disk");

      Files.delete(ballast);
      CliRun roomy = CliRun.of("once", "--config", configFile.toString(), "--state", state.toString());

      assertThat(roomy.exitCode()).as(roomy.toString()).isZero();
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(27);
      assertThat(Sql.count(db, "SELECT COUNT(DISTINCT slug) FROM articles")).isEqualTo(27);
      assertEveryRowHasItsFile(Sql.column(db, "SELECT archive_path || '|' || sha256 FROM articles"), state.resolve("archive"));
      assertThat(Sql.column(db, "SELECT event || ' ' || json_extract(payload, '$.kind') FROM outbox WHERE event LIKE 'monitor.%'"))
          .containsExactly("monitor.alert disk", "monitor.recovered disk");
    } finally {
      disk.ifPresent(Tmpfs::close);
    }
  }

  @Test
  void aReadOnlyStateFolderFailsVisiblyAndTheNextCycleRecovers() throws Exception {
    Path state = dir.resolve("state-disk");
    Optional<Tmpfs> disk = Tmpfs.mount(state, "32m");
    try {
      Path configFile = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).minFree("0").writeTo(dir);
      assertThat(CliRun.of("once", "--config", configFile.toString(), "--state", state.toString()).exitCode()).isZero();
      String fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 2).slug();

      if (disk.isPresent()) {
        disk.get().remount("ro");
        CliRun readOnly = CliRun.of("once", "--config", configFile.toString(), "--state", state.toString());
        assertThat(readOnly.exitCode()).as(readOnly.toString()).isEqualTo(5);
        assertThat(readOnly.err()).isEqualTo("storage error: cannot write to the state folder " + state
            + ": it is on a read-only file system. Remount it read-write, or choose another folder with --state DIR.\n");
        CliRun status = CliRun.of("status", "--config", configFile.toString(), "--state", state.toString());
        assertThat(status.exitCode()).as("status needs no lock and no write: " + status).isZero();
        assertThat(status.out()).containsPattern("Kyrgyzstan\\s+364\\s+27\\s");
        disk.get().remount("rw");
      } else {
        // Without a mount, the archive refuses writes the way a read-only file system does.
        MonitorConfig config = new ConfigLoader(System::getenv).load(configFile).withStorage(
            org.industriallmonitor.config.StorageConfig.under(state));
        CrawlReport refused = crawl(config, (tempDir, files) -> {
          throw new java.nio.file.FileSystemException(files.get(0).target().toString(), null, "Read-only file system (simulated)");
        });
        assertThat(refused.errors()).anySatisfy(e -> assertThat(e).contains("Read-only file system"));
      }
      assertThat(Sql.count(state.resolve("monitor.db"), "SELECT COUNT(*) FROM articles WHERE slug = '" + fresh + "'")).isZero();

      CliRun recovered = CliRun.of("once", "--config", configFile.toString(), "--state", state.toString());

      assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
      assertThat(Sql.count(state.resolve("monitor.db"), "SELECT COUNT(*) FROM articles WHERE slug = '" + fresh + "'")).isEqualTo(1);
      assertThat(Sql.count(state.resolve("monitor.db"), "SELECT COUNT(*) FROM articles")).isEqualTo(28);
    } finally {
      disk.ifPresent(Tmpfs::close);
    }
  }

  @Test
  void aDatabaseLockedByAnotherProcessFailsTheCycleVisibly() throws Exception {
    Path configFile = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364)
        .topLevel("").writeTo(dir);
    Files.writeString(configFile, Files.readString(configFile).replace("storage:\n", "storage:\n  busy_timeout: 300ms\n"));
    assertThat(CliRun.of("validate", "--config", configFile.toString()).exitCode()).isZero();
    Path db = dir.resolve("state/monitor.db");
    CliRun.of("status", "--config", configFile.toString());
    try (var ignored = org.industriallmonitor.store.Store.open(db, java.time.Duration.ofSeconds(1))) {
      // Creates the database, so that the other process can lock it.
    }
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "org.industriallmonitor.testing.SqliteLockHolder", db.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(output.readLine()).isEqualTo("locked");

      CliRun locked = CliRun.of("once", "--config", configFile.toString());

      assertThat(locked.exitCode()).isEqualTo(5);
      assertThat(locked.err()).contains("storage error").contains(db.toString()).containsIgnoringCase("locked");
    } finally {
      holder.getOutputStream().close();
      holder.waitFor(10, TimeUnit.SECONDS);
      holder.destroyForcibly();
    }
    CliRun recovered = CliRun.of("once", "--config", configFile.toString());

    assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(27);
    assertThat(Sql.column(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  private MonitorConfig config(Path archiveDir) throws IOException {
    Path configFile = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    MonitorConfig loaded = new ConfigLoader(System::getenv).load(configFile);
    return loaded.withStorage(new org.industriallmonitor.config.StorageConfig(dir.resolve("state/monitor.db"), archiveDir).withMinFree(0));
  }

  private static CrawlReport crawl(MonitorConfig config, Archive.Writer writer) throws Exception {
    try (Components parts = Components.builder(config).archiveWriter(writer).build()) {
      return parts.monitor().crawl(KYRGYZSTAN);
    }
  }

  /** Nothing is marked seen that was not archived: each row's file is there, whole, with its checksum. */
  private static void assertEveryRowHasItsFile(MonitorConfig config) throws IOException {
    assertEveryRowHasItsFile(Sql.column(config.storage().database(), "SELECT archive_path || '|' || sha256 FROM articles"),
        config.storage().archive());
  }

  private static void assertEveryRowHasItsFile(List<String> rows, Path archive) throws IOException {
    for (String row : rows) {
      String[] parts = row.split("\\|");
      Path file = archive.resolve(parts[0]);
      assertThat(file).exists();
      assertThat(Hashes.sha256(Files.readAllBytes(file))).isEqualTo(parts[1]);
    }
    try (Stream<Path> files = Files.walk(archive)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
    }
  }
}
