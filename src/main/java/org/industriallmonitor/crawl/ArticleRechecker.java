package org.industriallmonitor.crawl;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.config.RecheckConfig;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.PageGoneException;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.site.SiteReader;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.RecheckRepository;
import org.industriallmonitor.store.RecheckRepository.Target;
import org.industriallmonitor.store.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches archived articles again while they are young ({@code site.recheck_window}), with
 * conditional requests: a changed text becomes a new version beside the first file (file, then
 * row and alerts), a 404 or 410 a withdrawal, anything else (a 5xx, a timeout, a page the
 * selectors cannot read) a failed check tried again at the next re-check.
 */
public final class ArticleRechecker {
  private static final Logger log = LoggerFactory.getLogger(ArticleRechecker.class);
  /** Re-checks one pass takes at most: a day's share of a large archive, never an afternoon of requests. */
  static final int MAX_PER_PASS = 500;
  private static final int DIFF_CONTEXT = 3;

  /** The alert rows of what a re-check found, written in the transaction that records it. */
  public interface Alerts {
    List<OutboxEntry> updated(Target target, Article article, ArchivedArticle files, int version, String diff, Instant at);

    List<OutboxEntry> removed(Target target, int status, Instant at);
  }

  /** What one pass did. */
  public record Report(int checked, int unchanged, int updated, int removed, List<String> errors) {
    public Report {
      errors = List.copyOf(errors);
    }

    public String summaryLine() {
      return "re-checks: " + checked + " checked, " + unchanged + " unchanged, " + updated + " updated, " + removed + " withdrawn, "
          + errors.size() + (errors.size() == 1 ? " error" : " errors");
    }
  }

  private final Supplier<SiteReader> site;
  private final Archive archive;
  private final RecheckRepository rechecks;
  private final Alerts alerts;
  private final SlugLocks slugLocks;
  private final Clock clock;
  /** One pass at a time: a pass that finds another running leaves the due articles to it. */
  private final java.util.concurrent.locks.ReentrantLock pass = new java.util.concurrent.locks.ReentrantLock();
  /**
   * Guarded by {@link #pass}: no article can be due before this time under {@link #planned}, so a
   * pass before it (the daemon tries one after every crawl) does not even ask the database.
   */
  private Instant notBefore = Instant.MIN;
  private RecheckConfig planned;

  public ArticleRechecker(Supplier<SiteReader> site, Archive archive, RecheckRepository rechecks, Alerts alerts, SlugLocks slugLocks,
      Clock clock) {
    this.site = site;
    this.archive = archive;
    this.rechecks = rechecks;
    this.alerts = alerts;
    this.slugLocks = slugLocks;
    this.clock = clock;
  }

  /** Re-checks every article that is due under {@code config}, oldest check first. */
  public Report recheckDue(RecheckConfig config) throws InterruptedException {
    if (!config.enabled() || !pass.tryLock()) {
      return new Report(0, 0, 0, 0, List.of());
    }
    try {
      return pass(config);
    } finally {
      pass.unlock();
    }
  }

  private Report pass(RecheckConfig config) throws InterruptedException {
    Instant now = clock.instant();
    if (config.equals(planned) && now.isBefore(notBefore)) {
      return new Report(0, 0, 0, 0, List.of());
    }
    LocalDate since = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(Math.max(0, config.window().toDays()));
    List<Target> due = rechecks.due(since, now.minus(config.every()), MAX_PER_PASS);
    int unchanged = 0;
    int updated = 0;
    int removed = 0;
    List<String> errors = new ArrayList<>();
    for (Target target : due) {
      Outcome outcome;
      try (SlugLocks.Held held = slugLocks.lock(target.slug())) {
        outcome = recheck(target);
      }
      switch (outcome.kind()) {
        case UNCHANGED -> unchanged++;
        case UPDATED -> updated++;
        case REMOVED -> removed++;
        case FAILED -> errors.add(outcome.message());
      }
    }
    planned = config;
    // The next article falls due one interval after the oldest check; one archived
    // from now on, an interval after its fetch, which is later.
    notBefore = due.size() == MAX_PER_PASS ? now
        : rechecks.oldestCheck(since).map(oldest -> oldest.plus(config.every())).orElse(now.plus(config.every()));
    Report report = new Report(due.size(), unchanged, updated, removed, errors);
    if (!due.isEmpty()) {
      log.info("{}", report.summaryLine());
    }
    return report;
  }

  private enum Kind { UNCHANGED, UPDATED, REMOVED, FAILED }

  private record Outcome(Kind kind, String message) {}

  private Outcome recheck(Target target) throws InterruptedException {
    SiteReader reader = site.get();
    FetchResult page;
    try {
      page = reader.fetcher().fetch(target.url(), new Validators(target.etag(), target.lastModified()));
    } catch (PageGoneException gone) {
      return removed(target, gone.status());
    } catch (FetchException e) {
      log.warn("re-check of {}: {}; tried again at its next re-check", target.url(), e.getMessage());
      // Not a removal; and not a reason to ask again after every crawl: once more an interval from now.
      rechecks.checked(target.id(), target.etag(), target.lastModified(), clock.instant());
      return new Outcome(Kind.FAILED, target.url() + ": " + e.getMessage());
    }
    Instant fetchedAt = clock.instant();
    if (page.notModified()) {
      rechecks.checked(target.id(), target.etag(), target.lastModified(), fetchedAt);
      return new Outcome(Kind.UNCHANGED, null);
    }
    Article article;
    try {
      article = reader.articleParser().parse(page.body(), target.url(), target.slug());
    } catch (LayoutException e) {
      log.warn("re-check of {}: {}; the archived text stays, tried again at its next re-check", target.url(), e.getMessage());
      rechecks.checked(target.id(), target.etag(), target.lastModified(), clock.instant());
      return new Outcome(Kind.FAILED, target.url() + ": " + e.getMessage());
    }
    String sha256 = Hashes.sha256(ArchiveText.article(article).getBytes(StandardCharsets.UTF_8));
    if (sha256.equals(target.sha256())) {
      rechecks.checked(target.id(), page.validators().etag(), page.validators().lastModified(), fetchedAt);
      return new Outcome(Kind.UNCHANGED, null);
    }
    return updated(target, article, page, fetchedAt);
  }

  private Outcome updated(Target target, Article article, FetchResult page, Instant fetchedAt) {
    int version = target.version() + 1;
    try {
      String before = Files.readString(archive.resolve(target.archivePath()), StandardCharsets.UTF_8);
      List<Archive.VersionEntry> earlier = rechecks.versions(target.id()).stream()
          .map(v -> new Archive.VersionEntry(v.version(), v.archivePath(), v.sha256(), v.fetchedAt())).toList();
      ArchivedArticle files = archive.writeVersion(article, version, earlier, target.sidecarPath(), fetchedAt);
      String diff = diff(target.archivePath(), before, files.textPath(), files.text());
      boolean recorded = rechecks.recordVersion(new RecheckRepository.NewVersion(target.id(), version, files.textPath(), files.sha256(),
          page.validators().etag(), page.validators().lastModified(), fetchedAt, article.title(), ArchiveText.withoutHeader(files.text())),
          alerts.updated(target, article, files, version, diff, fetchedAt));
      if (recorded) {
        log.info("{}: changed on the site; archived version {} as {}", target.url(), version, files.textPath());
      }
      return new Outcome(Kind.UPDATED, null);
    } catch (IOException e) {
      Optional<StorageFailure> disk = StorageFailure.of(archive.root(), e);
      if (disk.isPresent()) {
        throw disk.get();
      }
      return new Outcome(Kind.FAILED, "cannot archive version " + version + " of " + target.url() + ": " + e);
    }
  }

  private Outcome removed(Target target, int status) {
    Instant at = clock.instant();
    try {
      archive.markRemoved(target.sidecarPath(), at, status);
    } catch (IOException e) {
      Optional<StorageFailure> disk = StorageFailure.of(archive.root(), e);
      if (disk.isPresent()) {
        throw disk.get();
      }
      return new Outcome(Kind.FAILED, "cannot mark " + target.url() + " withdrawn in its sidecar: " + e);
    }
    if (rechecks.recordRemoved(target.id(), at, alerts.removed(target, status, at))) {
      log.warn("{}: the site answers {} now: withdrawn (its archived texts stay)", target.url(), status);
    }
    return new Outcome(Kind.REMOVED, null);
  }

  /** A unified diff of two archived texts, named by their archive paths. */
  static String diff(String beforePath, String before, String afterPath, String after) {
    List<String> a = Arrays.asList(before.split("\n", -1));
    List<String> b = Arrays.asList(after.split("\n", -1));
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(beforePath, afterPath, a, DiffUtils.diff(a, b), DIFF_CONTEXT)) + "\n";
  }
}
