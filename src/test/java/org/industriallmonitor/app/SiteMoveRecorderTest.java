package org.industriallmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.notify.AlertQueue;
import org.industriallmonitor.notify.SiteMoveAlerts;
import org.industriallmonitor.site.SiteMove;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** A site move whose recording fails is not lost: the recorder says so, and the next attempt queues its one alert. */
class SiteMoveRecorderTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aRecordingThatFailedOnceIsDoneAtTheNextAttemptWithOneAlert(Databases database) {
    Store store = stores.open(database, dir.resolve("db"), new ClusterConfig("node-a", Duration.ofSeconds(15)));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Path file = TestConfig.site(URI.create("http://127.0.0.1:9")).country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n    - {id: ops, type: webhook, url: \"http://127.0.0.1:9/ops\"}\n  alerts: [ops]\n")
        .writeTo(dir);
    MonitorConfig config = new ConfigLoader(System::getenv).load(file);
    AtomicInteger reads = new AtomicInteger();
    // The first attempt fails as a busy database would, inside the recording.
    Supplier<MonitorConfig> failingOnce = () -> {
      if (reads.incrementAndGet() == 1) {
        throw new IllegalStateException("database is locked");
      }
      return config;
    };
    AtomicInteger wakes = new AtomicInteger();
    SiteMoveRecorder recorder = new SiteMoveRecorder(failingOnce, new SiteMoveAlerts(store.siteMoves(), new AlertQueue(clock), clock),
        wakes::incrementAndGet);
    SiteMove move = new SiteMove("http://127.0.0.1:9", "http://127.0.0.2:9", 301);

    assertThat(recorder.moved(move)).as("not recorded: to be told again").isFalse();
    assertThat(store.outbox().due(NOW.plusSeconds(1), 10)).isEmpty();
    assertThat(recorder.moved(move)).isTrue();
    assertThat(recorder.moved(move)).as("recorded before: nothing to retry").isTrue();

    assertThat(store.outbox().due(NOW.plusSeconds(1), 10)).hasSize(1);
    assertThat(store.siteMoves().all()).hasSize(1);
    assertThat(wakes).hasValue(1);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void theConfiguredBaseAnsweringItselfEndsItsRecordedMoves(Databases database) {
    Store store = stores.open(database, dir.resolve("db"), new ClusterConfig("node-a", Duration.ofSeconds(15)));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    MonitorConfig config = new ConfigLoader(System::getenv).load(TestConfig.site(URI.create("http://127.0.0.1:9"))
        .country("Kyrgyzstan", 364).writeTo(dir));
    SiteMoveRecorder recorder = new SiteMoveRecorder(() -> config, new SiteMoveAlerts(store.siteMoves(), new AlertQueue(clock), clock),
        () -> { });
    recorder.moved(new SiteMove("http://127.0.0.1:9", "http://127.0.0.2:9", 301));
    assertThat(MonitorStatus.gather(config, java.util.Optional.of(store)).siteMoves()).hasSize(1);

    assertThat(recorder.ended("http://127.0.0.1:9")).isTrue();

    assertThat(MonitorStatus.gather(config, java.util.Optional.of(store)).siteMoves()).isEmpty();
    assertThat(store.siteMoves().all()).singleElement().extracting(m -> m.endedAt()).isEqualTo(NOW);
  }

  /** The recorder's own logic: one database is enough (a closed SQLite store fails every write). */
  @org.junit.jupiter.api.Test
  void anEndThatCannotBeRecordedIsWarnedOfOnce() {
    Store store = stores.open(Databases.SQLITE, dir.resolve("db"), new ClusterConfig("node-a", Duration.ofSeconds(15)));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    MonitorConfig config = new ConfigLoader(System::getenv).load(TestConfig.site(URI.create("http://127.0.0.1:9"))
        .country("Kyrgyzstan", 364).writeTo(dir));
    SiteMoveRecorder recorder = new SiteMoveRecorder(() -> config, new SiteMoveAlerts(store.siteMoves(), new AlertQueue(clock), clock),
        () -> { });
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger recorderLog = (Logger) LoggerFactory.getLogger(SiteMoveRecorder.class);
    log.start();
    recorderLog.addAppender(log);
    try {
      store.close(); // as a database that has gone away

      assertThat(recorder.ended("http://127.0.0.1:9")).isFalse();
      assertThat(recorder.ended("http://127.0.0.1:9")).isFalse();

      assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
    } finally {
      recorderLog.detachAppender(log);
    }
  }
}
