package org.industriallmonitor.crawl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.EarlyWarningConfig;
import org.industriallmonitor.feed.EarlyWarningSource;
import org.industriallmonitor.feed.FeedItem;
import org.industriallmonitor.feed.UnreadableFeedException;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.PageGoneException;
import org.industriallmonitor.fetch.RobotsDisallowedException;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.site.SiteReader;
import org.industriallmonitor.store.EarlyWarningRepository;
import org.industriallmonitor.store.EarlyWarningRepository.Skipped;
import org.industriallmonitor.store.SourceState;
import org.industriallmonitor.store.StorageFailure;
import org.industriallmonitor.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the early-warning source: the items it names that the monitor has not seen are
 * fetched and, when their country tags name configured countries, archived and alerted as a walk
 * would (same archiver, same slug locks, linked to every such country). The first poll is a
 * baseline; items outside the configured countries, untagged or unreadable are remembered and
 * left to the walks. The source's validators are kept only once every new item is settled, so
 * an interrupted poll reads the source again rather than taking a 304 for "nothing new". At most
 * {@code max_items} unknown items are fetched by one poll, the newest first; the others stay
 * unknown (not remembered), so the next poll, which reads the source again, or a walk takes them.
 */
public final class EarlyWarningPoller {
  private static final Logger log = LoggerFactory.getLogger(EarlyWarningPoller.class);

  private final Supplier<SiteReader> site;
  private final Store store;
  private final ArticleArchiver archiver;
  private final SlugLocks slugLocks;
  private final SiteRegions regions;
  private final Clock clock;

  /** {@code slugLocks}: the walks' own, so that a poll and a walk never take one article twice. */
  public EarlyWarningPoller(Supplier<SiteReader> site, Archive archive, Store store, NewArticleAlerts alerts, SlugLocks slugLocks,
      SiteRegions regions, Clock clock) {
    this.site = site;
    this.regions = regions;
    this.store = store;
    this.archiver = new ArticleArchiver(archive, store.articles(), store.problems(), alerts, clock);
    this.slugLocks = slugLocks;
    this.clock = clock;
  }

  /**
   * Polls the source of {@code earlyWarning} (not {@code off}) for articles of {@code countries},
   * fetching at most {@code max_items} of the unknown items, the newest first.
   */
  public PollReport poll(EarlyWarningConfig earlyWarning, List<CountryConfig> countries) throws InterruptedException {
    EarlyWarningConfig.Source source = earlyWarning.source();
    SiteReader reader = site.get();
    EarlyWarningSource feed = EarlyWarningSource.of(source, reader);
    Instant started = clock.instant();
    EarlyWarningRepository states = store.earlyWarning();
    SourceState before = states.read(source.id()).filter(s -> s.url().equals(feed.url()))
        // A new base_url is a new source: its validators and its baseline start afresh.
        .orElse(SourceState.fresh(source.id(), feed.url()));
    Run run = new Run(source.id(), feed.url(), before, started);
    try {
      boolean baseline = !before.baselineTaken();
      EarlyWarningSource.Poll poll;
      try {
        // A baseline reads one page of a listing source: what is there now raises no alerts anyway.
        poll = feed.poll(new Validators(before.etag(), before.lastModified()), baseline ? slug -> true : this::seen);
      } catch (PageGoneException e) {
        return run.failed("the source is gone: " + feed.url() + " answers HTTP " + e.status(), true);
      } catch (RobotsDisallowedException e) {
        return run.failed("robots.txt disallows " + feed.url(), true);
      } catch (UnreadableFeedException e) {
        return run.failed(e.getMessage(), true);
      } catch (FetchException e) {
        return run.failed(e.getMessage(), false);
      }
      if (poll.notModified()) {
        return run.done(PollReport.Outcome.NOT_MODIFIED, 0, List.of(), before.etag(), before.lastModified());
      }
      try {
        return read(earlyWarning, countries, reader, poll, baseline, before, run);
      } finally {
        // After the items this poll remembered: every remembered item the source lists now is marked listed.
        states.listed(poll.items().stream().map(FeedItem::slug).distinct().toList(), started);
      }
    } catch (StorageFailure e) {
      log.error("early warning {}: {}", source.id(), e.getMessage());
      return run.storageFailure(e.getMessage());
    }
  }

  /** What a full read (not a 304) of the source listed: a baseline, nothing new, or new items archived or remembered. */
  private PollReport read(EarlyWarningConfig earlyWarning, List<CountryConfig> countries, SiteReader reader, EarlyWarningSource.Poll poll,
      boolean baseline, SourceState before, Run run) throws InterruptedException {
    EarlyWarningRepository states = store.earlyWarning();
    Instant started = run.started;
    List<FeedItem> unknown = unknown(poll.items());
    if (baseline) {
      states.skip(unknown.stream().map(i -> new Skipped(i.slug(), "baseline", "in the source's first poll")).toList(), started);
      return run.baseline(poll.items().size(), poll.validators());
    }
    if (unknown.isEmpty()) {
      return run.done(PollReport.Outcome.UNCHANGED, poll.items().size(), List.of(), poll.validators().etag(),
          poll.validators().lastModified());
    }
    // The newest max_items (unknown is oldest first). The rest are neither fetched nor remembered:
    // the source's validators are not kept, so the next poll reads it again and takes the next
    // ones while it still lists them; the walks find those it no longer lists.
    List<FeedItem> taken = unknown.subList(Math.max(0, unknown.size() - earlyWarning.maxItems()), unknown.size());
    int leftOver = unknown.size() - taken.size();
    if (leftOver > 0) {
      run.notes.add(leftOver + " more new item" + (leftOver == 1 ? "" : "s") + " left to the next poll (the source is read again)"
          + " and the walks: one poll fetches at most max_items: " + earlyWarning.maxItems());
    }
    boolean settled = archive(reader, taken, countries, run) && leftOver == 0 && !run.unsettled;
    Validators kept = settled ? poll.validators() : new Validators(before.etag(), before.lastModified());
    return run.done(PollReport.Outcome.NEW, poll.items().size(), unknown, kept.etag(), kept.lastModified());
  }

  private boolean seen(String slug) {
    return store.articles().idOf(slug).isPresent() || !store.earlyWarning().skipped(List.of(slug)).isEmpty();
  }

  /** The items neither recorded, nor skipped before, nor recently gone; oldest first, so alerts go out in publishing order. */
  private List<FeedItem> unknown(List<FeedItem> items) {
    List<String> slugs = items.stream().map(FeedItem::slug).toList();
    Map<String, Long> recorded = store.articles().known(slugs);
    Set<String> skipped = store.earlyWarning().skipped(slugs);
    Map<String, FeedItem> unknown = new java.util.LinkedHashMap<>();
    for (int i = items.size() - 1; i >= 0; i--) {
      FeedItem item = items.get(i);
      if (!recorded.containsKey(item.slug()) && !skipped.contains(item.slug()) && !archiver.recentlyGone(item.slug())) {
        unknown.putIfAbsent(item.slug(), item);
      }
    }
    return List.copyOf(unknown.values());
  }

  /** Archives the new items; returns true when each one is settled (archived, or remembered as left to the walks). */
  private boolean archive(SiteReader reader, List<FeedItem> items, List<CountryConfig> countries, Run run) throws InterruptedException {
    // A tag names a configured country by its name, or the id the site lists it under now (never an id
    // the site gave another configured country).
    ArticleArchiver.Placement placement = article -> regions.placed(article.countries(), countries);
    SiteRegions.Placements placedBy = regions.placements();
    List<Skipped> skipped = new ArrayList<>();
    boolean settled = true;
    try {
      for (FeedItem item : items) {
        try (SlugLocks.Held held = slugLocks.lock(item.slug())) {
          if (store.articles().idOf(item.slug()).isPresent()) {
            continue; // a walk recorded it meanwhile
          }
          ArticleArchiver.Result result = archiver.archive(reader, item.slug(), item.title(), placement, null, false);
          switch (result.kind()) {
            case ARCHIVED -> run.archived(item.slug());
            case RECORDED_ELSEWHERE, GONE -> {
              if (result.message() != null) {
                run.notes.add(result.message());
              }
            }
            case OUTSIDE -> skipped.add(new Skipped(item.slug(), "outside", result.message()));
            case UNTAGGED -> skipped.add(new Skipped(item.slug(), "untagged", result.message() + "; left to the walks"));
            case LAYOUT -> {
              skipped.add(new Skipped(item.slug(), "unreadable", result.message()));
              run.notes.add(result.message() + "; left to the walks");
            }
            case DISALLOWED -> skipped.add(new Skipped(item.slug(), "disallowed", result.message()));
            case FAILED -> {
              run.errors.add(result.message());
              settled = false;
            }
            case HOST_UNAVAILABLE -> {
              // The rest would fail alike: one error, all tried at the next poll.
              run.errors.add(result.message());
              return false;
            }
          }
        }
      }
      return settled;
    } finally {
      store.earlyWarning().skip(skipped, clock.instant());
      long aside = skipped.stream().filter(EarlyWarningPoller::placedNowhere).count();
      // Checked after the write: a move recorded (or the site's list changed) during this poll may place
      // what it left aside, and the look again that came with it may have been before this write.
      if (aside > 0 && regions.placementsChangedSince(placedBy)) {
        store.earlyWarning().reconsiderPlacements();
        run.notes.add(aside + " item" + (aside == 1 ? "" : "s") + " outside the configured countries fetched again by the next poll:"
            + " where the site lists the countries changed during this one");
        run.unsettled = true;
      }
    }
  }

  private static boolean placedNowhere(Skipped item) {
    return item.reason().equals("outside") || item.reason().equals("untagged");
  }

  /** The report being built by one poll. */
  private final class Run {
    final String source;
    final String url;
    final SourceState before;
    final Instant started;
    final List<String> errors = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    int archived;
    /** An item this poll left to the next one: the source's validators are not kept. */
    boolean unsettled;
    String lastNewSlug;
    Instant lastNewAt;

    Run(String source, String url, SourceState before, Instant started) {
      this.source = source;
      this.url = url;
      this.before = before;
      this.started = started;
    }

    void archived(String slug) {
      archived++;
      lastNewSlug = slug;
      lastNewAt = clock.instant();
    }

    PollReport failed(String problem, boolean vanished) {
      Instant now = clock.instant();
      return report(PollReport.Outcome.FAILED, 0, 0, problem, vanished, before.polled(now, PollReport.Outcome.FAILED.id)
          .withError(problem, now), null, now);
    }

    PollReport baseline(int items, Validators validators) {
      Instant now = clock.instant();
      return report(PollReport.Outcome.BASELINE, items, 0, null, false, before.withValidators(validators.etag(), validators.lastModified())
          .withBaseline(now).polled(now, PollReport.Outcome.BASELINE.id), null, now);
    }

    PollReport done(PollReport.Outcome outcome, int items, List<FeedItem> unknown, String etag, String lastModified) {
      Instant now = clock.instant();
      SourceState state = before.withValidators(etag, lastModified).polled(now, outcome.id);
      return report(outcome, items, unknown.size(), null, false, lastNewSlug == null ? state : state.withNewArticle(lastNewSlug, lastNewAt),
          null, now);
    }

    PollReport storageFailure(String problem) {
      return report(PollReport.Outcome.FAILED, 0, 0, null, false, before, problem, clock.instant());
    }

    private PollReport report(PollReport.Outcome outcome, int items, int unknown, String problem, boolean vanished, SourceState state,
        String storageFailure, Instant now) {
      return new PollReport(source, url, outcome, items, unknown, archived, problem, vanished, errors, notes, storageFailure, state,
          Duration.between(started, now));
    }
  }
}
