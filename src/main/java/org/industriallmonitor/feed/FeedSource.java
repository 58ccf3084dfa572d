package org.industriallmonitor.feed;

import java.util.function.Predicate;
import org.industriallmonitor.fetch.Accepts;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.PageFetcher;
import org.industriallmonitor.fetch.Validators;

/**
 * The site-wide RSS feed ({@code source: rss}): an unchanged feed costs one 304 and no parsing.
 * Goes through the site's fetcher, so it shares the host's pacer and robots rules with the walks.
 */
public final class FeedSource implements EarlyWarningSource {
  private final PageFetcher fetcher;
  private final FeedParser parser;
  private final String url;

  public FeedSource(PageFetcher fetcher, FeedParser parser, String url) {
    this.fetcher = fetcher;
    this.parser = parser;
    this.url = url;
  }

  @Override
  public String url() {
    return url;
  }

  /** Polls the feed; a feed lists what it lists, so {@code known} changes nothing. */
  @Override
  public Poll poll(Validators previous, Predicate<String> known) throws FetchException, UnreadableFeedException, InterruptedException {
    FetchResult result = fetcher.fetch(url, previous, Accepts.FEED, EarlyWarningSource.budget(fetcher));
    if (result.notModified()) {
      return Poll.unchanged(previous);
    }
    return new Poll(false, parser.parse(url, result.bytes()), result.validators());
  }
}
