package org.industriallmonitor.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.crawl.ArticleRechecker;
import org.industriallmonitor.crawl.CrawlProgress;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.crawl.PollReport;
import org.industriallmonitor.notify.DeliveryReport;

/**
 * One round of the monitor by hand ({@code once}, and the demo's rounds): the early-warning poll, the crawls,
 * the re-checks, then the deliveries, each step told in the application's own values: the lines the commands
 * print and what decides their exit code.
 */
public final class OnceRound {
  /** How often the deliveries still pending are tried again while {@code once} waits for them. */
  private static final Duration DELIVERY_RETRY_EVERY = Duration.ofSeconds(1);

  /**
   * What a poll or a crawl says: its summary line, then its errors and notes; whether it succeeded (a poll: its
   * source answered, without a problem); {@code storageFailure} is why the disk refused a write (nothing could
   * be kept), or null.
   */
  public record Report(String summary, List<String> problems, List<String> notes, boolean succeeded, String storageFailure) {
    public Report {
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
    }
  }

  /** The re-checks of young articles: how many were fetched again, the summary line and the errors. */
  public record Rechecks(int checked, String summary, List<String> errors) {
    public Rechecks {
      errors = List.copyOf(errors);
    }
  }

  /** The deliveries: the summary line, and how many are still pending or were dead-lettered. */
  public record Deliveries(String summary, int pending, int dead) {}

  private final Monitor monitor;
  private final Components parts;

  OnceRound(Components parts) {
    this.parts = parts;
    this.monitor = parts.monitor();
  }

  /** Removes what a run killed midway left (temporary files, open crawl runs) before anything else. */
  public void recoverFromCrash() throws IOException {
    monitor.recoverFromCrash();
  }

  /** Makes a database made before incremental vacuum give pruned history's space back from now on; a failure is logged. */
  public void switchToIncrementalVacuum() {
    monitor.switchToIncrementalVacuum();
  }

  /** Reads the site's country list (where the site lists each country now) when a country moved; a failure is logged. */
  public void readSiteCountries() {
    monitor.readSiteCountries(false);
  }

  /** Prunes the history older than {@code storage.retention}; a failure is logged, never thrown. */
  public void pruneHistory() {
    monitor.pruneHistory();
  }

  /** Shows the progress of the crawls that follow (one country at a time, on a terminal). */
  public void showProgress(CrawlProgress progress) {
    monitor.setProgress(progress);
  }

  /** Polls the early-warning source once; empty when it is off. */
  public Optional<Report> pollEarlyWarning() throws InterruptedException {
    return monitor.pollEarlyWarning(false).map(OnceRound::report);
  }

  /** Crawls one country once. */
  public Report crawl(CountryConfig country) throws InterruptedException {
    CrawlReport crawled = monitor.crawl(country);
    return new Report(crawled.summaryLine(), crawled.problems(), crawled.notes(), crawled.succeeded(), crawled.storageFailure());
  }

  /** Fetches again the articles that are due, to follow corrections and withdrawals. */
  public Rechecks recheck() throws InterruptedException {
    ArticleRechecker.Report rechecked = monitor.recheck();
    return new Rechecks(rechecked.checked(), rechecked.summaryLine(), rechecked.errors());
  }

  /** Delivers what the round queued, retrying for up to {@code timeout}. */
  public Deliveries deliver(Duration timeout) throws InterruptedException {
    DeliveryReport delivered = parts.dispatcher().drain(timeout, DELIVERY_RETRY_EVERY);
    return new Deliveries(delivered.summaryLine(), delivered.pending(), delivered.dead());
  }

  /** The archive file of the article {@code slug}, once a crawl or a poll archived it. */
  public Optional<Path> archivedFile(String slug) {
    return parts.store().articles().archivePath(slug).map(parts.archive()::resolve);
  }

  private static Report report(PollReport polled) {
    return new Report(polled.summaryLine(), polled.problems(), polled.notes(), polled.sourceAnswered() && polled.problems().isEmpty(),
        polled.storageFailure());
  }
}
