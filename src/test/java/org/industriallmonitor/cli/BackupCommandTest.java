package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.schedule.Daemon;
import org.industriallmonitor.store.StateLock;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.PostgresExtension;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.RequiredTools;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.industriallmonitor.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup --to DIR} and {@code backup --verify DIR}: a backup of a state with articles, a delivered and
 * a pending alert is a state a monitor goes on from with nothing archived or sent twice; a backup that was
 * tampered with, cut short or lost a file is refused; and a backup taken during a crawl names no row without
 * its file.
 */
class BackupCommandTest {
  private static final String SECRET = "backup-secret";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();

  private TestConfig config(String hookUrl) {
    return TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_window", "0s").country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  once_timeout: 2s\n  retry_backoff: 100ms\n  channels:\n"
            + "    - {id: hook, type: webhook, url: \"" + hookUrl + "\", secret: \"" + SECRET + "\"}\n");
  }

  @Test
  void aRestoredBackupGoesOnWithNothingArchivedOrSentTwiceAndItsPendingAlertSentOnce() throws Exception {
    Path file;
    ReplicaArticle delivered;
    try (WebhookReceiver first = WebhookReceiver.start(SECRET, r -> {})) {
      file = config(first.url().toString()).writeTo(dir);
      assertThat(CliRun.of("once", "--config", file.toString()).exitCode()).isZero();
      delivered = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
      CliRun once = CliRun.of("once", "--config", file.toString());
      assertThat(once.exitCode()).as(once.toString()).isZero();
      assertThat(first.received()).hasSize(1);
    }
    // Nobody answers now: the next article's alert stays pending in the outbox.
    file = config("http://127.0.0.1:9/hook").writeTo(dir);
    ReplicaArticle pending = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
    CliRun crawl = CliRun.of("once", "--config", file.toString());
    Path db = dir.resolve("state/monitor.db");
    assertThat(Sql.column(db, "SELECT status FROM outbox ORDER BY id")).as(crawl.toString()).containsExactly("delivered", "pending");
    String pendingId = Sql.column(db, "SELECT delivery_id FROM outbox WHERE status = 'pending'").get(0);
    long articles = Sql.count(db, "SELECT count(*) FROM articles");

    Path backup = dir.resolve("backup");
    CliRun run = CliRun.of("backup", "--to", backup.toString(), "--config", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Backed up into").contains(articles + " articles").contains("2 deliveries");
    assertThat(backup.resolve("monitor.db")).isRegularFile();
    assertThat(texts(backup.resolve("archive"))).isEqualTo(texts(dir.resolve("state/archive")));
    JsonNode manifest = new ObjectMapper().readTree(backup.resolve("manifest.json").toFile());
    assertThat(manifest.path("database").path("tables").path("articles").asLong()).isEqualTo(articles);
    assertThat(manifest.path("file_count").asInt()).isEqualTo(manifest.path("files").size()).isGreaterThan((int) articles * 2);
    for (JsonNode f : manifest.path("files")) {
      Path copied = backup.resolve(f.path("path").asText());
      assertThat(Hashes.sha256(copied)).as(f.toString()).isEqualTo(f.path("sha256").asText());
      assertThat(Files.size(copied)).isEqualTo(f.path("size").asLong());
    }
    CliRun verify = CliRun.of("backup", "--verify", backup.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("verified");

    // The state goes on after the backup (a new article): the backup's files, hard links of the state's, stay as they were.
    ReplicaArticle later = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
    CliRun after = CliRun.of("once", "--config", file.toString());
    assertThat(Sql.count(db, "SELECT count(*) FROM articles")).as(after.toString()).isEqualTo(articles + 1);
    assertThat(CliRun.of("backup", "--verify", backup.toString()).exitCode()).isZero();

    // Restored as the operations docs say: the backup's monitor.db and archive/ in a state folder of their own.
    Path restored = dir.resolve("restored");
    copyTree(backup, restored);
    Files.delete(restored.resolve("manifest.json"));
    java.util.Map<Path, String> textsBefore = hashes(restored.resolve("archive"));
    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, r -> {})) {
      Path elsewhere = config(receiver.url().toString()).writeTo(dir.resolve("elsewhere"));
      CliRun once = CliRun.of("once", "--config", elsewhere.toString(), "--state", restored.toString());

      assertThat(once.exitCode()).as(once.toString()).isZero();
      assertThat(receiver.received()).as("the pending alert once, with its delivery id, and the article published after the backup,"
          + " new to this state; the delivered one not again").hasSize(2).allMatch(WebhookReceiver.Received::signatureValid)
          .extracting(WebhookReceiver.Received::deliveryId).containsOnlyOnce(pendingId);
      assertThat(receiver.received().stream().map(WebhookReceiver.Received::body))
          .noneMatch(body -> body.contains(delivered.slug())).anyMatch(body -> body.contains(pending.slug()))
          .anyMatch(body -> body.contains(later.slug()));
      Path restoredDb = restored.resolve("monitor.db");
      assertThat(Sql.count(restoredDb, "SELECT count(*) FROM articles")).isEqualTo(articles + 1);
      assertThat(Sql.column(restoredDb, "SELECT status FROM outbox WHERE delivery_id = '" + pendingId + "'")).containsExactly("delivered");
      java.util.Map<Path, String> textsAfter = hashes(restored.resolve("archive"));
      assertThat(textsAfter).as("nothing archived again: the files added are the new article's text and sidecar")
          .containsAllEntriesOf(textsBefore).hasSize(textsBefore.size() + 2);
    }
  }

  @Test
  void verifyRefusesATamperedFileAMissingManifestAMissingFileAndACutShortManifest() throws Exception {
    Path file = config("http://127.0.0.1:9/hook").writeTo(dir);
    assertThat(CliRun.of("once", "--config", file.toString()).exitCode()).isZero();
    Path backup = dir.resolve("backup");
    assertThat(CliRun.of("backup", "--to", backup.toString(), "--config", file.toString()).exitCode()).isZero();
    String someText;
    try (Stream<Path> files = Files.walk(backup.resolve("archive/articles"))) {
      someText = backup.relativize(files.filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow()).toString();
    }

    Path tampered = copyOf(backup, "tampered");
    byte[] bytes = Files.readAllBytes(tampered.resolve(someText));
    bytes[bytes.length - 1] ^= 1;
    Files.write(tampered.resolve(someText), bytes);
    assertRefused(tampered, someText + ": its SHA-256 is not the manifest's");

    Path noManifest = copyOf(backup, "no-manifest");
    Files.delete(noManifest.resolve("manifest.json"));
    assertRefused(noManifest, "no manifest.json");

    Path missingFile = copyOf(backup, "missing-file");
    Files.delete(missingFile.resolve(someText));
    assertRefused(missingFile, someText + ": missing");

    Path missingDb = copyOf(backup, "missing-db");
    Files.delete(missingDb.resolve("monitor.db"));
    assertRefused(missingDb, "monitor.db: missing");

    Path cutShort = copyOf(backup, "cut-short");
    byte[] manifest = Files.readAllBytes(cutShort.resolve("manifest.json"));
    Files.write(cutShort.resolve("manifest.json"), java.util.Arrays.copyOf(manifest, manifest.length / 2));
    assertRefused(cutShort, "manifest.json cannot be read");

    Path extra = copyOf(backup, "extra");
    Files.writeString(extra.resolve("archive/articles/stray.txt"), "x");
    assertRefused(extra, "archive/articles/stray.txt: not in the manifest");

    assertThat(CliRun.of("backup", "--verify", backup.toString()).exitCode()).as("the original").isZero();
  }

  @Test
  void aBackupDiskThatFillsUpExitsFiveNamingTheBackupAndItsVerifyRefusesIt() throws Exception {
    Path file = config("http://127.0.0.1:9/hook").writeTo(dir);
    assertThat(CliRun.of("once", "--config", file.toString()).exitCode()).isZero();
    long articles = Sql.count(dir.resolve("state/monitor.db"), "SELECT count(*) FROM articles");
    String why = "the backup goes to a small tmpfs that fills up";
    RequiredTools.root(why);
    Optional<Tmpfs> disk = Tmpfs.mount(dir.resolve("small-disk"), "100k");
    RequiredTools.condition(disk.isPresent(), "root could not mount a tmpfs (mount -t tmpfs; a container without CAP_SYS_ADMIN"
        + " refuses it)", why);
    try (Tmpfs small = disk.get()) {
      Path backup = small.path().resolve("backup");

      CliRun run = CliRun.of("backup", "--to", backup.toString(), "--config", file.toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.STORAGE);
      assertThat(run.err()).contains("cannot write the backup " + backup).contains("No space left on device")
          .doesNotContain("Exception");
      assertThat(backup.resolve("manifest.json")).doesNotExist();
      assertThat(CliRun.of("backup", "--verify", backup.toString()).err()).contains("no manifest.json");
    }
    assertThat(Sql.count(dir.resolve("state/monitor.db"), "SELECT count(*) FROM articles")).as("the state as it was").isEqualTo(articles);
  }

  @Test
  void aFolderThatIsNotEmptyIsRefusedAndExactlyOneOfToAndVerifyIsNeeded() throws Exception {
    Path file = config("http://127.0.0.1:9/hook").writeTo(dir);
    assertThat(CliRun.of("once", "--config", file.toString()).exitCode()).isZero();
    Path occupied = Files.createDirectories(dir.resolve("occupied"));
    Files.writeString(occupied.resolve("notes.txt"), "mine");

    CliRun notEmpty = CliRun.of("backup", "--to", occupied.toString(), "--config", file.toString());
    assertThat(notEmpty.exitCode()).as(notEmpty.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(notEmpty.err()).contains("is not empty");
    assertThat(occupied.resolve("notes.txt")).hasContent("mine");
    try (Stream<Path> entries = Files.list(occupied)) {
      assertThat(entries).hasSize(1);
    }

    CliRun intoArchive = CliRun.of("backup", "--to", dir.resolve("state/archive/backup").toString(), "--config", file.toString());
    assertThat(intoArchive.exitCode()).as(intoArchive.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(dir.resolve("state/archive/backup")).doesNotExist();

    assertThat(CliRun.of("backup", "--config", file.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.of("backup", "--to", "a", "--verify", "b", "--config", file.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  /**
   * A daemon, with the state folder's lock taken as {@code run} takes it, crawls two countries on a slow site;
   * the backup takes no lock, so it runs beside it, and the daemon goes on crawling after it.
   */
  @Test
  void aBackupTakenWhileTheDaemonCrawlsHasTheFileOfEveryRow() throws Exception {
    Path file = TestConfig.site(replica.baseUrl()).walksOnly().topLevel("schedule:\n  every: 1h\n  jitter: 0ms")
        .country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
    Path db = dir.resolve("state/monitor.db");
    Path backup = dir.resolve("backup");
    replica.tweaks().latency(Duration.ofMillis(40));
    MonitorConfig config = new ConfigLoader(System::getenv).load(file);
    CliRun run;
    long backedUp;
    try (StateLock lock = StateGuard.acquire(config, "run"); Components parts = Components.of(config)) {
      Daemon daemon = parts.daemon(2, new ConfigLoader(System::getenv), c -> c);
      daemon.start(config, Duration.ofMillis(100));
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(db) && articles(db) >= 5);

        run = CliRun.of("backup", "--to", backup.toString(), "--config", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path copy = copyOf(backup, "read");
        backedUp = Sql.count(copy.resolve("monitor.db"), "SELECT count(*) FROM articles");
        await("the daemon goes on crawling").atMost(Duration.ofSeconds(60)).until(() -> articles(db) > backedUp);
      } finally {
        daemon.close();
      }
    }
    assertThat(CliRun.of("backup", "--verify", backup.toString()).exitCode()).isZero();
    Path copy = dir.resolve("read");
    assertThat(backedUp).isPositive();
    List<String> named = Sql.column(copy.resolve("monitor.db"),
        "SELECT archive_path FROM articles UNION SELECT sidecar_path FROM articles");
    assertThat(named).hasSize((int) backedUp * 2);
    assertThat(named).allSatisfy(path -> assertThat(backup.resolve("archive").resolve(path)).isRegularFile());
  }

  @Test
  void withPostgresqlTheArchiveIsBackedUpAndTheDatabaseLeftToPgDump() throws Exception {
    PostgresTarget db = postgres.newDatabase();
    Path file = config("http://127.0.0.1:9/hook")
        .database("postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database()).writeTo(dir);
    CliRun once = CliRun.of("once", "--config", file.toString());
    assertThat(once.exitCode()).as(once.toString()).isZero();
    long articles = Sql.count(db, "SELECT count(*) FROM articles");
    Path backup = dir.resolve("backup");

    CliRun run = CliRun.of("backup", "--to", backup.toString(), "--config", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).containsOnlyOnce("pg_dump").contains(db.database());
    assertThat(backup.resolve("monitor.db")).doesNotExist();
    assertThat(texts(backup.resolve("archive"))).hasSize((int) articles * 2).isEqualTo(texts(dir.resolve("state/archive")));
    assertThat(new ObjectMapper().readTree(backup.resolve("manifest.json").toFile()).path("database").isNull()).isTrue();
    CliRun verify = CliRun.of("backup", "--verify", backup.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("the archive only");
  }

  private static long articles(Path db) {
    try {
      return Sql.count(db, "SELECT count(*) FROM articles");
    } catch (IllegalStateException e) {
      return 0; // Not created yet.
    }
  }

  private static void assertRefused(Path backup, String problem) {
    CliRun verify = CliRun.of("backup", "--verify", backup.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(verify.err()).contains("is not a whole backup").contains(problem);
  }

  private Path copyOf(Path backup, String name) throws IOException {
    Path copy = dir.resolve(name);
    copyTree(backup, copy);
    return copy;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static java.util.Map<Path, String> hashes(Path archive) throws IOException {
    java.util.Map<Path, String> hashes = new java.util.TreeMap<>();
    for (Path text : texts(archive)) {
      hashes.put(text, Hashes.sha256(archive.resolve(text)));
    }
    return hashes;
  }

  private static List<Path> texts(Path archive) throws IOException {
    try (Stream<Path> files = Files.walk(archive.resolve("articles"))) {
      return new ArrayList<>(files.filter(Files::isRegularFile).map(archive::relativize).sorted().toList());
    }
  }
}
