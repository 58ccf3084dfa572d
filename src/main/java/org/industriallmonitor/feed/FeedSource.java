package org.industriallmonitor.feed;

import java.util.List;
import org.industriallmonitor.fetch.Accepts;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.PageFetcher;
import org.industriallmonitor.fetch.Validators;

/**
 * Polls the site-wide feed with a conditional request: an unchanged feed costs one 304 and no
 * parsing. Goes through the site's fetcher, so it shares the host's pacer and robots rules with
 * the walks.
 */
public final class FeedSource {
  private final PageFetcher fetcher;
  private final FeedParser parser;
  private final String url;

  public FeedSource(PageFetcher fetcher, FeedParser parser, String url) {
    this.fetcher = fetcher;
    this.parser = parser;
    this.url = url;
  }

  /** Polls the feed, sending the validators of the last answer. */
  public Poll poll(Validators previous) throws FetchException, UnreadableFeedException, InterruptedException {
    FetchResult result = fetcher.fetch(url, previous, Accepts.FEED);
    if (result.notModified()) {
      return new Poll(true, List.of(), previous);
    }
    return new Poll(false, parser.parse(url, result.bytes()), result.validators());
  }

  /** One poll's answer: unchanged, or the feed's items (newest first, as the feed lists them). */
  public record Poll(boolean notModified, List<FeedItem> items, Validators validators) {
    public Poll {
      items = List.copyOf(items);
    }
  }
}
