package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration that names another application's database or folder: refused, and left exactly as it was. */
class StateOwnershipTest {
  @TempDir Path dir;

  private Path foreignDatabase() throws Exception {
    Path file = dir.resolve("shop.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
      s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER)");
      s.execute("INSERT INTO customers(name) VALUES ('Ada')");
    }
    return file;
  }

  @Test
  void anotherApplicationsDatabaseIsRefusedAndLeftAsItWas() throws Exception {
    Path file = foreignDatabase();
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> Store.open(file, Duration.ofSeconds(1))).isInstanceOf(ForeignStateException.class)
        .hasMessage("storage.database: " + file + " holds another application's tables (customers, orders) and no monitor state:"
            + " point storage.database at a file of the monitor's own, such as state/monitor.db; this one was left as it was");

    assertThat(Files.readAllBytes(file)).as("not one byte changed (no schema, no WAL mode)").isEqualTo(before);
    assertThat(dir.resolve("shop.db-wal")).doesNotExist();
    assertThat(Sql.column(file, "PRAGMA journal_mode")).containsExactly("delete");
  }

  @Test
  void anotherApplicationsVersionedDatabaseIsRefusedToo() throws Exception {
    Path file = foreignDatabase();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 5");
    }
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> Store.open(file, Duration.ofSeconds(1))).isInstanceOf(ForeignStateException.class)
        .hasMessageContaining("holds another application's tables (customers, orders)");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void anotherApplicationsVersionedDatabaseInWalModeIsRefusedBeforeAnyMigration() throws Exception {
    Path file = foreignDatabase();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA user_version = 5");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    assertThatThrownBy(() -> Store.open(file, Duration.ofSeconds(1))).isInstanceOf(ForeignStateException.class)
        .hasMessageContaining("holds another application's tables (customers, orders)");
    assertThat(Sql.column(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        .as("no monitor table created").containsExactly("customers", "orders");
    assertThat(Sql.column(file, "PRAGMA user_version")).containsExactly("5");
  }

  @Test
  void onceOnAnotherApplicationsDatabaseSaysSoInOneLine() throws Exception {
    Path file = foreignDatabase();
    Path config = TestConfig.site(URI.create("http://127.0.0.1:9/")).country("Kyrgyzstan", 364).database(file.toString()).writeTo(dir);

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
    assertThat(run.err().strip()).startsWith("storage error: storage.database: " + file + " holds another application's tables")
        .doesNotContain("\n");
  }

  @Test
  void aFileThatIsNoDatabaseIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.db"), "my notes, not a database ".repeat(20));

    assertThatThrownBy(() -> Store.open(file, Duration.ofSeconds(1))).isInstanceOf(ForeignStateException.class)
        .hasMessageContaining("is not a SQLite database");
    assertThat(Files.readString(file)).startsWith("my notes");
  }

  @Test
  void theMonitorsOwnDatabaseAndAnEmptyFileOpen() throws Exception {
    Path own = dir.resolve("state/monitor.db");
    try (Store store = Store.open(own, Duration.ofSeconds(1))) {
      assertThat(store.file()).isEqualTo(own);
    }
    try (Store again = Store.open(own, Duration.ofSeconds(1))) {
      assertThat(again.file()).isEqualTo(own);
    }
    Path empty = Files.createFile(dir.resolve("empty.db"));
    try (Store store = Store.open(empty, Duration.ofSeconds(1))) {
      assertThat(store.file()).isEqualTo(empty);
    }
  }

  @Test
  void anArchiveAtTheRootOrInAFolderOfOtherFilesIsRefused() throws Exception {
    Path db = dir.resolve("state/monitor.db");
    assertThatThrownBy(() -> Store.open(new StorageConfig(db, Path.of("/")))).isInstanceOf(ForeignStateException.class)
        .hasMessageStartingWith("storage.archive: / is the file system's root");

    Path documents = Files.createDirectories(dir.resolve("Documents"));
    Files.writeString(documents.resolve("thesis.odt"), "chapter 1");
    assertThatThrownBy(() -> Store.open(new StorageConfig(db, documents))).isInstanceOf(ForeignStateException.class)
        .hasMessageStartingWith("storage.archive: " + documents + " holds other files (thesis.odt) and no archive");
    assertThat(db).as("refused before the database was made").doesNotExist();

    Path archive = Files.createDirectories(dir.resolve("archive"));
    try (Store store = Store.open(new StorageConfig(db, archive))) {
      assertThat(store.file()).isEqualTo(db);
    }
    Path stateFolder = db.getParent();
    try (Store store = Store.open(new StorageConfig(db, stateFolder))) {
      assertThat(store.file()).as("an archive in the database's own folder").isEqualTo(db);
    }
    Path mount = Files.createDirectories(dir.resolve("mount"));
    Files.createDirectories(mount.resolve("lost+found"));
    try (Store store = Store.open(new StorageConfig(db, mount))) {
      assertThat(store.file()).as("a fresh file system of its own").isEqualTo(db);
    }
    Files.createDirectories(archive.resolve("articles/2026"));
    Files.writeString(archive.resolve("README.txt"), "our union's archive");
    try (Store store = Store.open(new StorageConfig(db, archive))) {
      assertThat(store.file()).as("an archive with a note of the user's beside it").isEqualTo(db);
    }
  }
}
