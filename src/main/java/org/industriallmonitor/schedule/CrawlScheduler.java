package org.industriallmonitor.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.Durations;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.config.Schedule;
import org.industriallmonitor.store.ScheduleRepository;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz job per country, kept in line with the configuration: countries added, removed or
 * rescheduled on {@link #apply}, without disturbing crawls in flight. Records each country's next
 * run in the database for {@code status}. Beside them, the early-warning job polls the site-wide
 * source on its own interval, on a thread of its own so that walks never delay it.
 */
public final class CrawlScheduler {
  private static final Logger log = LoggerFactory.getLogger(CrawlScheduler.class);
  private static final String GROUP = "crawl";
  private static final JobKey POLL_JOB = JobKey.jobKey("early-warning", "poll");
  private static final TriggerKey POLL_TRIGGER = TriggerKey.triggerKey("early-warning", "poll");

  private final Scheduler scheduler;
  private final ScheduleRepository nextRuns;
  private final Clock clock;
  private final Map<Integer, Schedule> applied = new HashMap<>();
  private final boolean clustered;
  private Duration pollEvery;

  /**
   * Where the jobs live: in memory for one daemon, or in the PostgreSQL database that the nodes of
   * a cluster share, with {@code cluster} naming this node and its check-in interval.
   */
  public record JobStore(PostgresTarget database, ClusterConfig cluster) {
    public static final JobStore IN_MEMORY = new JobStore(null, null);

    boolean clustered() {
      return database != null;
    }
  }

  /** {@code threads}: for the walks; the early-warning poll has one more. */
  public CrawlScheduler(CountryRun run, SourcePoll poll, ScheduleRepository nextRuns, Clock clock, int threads) {
    this(run, poll, nextRuns, clock, threads, JobStore.IN_MEMORY);
  }

  public CrawlScheduler(CountryRun run, SourcePoll poll, ScheduleRepository nextRuns, Clock clock, int threads, JobStore store) {
    this.nextRuns = nextRuns;
    this.clock = clock;
    this.clustered = store.clustered();
    try {
      Properties properties = new Properties();
      properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
      properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
      properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads + 1));
      properties.setProperty("org.quartz.threadPool.threadNamePrefix", "crawl");
      if (store.clustered()) {
        clusteredStore(properties, store, threads);
      } else {
        properties.setProperty("org.quartz.scheduler.instanceName", "industriall-monitor-" + System.identityHashCode(this));
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
      }
      this.scheduler = new StdSchedulerFactory(properties).getScheduler();
      scheduler.setJobFactory((bundle, s) -> bundle.getJobDetail().getJobClass() == PollJob.class ? new PollJob(poll) : new CrawlJob(run));
      scheduler.getListenerManager().addJobListener(new NextRunRecorder());
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the scheduler: " + e.getMessage(), e);
    }
  }

  /**
   * Quartz's JDBC job store in clustered mode on the shared database (its tables come with the
   * migrations): each country's job runs on one node at a time, and the jobs of a node that
   * stops checking in are taken over, a crawl it was running started again on a live node.
   */
  private static void clusteredStore(Properties p, JobStore store, int threads) {
    p.setProperty("org.quartz.scheduler.instanceName", "industriall-monitor");
    p.setProperty("org.quartz.scheduler.instanceId", store.cluster().nodeId());
    p.setProperty("org.quartz.jobStore.class", ClusterJobStore.class.getName());
    p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", "state");
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    // Quartz checks in twice per interval and counts a node dead after two missed (ClusterJobStore): a dead node's
    // jobs move within one and a half intervals, inside the two that cluster.checkin_interval promises.
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(Math.max(1, store.cluster().checkinInterval().toMillis() / 2)));
    p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.dataSource.state.provider", "hikaricp");
    p.setProperty("org.quartz.dataSource.state.driver", "org.postgresql.Driver");
    p.setProperty("org.quartz.dataSource.state.URL", store.database().jdbcUrl());
    p.setProperty("org.quartz.dataSource.state.user", store.database().user() == null ? "" : store.database().user());
    p.setProperty("org.quartz.dataSource.state.password", store.database().password() == null ? "" : store.database().password());
    p.setProperty("org.quartz.dataSource.state.maxConnections", String.valueOf(threads + 4));
  }

  public void start() throws SchedulerException {
    scheduler.start();
  }

  /** Schedules new countries, reschedules changed ones and removes the ones no longer configured. */
  public synchronized void apply(List<CountryConfig> countries) throws SchedulerException {
    Map<Integer, Instant> lastCrawls = nextRuns.lastCrawls();
    Set<Integer> wanted = new HashSet<>();
    for (CountryConfig country : countries) {
      wanted.add(country.region());
      Schedule previous = applied.get(country.region());
      if (country.schedule().equals(previous)) {
        continue;
      }
      Trigger existing = previous == null ? scheduler.getTrigger(triggerKey(country.region())) : null;
      if (existing != null && country.schedule().toString().equals(existing.getDescription())) {
        // Another node of the cluster scheduled it so already: its next run stands.
        applied.put(country.region(), country.schedule());
        log.info("{} (region {}): {}, next run at {} (scheduled by the cluster)", country.name(), country.region(),
            country.schedule().describe(), existing.getNextFireTime() == null ? "none" : existing.getNextFireTime().toInstant());
        continue;
      }
      JobDetail job = JobBuilder.newJob(CrawlJob.class)
          .withIdentity(jobKey(country.region()))
          .usingJobData(CrawlJob.REGION, country.region())
          .usingJobData(CrawlJob.JITTER_MILLIS, country.schedule().cron() != null ? country.schedule().jitter().toMillis() : 0L)
          // A crawl its node died in is started again on a live node.
          .requestRecovery(clustered)
          .storeDurably()
          .build();
      Trigger trigger = trigger(country, lastCrawls.get(country.region()));
      scheduler.addJob(job, true, true);
      if (previous == null && existing == null) {
        // Two nodes starting together may both find no trigger: the second one's replaces the first one's.
        scheduler.scheduleJob(job, Set.of(trigger), true);
        log.info("scheduled {} (region {}): {}, first run at {}", country.name(), country.region(),
            country.schedule().describe(), trigger.getStartTime().toInstant());
      } else {
        scheduler.rescheduleJob(trigger.getKey(), trigger);
        log.info("rescheduled {} (region {}): {}", country.name(), country.region(), country.schedule().describe());
      }
      applied.put(country.region(), country.schedule());
      record(country.region(), scheduler.getTrigger(trigger.getKey()));
    }
    Set<Integer> scheduled = new HashSet<>(applied.keySet());
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      // Jobs kept in the shared database for countries that left the configuration while no node ran.
      scheduled.add(Integer.parseInt(key.getName().substring("country-".length())));
    }
    for (Integer region : scheduled) {
      if (!wanted.contains(region)) {
        scheduler.deleteJob(jobKey(region));
        applied.remove(region);
        nextRuns.remove(region);
        log.info("unscheduled region {}: no longer in the configuration", region);
      }
    }
  }

  /** Polls the early-warning source every {@code every} from now on, the first time right away; null stops polling. */
  public synchronized void applyEarlyWarning(Duration every) throws SchedulerException {
    if (Objects.equals(every, pollEvery)) {
      return;
    }
    scheduler.deleteJob(POLL_JOB);
    pollEvery = every;
    if (every == null) {
      log.info("early warning off: new articles are found by the walks alone");
      return;
    }
    JobDetail job = JobBuilder.newJob(PollJob.class).withIdentity(POLL_JOB).build();
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(POLL_TRIGGER).forJob(POLL_JOB).startNow()
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(every.toMillis()).repeatForever()
            // A poll that could not run on time (the last one still running) is skipped: the next one reads the same news.
            .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
    scheduler.scheduleJob(job, Set.of(trigger), true);
    log.info("early warning: polling every {}", Durations.format(every));
  }

  /** The next run of each scheduled country. */
  public synchronized Map<Integer, Instant> nextRuns() throws SchedulerException {
    Map<Integer, Instant> runs = new HashMap<>();
    for (Integer region : applied.keySet()) {
      Trigger trigger = scheduler.getTrigger(triggerKey(region));
      if (trigger != null && trigger.getNextFireTime() != null) {
        runs.put(region, trigger.getNextFireTime().toInstant());
      }
    }
    return runs;
  }

  /**
   * Stops firing, lets running crawls finish for up to {@code grace}, interrupts the ones still
   * running, and shuts Quartz down.
   */
  public void shutdown(Duration grace) throws SchedulerException, InterruptedException {
    scheduler.standby();
    long deadline = System.nanoTime() + grace.toNanos();
    while (!scheduler.getCurrentlyExecutingJobs().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    for (JobExecutionContext running : scheduler.getCurrentlyExecutingJobs()) {
      if (running.getJobDetail().getKey().equals(POLL_JOB)) {
        log.warn("interrupting the early-warning poll to shut down");
      } else {
        log.warn("interrupting the crawl of region {} to shut down", running.getMergedJobDataMap().getInt(CrawlJob.REGION));
      }
      scheduler.interrupt(running.getJobDetail().getKey());
    }
    scheduler.shutdown(true);
    if (!clustered) {
      // The other nodes of a cluster go on with these schedules; one daemon alone takes them along.
      nextRuns.clear();
    }
  }

  private Trigger trigger(CountryConfig country, Instant lastCrawl) {
    Schedule schedule = country.schedule();
    TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(triggerKey(country.region())).forJob(jobKey(country.region()))
        .withDescription(schedule.toString());
    if (schedule.cron() != null) {
      return builder.withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron()).withMisfireHandlingInstructionFireAndProceed())
          .startNow().build();
    }
    Instant now = clock.instant();
    // After a restart, a country that is due runs once right away (plus jitter), then on its interval.
    Instant due = lastCrawl == null ? now : lastCrawl.plus(schedule.every());
    Instant first = (due.isBefore(now) ? now : due).plusMillis(randomUpTo(schedule.jitter()));
    return builder.startAt(Date.from(first))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withIntervalInMilliseconds(schedule.every().toMillis())
            .repeatForever()
            .withMisfireHandlingInstructionNowWithExistingCount())
        .build();
  }

  private static long randomUpTo(Duration jitter) {
    return jitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(jitter.toMillis() + 1);
  }

  private void record(int region, Trigger trigger) {
    Schedule schedule = applied.get(region);
    if (trigger != null && schedule != null) {
      Date next = trigger.getNextFireTime();
      nextRuns.save(region, next == null ? null : next.toInstant(), schedule.describe(), clock.instant());
    }
  }

  private static JobKey jobKey(int region) {
    return JobKey.jobKey("country-" + region, GROUP);
  }

  private static TriggerKey triggerKey(int region) {
    return TriggerKey.triggerKey("country-" + region, GROUP);
  }

  /** Writes a country's next run to the database after each of its crawls. */
  private final class NextRunRecorder implements JobListener {
    @Override
    public String getName() {
      return "next-run-recorder";
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {}

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {}

    @Override
    public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
      if (context.getJobDetail().getKey().equals(POLL_JOB)) {
        return;
      }
      int region = context.getMergedJobDataMap().getInt(CrawlJob.REGION);
      synchronized (CrawlScheduler.this) {
        if (applied.containsKey(region)) {
          try {
            record(region, scheduler.getTrigger(triggerKey(region)));
          } catch (SchedulerException | RuntimeException e) {
            log.warn("cannot record the next run of region {}: {}", region, e.getMessage());
          }
        }
      }
    }
  }
}
