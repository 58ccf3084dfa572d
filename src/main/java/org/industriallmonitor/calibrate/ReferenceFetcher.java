package org.industriallmonitor.calibrate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.PageFetcher;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.SiteText;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.site.SiteReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Fetches the pages a calibration needs: each reference article, and for each known listing the
 * pages of the country's listing that hold its known items (walked from the first, since relevance
 * may put them anywhere, until all are found or a page after the found ones holds none). Through
 * the site's fetcher, so its pacing and robots rules hold. Keeps nothing between calls.
 */
final class ReferenceFetcher {
  /** Where the pages come from: the site, or (in tests) pages rendered without a server. Empty when a page cannot be had. */
  @FunctionalInterface
  interface Pages {
    Optional<String> html(String url) throws InterruptedException;
  }

  private final SiteUrls urls;
  private final Pages pages;
  private final int maxListingPages;

  /** Fetches through {@code site}'s fetcher, looking at {@code maxListingPages} pages of a listing at most. */
  ReferenceFetcher(SiteReader site, int maxListingPages) {
    this(site.urls(), url -> fetch(site.fetcher(), url), maxListingPages);
  }

  ReferenceFetcher(SiteUrls urls, Pages pages, int maxListingPages) {
    this.urls = urls;
    this.pages = pages;
    this.maxListingPages = maxListingPages;
  }

  FetchedReferences fetch(List<KnownArticle> articles, List<KnownListing> listings) throws InterruptedException {
    int requests = 0;
    List<ArticleReference> articlePages = new ArrayList<>();
    for (KnownArticle known : articles) {
      requests++;
      Optional<String> html = pages.html(known.url());
      if (html.isPresent()) {
        articlePages.add(new ArticleReference(known, html.get()));
      }
    }
    List<ListingReference> listingPages = new ArrayList<>();
    for (KnownListing listing : listings) {
      requests += walk(listing, listingPages);
    }
    return new FetchedReferences(articlePages, listingPages, requests);
  }

  /** Adds to {@code found} the pages of the listing that hold its known items; returns the requests made. */
  private int walk(KnownListing listing, List<ListingReference> found) throws InterruptedException {
    int requests = 0;
    boolean foundAny = false;
    Set<String> missing = new HashSet<>(listing.titles());
    for (int page = 0, from = 0; page < maxListingPages && !missing.isEmpty(); page++, from += 10) {
      String url = urls.listing(listing.region(), from);
      requests++;
      Optional<String> html = pages.html(url);
      if (html.isEmpty()) {
        break;
      }
      boolean any = false;
      for (Element e : Jsoup.parse(html.get(), url).getAllElements()) {
        if (missing.remove(SiteText.of(e))) {
          any = true;
        }
      }
      if (any) {
        found.add(new ListingReference(listing, from, url, html.get()));
        foundAny = true;
      } else if (foundAny) {
        break;
      }
    }
    return requests;
  }

  private static Optional<String> fetch(PageFetcher fetcher, String url) throws InterruptedException {
    try {
      return Optional.of(fetcher.fetch(url, Validators.NONE).body());
    } catch (FetchException e) {
      return Optional.empty();
    }
  }
}
