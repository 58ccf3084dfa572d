package org.industriallmonitor.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.industriallmonitor.fetch.Accepts;
import org.industriallmonitor.fetch.Deadline;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.parse.ListingPage;
import org.industriallmonitor.site.SiteReader;

/**
 * The site-wide listing, newest first ({@code source: latest}): the first page with a conditional
 * request, then the next pages while every item of a page is unknown (a burst of publishing
 * longer than a page), up to {@code site.max_pages} and while the poll's budget lasts: the pages
 * read are kept when it runs out after the first, and what the unread ones list is left to the walks.
 */
public final class LatestSource implements EarlyWarningSource {
  private final SiteReader site;

  public LatestSource(SiteReader site) {
    this.site = site;
  }

  @Override
  public String url() {
    return site.urls().latest(0);
  }

  @Override
  public Poll poll(Validators previous, Predicate<String> known) throws FetchException, UnreadableFeedException, InterruptedException {
    Deadline budget = EarlyWarningSource.budget(site.fetcher());
    FetchResult first = site.fetcher().fetch(url(), previous, Accepts.HTML, budget);
    if (first.notModified()) {
      return Poll.unchanged(previous);
    }
    List<FeedItem> items = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    ListingPage page = read(first);
    int from = 0;
    for (int pages = 1; ; pages++) {
      boolean allUnknown = !page.items().isEmpty();
      for (ListingItem item : page.items()) {
        allUnknown &= !known.test(item.slug());
        if (slugs.add(item.slug())) {
          items.add(new FeedItem(item.slug(), item.url(), item.title(), Optional.empty()));
        }
      }
      String next = page.nextUrl();
      if (!allUnknown || next == null || !site.urls().isListing(next) || pages >= site.maxPages()) {
        break;
      }
      if (budget.passed()) {
        break; // as at max_pages: what the unread pages list is left to the walks
      }
      // The next page by offset in the listing's own address: a pager link may add a sort order (relevance) that is not newest first.
      from += page.items().size();
      FetchResult more;
      try {
        more = site.fetcher().fetch(site.urls().latest(from), Validators.NONE, Accepts.HTML, budget);
      } catch (FetchException e) {
        if (budget.passed()) {
          break; // the budget ran out on this page: keep the pages read
        }
        throw e;
      }
      page = read(more);
    }
    return new Poll(false, items, first.validators());
  }

  private ListingPage read(FetchResult result) throws UnreadableFeedException {
    try {
      return site.listingParser().parse(result.body(), result.url());
    } catch (LayoutException e) {
      throw new UnreadableFeedException(result.url(), e.getMessage(), e);
    }
  }
}
