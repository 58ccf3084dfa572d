package org.industriallmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.Schedule;
import org.industriallmonitor.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When the first run after a restart happens, and how a changed configuration is followed: with
 * the jobs in memory (SQLite) and in Quartz's clustered JDBC store on a real PostgreSQL.
 */
class CrawlSchedulerTest {
  private static final Schedule HOURLY = new Schedule(Duration.ofHours(1), null, Duration.ZERO);

  @TempDir Path dir;
  @RegisterExtension final StoreExtension stores = new StoreExtension();
  private Store db;
  private CrawlScheduler scheduler;
  private final AtomicInteger runs = new AtomicInteger();

  private void open(Databases database) throws Exception {
    StorageConfig storage = stores.storage(database, dir);
    ClusterConfig cluster = new ClusterConfig("node-a", Duration.ofSeconds(2));
    db = stores.open(storage, cluster);
    scheduler = new CrawlScheduler(region -> runs.incrementAndGet(), () -> {}, db.schedule(), Clock.systemUTC(), 2,
        storage.isPostgres() ? new CrawlScheduler.JobStore(storage.postgres(), cluster) : CrawlScheduler.JobStore.IN_MEMORY);
    scheduler.start();
  }

  @AfterEach
  void close() throws Exception {
    // Before the store closes (StoreExtension closes it after this).
    if (scheduler != null) {
      scheduler.shutdown(Duration.ofSeconds(1));
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aConfigurationChangeReschedulesAddsAndRemovesCountries(Databases database) throws Exception {
    open(database);
    scheduler.apply(List.of(new CountryConfig("Kyrgyzstan", 364, HOURLY)));
    assertThat(scheduler.nextRuns()).containsOnlyKeys(364);
    Schedule everySecond = new Schedule(Duration.ofSeconds(1), null, Duration.ZERO);
    scheduler.apply(List.of(new CountryConfig("Kyrgyzstan", 364, everySecond), new CountryConfig("Kazakhstan", 169, HOURLY)));
    await().atMost(Duration.ofSeconds(15)).until(() -> runs.get() >= 2);
    assertThat(db.schedule().all().get(364).schedule()).isEqualTo("every 1s");
    scheduler.apply(List.of(new CountryConfig("Kazakhstan", 169, HOURLY)));
    assertThat(scheduler.nextRuns()).containsOnlyKeys(169);
    assertThat(db.schedule().all()).containsOnlyKeys(169);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void afterLongDowntimeAMissedRunFiresOnceThenTheIntervalResumes(Databases database) throws Exception {
    open(database);
    db.runs().start(364, false, Instant.now().minus(Duration.ofHours(5)));

    scheduler.apply(List.of(new CountryConfig("Kyrgyzstan", 364, HOURLY)));

    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scheduler.nextRuns().get(364))
        .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(30, ChronoUnit.SECONDS)));
    assertThat(runs.get()).as("five missed hours give one run, not five").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aCountryCrawledRecentlyWaitsForItsInterval(Databases database) throws Exception {
    open(database);
    Instant last = Instant.now().minus(Duration.ofMinutes(10));
    db.runs().start(364, false, last);

    scheduler.apply(List.of(new CountryConfig("Kyrgyzstan", 364, HOURLY)));

    assertThat(scheduler.nextRuns().get(364)).isCloseTo(last.plus(Duration.ofHours(1)), within(1, ChronoUnit.SECONDS));
    assertThat(runs.get()).isZero();
    assertThat(db.schedule().all().get(364).schedule()).isEqualTo("every 1h");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void cronSchedulesUseTheirExpression(Databases database) throws Exception {
    open(database);
    scheduler.apply(List.of(new CountryConfig("Kyrgyzstan", 364, new Schedule(null, "0 0 8 * * ?", Duration.ZERO))));

    Instant next = scheduler.nextRuns().get(364);
    assertThat(next.atZone(java.time.ZoneId.systemDefault()).getHour()).isEqualTo(8);
    assertThat(next.atZone(java.time.ZoneId.systemDefault()).getMinute()).isZero();
  }
}
