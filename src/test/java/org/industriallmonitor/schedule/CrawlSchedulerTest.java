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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the first run after a restart happens. */
class CrawlSchedulerTest {
  private static final Schedule HOURLY = new Schedule(Duration.ofHours(1), null, Duration.ZERO);

  @TempDir Path dir;
  private Store db;
  private CrawlScheduler scheduler;
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeEach
  void open() throws Exception {
    db = Store.open(dir.resolve("monitor.db"), Duration.ofSeconds(1));
    scheduler = new CrawlScheduler(region -> runs.incrementAndGet(), () -> {}, db.schedule(), Clock.systemUTC(), 2);
    scheduler.start();
  }

  @AfterEach
  void close() throws Exception {
    scheduler.shutdown(Duration.ofSeconds(1));
    db.close();
  }

  @Test
  void afterLongDowntimeAMissedRunFiresOnceThenTheIntervalResumes() throws Exception {
    db.runs().start(364, false, Instant.now().minus(Duration.ofHours(5)));

    scheduler.apply(List.of(new CountryConfig("Kyrgyzstan", 364, HOURLY)));

    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scheduler.nextRuns().get(364))
        .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(30, ChronoUnit.SECONDS)));
    assertThat(runs.get()).as("five missed hours give one run, not five").isEqualTo(1);
  }

  @Test
  void aCountryCrawledRecentlyWaitsForItsInterval() throws Exception {
    Instant last = Instant.now().minus(Duration.ofMinutes(10));
    db.runs().start(364, false, last);

    scheduler.apply(List.of(new CountryConfig("Kyrgyzstan", 364, HOURLY)));

    assertThat(scheduler.nextRuns().get(364)).isCloseTo(last.plus(Duration.ofHours(1)), within(1, ChronoUnit.SECONDS));
    assertThat(runs.get()).isZero();
    assertThat(db.schedule().all().get(364).schedule()).isEqualTo("every 1h");
  }

  @Test
  void cronSchedulesUseTheirExpression() throws Exception {
    scheduler.apply(List.of(new CountryConfig("Kyrgyzstan", 364, new Schedule(null, "0 0 8 * * ?", Duration.ZERO))));

    Instant next = scheduler.nextRuns().get(364);
    assertThat(next.atZone(java.time.ZoneId.systemDefault()).getHour()).isEqualTo(8);
    assertThat(next.atZone(java.time.ZoneId.systemDefault()).getMinute()).isZero();
  }
}
