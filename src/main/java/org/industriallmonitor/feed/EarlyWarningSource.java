package org.industriallmonitor.feed;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.industriallmonitor.config.EarlyWarningConfig;
import org.industriallmonitor.fetch.Deadline;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.PageFetcher;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.site.SiteReader;

/** A site-wide list of the newest articles, polled with conditional requests between the walks. */
public interface EarlyWarningSource {
  /** The source {@code site.early_warning.source} names ({@code rss} or {@code latest}), read through {@code site}. */
  static EarlyWarningSource of(EarlyWarningConfig.Source source, SiteReader site) {
    return switch (source) {
      case RSS -> new FeedSource(site.fetcher(), new FeedParser(site.urls()), site.urls().feed());
      case LATEST -> new LatestSource(site);
      case OFF -> throw new IllegalArgumentException("the early warning is off: there is no source to poll");
    };
  }

  /** The address polled (its first page). */
  String url();

  /**
   * Polls the source, sending the validators of the last answer. {@code known} tells which slugs
   * the monitor has seen, for a source that reads further while everything it reads is new.
   * Every request of one poll ends within one {@link #budget}.
   */
  Poll poll(Validators previous, Predicate<String> known) throws FetchException, UnreadableFeedException, InterruptedException;

  /**
   * The time one poll of a source may take to read it, all its requests, retries and waits
   * included: the site's {@code call_timeout} (the longest one request may take), so that a
   * source that trickles costs one call timeout per poll, not one per attempt. A poll over
   * budget fails, and the next poll tries again.
   */
  static Deadline budget(PageFetcher fetcher) {
    Duration budget = fetcher.callTimeout();
    return budget.isZero() || budget.isNegative() ? Deadline.NONE : Deadline.after(budget, "the poll's time budget");
  }

  /** One poll's answer: unchanged (304), or the source's items, newest first. */
  record Poll(boolean notModified, List<FeedItem> items, Validators validators) {
    public Poll {
      items = List.copyOf(items);
    }

    static Poll unchanged(Validators validators) {
      return new Poll(true, List.of(), validators);
    }
  }
}
