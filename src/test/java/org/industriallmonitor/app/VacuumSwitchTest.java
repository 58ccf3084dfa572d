package org.industriallmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.CrawlCounts;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.RequiredTools;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.industriallmonitor.testing.Tmpfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A state made before incremental vacuum is switched by one VACUUM at the start of {@code run} and {@code once}, never by a
 * pruning; a switch the disk has no room for is logged, and the monitor goes on with its state as it was.
 */
class VacuumSwitchTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger monitorLog = (Logger) LoggerFactory.getLogger(Monitor.class);

  @BeforeEach
  void listen() {
    log.start();
    monitorLog.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    monitorLog.detachAppender(log);
  }

  @Test
  void anOlderStateIsSwitchedAtTheStartNotByAPruning() throws Exception {
    Path db = dir.resolve("state/monitor.db");
    MonitorConfig config = config(db);
    makeOlderState(db);

    try (Components parts = Components.of(config)) {
      parts.monitor().pruneHistory();
      assertThat(Sql.count(db, "PRAGMA auto_vacuum")).as("after a pruning").isZero();

      parts.monitor().switchToIncrementalVacuum();

      assertThat(Sql.count(db, "PRAGMA auto_vacuum")).isEqualTo(2);
      assertThat(walBytes(db)).isZero();
      assertThat(messages(Level.INFO)).anyMatch(m -> m.matches("the database was switched to incremental vacuum in \\d+m?s .*"));
      parts.monitor().switchToIncrementalVacuum();
      assertThat(messages(Level.INFO)).filteredOn(m -> m.contains("switched to incremental vacuum")).hasSize(1);
    }
  }

  @Test
  void aSwitchWithoutRoomIsLoggedAndTheStateStaysUsable() throws Exception {
    String why = "the state must be on a small tmpfs that the rewrite's write-ahead log fills";
    RequiredTools.root(why);
    Path disk = dir.resolve("state");
    Optional<Tmpfs> tmpfs = Tmpfs.mount(disk, "16m");
    RequiredTools.condition(tmpfs.isPresent(), "root could not mount a tmpfs (mount -t tmpfs; a container without CAP_SYS_ADMIN"
        + " refuses it)", why);
    try {
      Path db = disk.resolve("monitor.db");
      MonitorConfig config = config(db);
      makeOlderState(db);
      long size = Files.size(db);
      // Room for a little, not for a write-ahead log as big as the file.
      Path ballast = disk.resolve("ballast");
      Files.write(ballast, new byte[(int) (Files.getFileStore(disk).getUsableSpace() - size / 2)]);

      try (Components parts = Components.of(config)) {
        parts.monitor().switchToIncrementalVacuum();

        assertThat(messages(Level.WARN)).singleElement().asString().contains("could not be switched to incremental vacuum")
            .contains("needs about " + DiskSpace.size(size)).contains("the next start tries again");
        assertThat(Sql.count(db, "PRAGMA auto_vacuum")).isZero();
        assertThat(walBytes(db)).as("the write-ahead log the failed rewrite grew").isLessThan(size / 4);
        Store store = parts.store();
        long run = store.runs().start(364, false, Instant.now());
        store.runs().finish(run, new CrawlCounts(1, 1, 0, 0), null, Instant.now());
        assertThat(store.integrityCheck()).isEqualTo("ok");

        Files.delete(ballast);
        parts.monitor().switchToIncrementalVacuum();
        assertThat(Sql.count(db, "PRAGMA auto_vacuum")).as("switched at a later start with room").isEqualTo(2);
      }
    } finally {
      tmpfs.ifPresent(Tmpfs::close);
    }
  }

  private MonitorConfig config(Path db) throws Exception {
    Path configFile = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).database(db.toString()).writeTo(dir);
    return new ConfigLoader(System::getenv).load(configFile);
  }

  /** A state of a few MB as a release before incremental vacuum left it: auto_vacuum NONE. */
  private static void makeOlderState(Path db) throws Exception {
    try (Store store = Store.open(db, Duration.ofSeconds(5))) {
      List<OutboxEntry> entries = new ArrayList<>();
      Instant now = Instant.now();
      for (int i = 0; i < 1500; i++) {
        entries.add(new OutboxEntry("d-" + i, "team", "monitor.alert", null, 364, "subject", "x".repeat(2000), now, now));
      }
      store.outbox().enqueue(entries);
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement q = c.createStatement()) {
      q.execute("PRAGMA auto_vacuum = NONE");
      q.execute("VACUUM");
      q.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    assertThat(Sql.count(db, "PRAGMA auto_vacuum")).isZero();
  }

  private static long walBytes(Path db) throws Exception {
    Path wal = db.resolveSibling(db.getFileName() + "-wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  private List<String> messages(Level level) {
    return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }
}
