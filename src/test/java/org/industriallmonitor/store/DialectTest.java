package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What each dialect does for {@link Database}: reconnecting, and the durability of a commit. */
class DialectTest {
  @TempDir Path dir;
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();

  @Test
  void aPostgresqlConnectionTheServerDroppedIsOpenedAgainForTheNextPieceOfWork() throws Exception {
    PostgresTarget target = postgres.newDatabase();
    try (Database db = Database.open(target)) {
      int first = db.read(c -> single(c, "SELECT pg_backend_pid()"));
      try (Connection admin = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
          Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(" + first + ")");
      }

      int second = db.read(c -> single(c, "SELECT pg_backend_pid()"));
      assertThat(second).isNotEqualTo(first);
      assertThat(db.schemaVersion()).isGreaterThanOrEqualTo(Dialect.postgres(target).firstMigration());
    }
  }

  @Test
  void aLightPostgresqlCommitDoesNotWaitForTheFlushAndAFullOneDoes() {
    try (Database db = Database.open(postgres.newDatabase())) {
      String light = db.inLightTransaction(c -> text(c, "SHOW synchronous_commit"));
      String full = db.inTransaction(c -> text(c, "SHOW synchronous_commit"));
      assertThat(light).isEqualTo("off");
      assertThat(full).isEqualTo("on");
    }
  }

  /** The test server runs with synchronous_commit off, as an administrator may set it: a full commit waits anyway. */
  @Test
  void aFullPostgresqlCommitWaitsForTheFlushOnAServerThatSaysOtherwise() throws Exception {
    PostgresTarget target = postgres.newDatabase();
    try (Connection admin = DriverManager.getConnection(target.jdbcUrl(), target.user(), "")) {
      assertThat(text(admin, "SHOW synchronous_commit")).as("the server's setting").isEqualTo("off");
    }
    try (Database db = Database.open(target)) {
      assertThat(db.<String>inTransaction(c -> text(c, "SHOW synchronous_commit"))).isEqualTo("on");

      int first = db.read(c -> single(c, "SELECT pg_backend_pid()"));
      try (Connection admin = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
          Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(" + first + ")");
      }
      assertThat(db.<String>inTransaction(c -> text(c, "SHOW synchronous_commit"))).as("on a new connection").isEqualTo("on");
    }
  }

  @Test
  void aLightSqliteCommitIsSynchronousNormalAndAFullOneFull() {
    try (Database db = Database.open(dir.resolve("monitor.db"), Duration.ofSeconds(1))) {
      // PRAGMA synchronous: 1 is NORMAL, 2 is FULL.
      int light = db.inLightTransaction(c -> single(c, "PRAGMA synchronous"));
      int full = db.inTransaction(c -> single(c, "PRAGMA synchronous"));
      assertThat(light).isEqualTo(1);
      assertThat(full).isEqualTo(2);
    }
  }

  @Test
  void anSqliteFileIsNamedByItsPathAndIsNotSharedButAPostgresqlDatabaseIs() {
    Path file = dir.resolve("monitor.db");
    PostgresTarget target = postgres.newDatabase();
    assertThat(Dialect.sqlite(file, Duration.ofSeconds(1)).shared()).isFalse();
    assertThat(Dialect.sqlite(file, Duration.ofSeconds(1)).file()).isEqualTo(file);
    assertThat(Dialect.postgres(target).shared()).isTrue();
    assertThat(Dialect.postgres(target).file()).isNull();
    assertThat(Dialect.postgres(target).describe()).isEqualTo(target.display());
  }

  private static int single(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String text(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
