package org.industriallmonitor.calibrate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.CountryNames;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.PageFetcher;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.ListingParser;
import org.industriallmonitor.parse.ResultRange;
import org.industriallmonitor.parse.SiteText;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.site.SiteReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Fetches the pages a calibration needs: each reference article, and for each known listing the
 * pages that hold its known items (an item counts when the page reads its title, and its date
 * followed by its teaser: never by its position). They are looked for, until some are found, in
 * turn: under the id the items were listed under (walked from the first page, since relevance may
 * put them anywhere, until all are found, a page after the found ones holds none, or the listing
 * ends); under the configured countries that answer to the items' country name (a migration may
 * have renumbered it; every page of their listings); when such a country's configured id finds
 * nothing, under the id the site's own country list gives its name now (the links of the pages
 * already fetched); and through the site's search for the items' titles. Never more than the
 * {@link Reach}'s request budget. Through the site's fetcher, so its pacing and robots rules hold.
 * Keeps nothing between calls.
 */
final class ReferenceFetcher {
  /** Where the pages come from: the site, or (in tests) pages rendered without a server. Empty when a page cannot be had. */
  @FunctionalInterface
  interface Pages {
    Optional<String> html(String url) throws InterruptedException;
  }

  /**
   * How far the known listing items are looked for: {@code listingPages} pages at most of the listing of the id they
   * were listed under; every page of the listings of {@code countries} that answer to their country's name; when
   * {@code search}, the listing of the id the site's country list gives such a country's name, then the site's search
   * for their titles; and {@code budget} requests at most in all (articles included).
   */
  record Reach(int listingPages, int budget, List<CountryConfig> countries, boolean search) {
    Reach {
      countries = List.copyOf(countries);
    }

    /** Only the listing of the id the items were listed under, {@code listingPages} pages of it at most, unbudgeted. */
    static Reach listingOnly(int listingPages) {
      return new Reach(listingPages, Integer.MAX_VALUE, List.of(), false);
    }
  }

  /** The requests a fetch may still make; a share of it counts against it too. */
  private static final class Budget {
    private final int limit;
    private final Budget whole;
    private int used;

    Budget(int limit) {
      this(limit, null);
    }

    private Budget(int limit, Budget whole) {
      this.limit = limit;
      this.whole = whole;
    }

    /** Counts one request, or says there is none left. */
    boolean take() {
      if (used >= limit || whole != null && !whole.take()) {
        return false;
      }
      used++;
      return true;
    }

    int left() {
      return limit - used;
    }

    boolean unlimited() {
      return limit == Integer.MAX_VALUE;
    }

    /** An equal share of what is left among {@code parts} (at least one request): one listing cannot starve the next. */
    Budget share(int parts) {
      return new Budget(Math.max(1, left() / Math.max(1, parts)), this);
    }
  }

  /** The requests of a listing's share that its walks leave for searching its titles: a few, the first title is usually enough. */
  static final int KEPT_FOR_SEARCH = 3;
  private static final Pattern REGIONS = Pattern.compile("[?&]regions=(\\d+)");

  private final SiteUrls urls;
  private final Pages pages;
  private final Reach reach;

  /** Fetches through {@code site}'s fetcher, as far as {@code reach} says. */
  ReferenceFetcher(SiteReader site, Reach reach) {
    this(site.urls(), url -> fetch(site.fetcher(), url), reach);
  }

  /** Looks at {@code maxListingPages} pages of a listing at most, and nowhere else. */
  ReferenceFetcher(SiteUrls urls, Pages pages, int maxListingPages) {
    this(urls, pages, Reach.listingOnly(maxListingPages));
  }

  ReferenceFetcher(SiteUrls urls, Pages pages, Reach reach) {
    this.urls = urls;
    this.pages = pages;
    this.reach = reach;
  }

  FetchedReferences fetch(List<KnownArticle> articles, List<KnownListing> listings) throws InterruptedException {
    Budget budget = new Budget(reach.budget());
    List<ArticleReference> articlePages = new ArrayList<>();
    for (KnownArticle known : articles) {
      if (!budget.take()) {
        break;
      }
      Optional<String> html = pages.html(known.url());
      if (html.isPresent()) {
        articlePages.add(new ArticleReference(known, html.get()));
      }
    }
    List<ListingReference> listingPages = new ArrayList<>();
    for (int i = 0; i < listings.size(); i++) {
      listingPages.addAll(find(listings.get(i), budget.unlimited() ? budget : budget.share(listings.size() - i)));
    }
    return new FetchedReferences(articlePages, listingPages, budget.used);
  }

  /** The pages that hold {@code listing}'s items, from the first place that has any. */
  private List<ListingReference> find(KnownListing listing, Budget budget) throws InterruptedException {
    Set<String> missing = new HashSet<>(listing.titles());
    List<ListingReference> found = new ArrayList<>();
    int keep = reach.search() ? KEPT_FOR_SEARCH : 0;
    List<Document> seen = new ArrayList<>();
    walk(listing, listing.region(), reach.listingPages(), "region " + listing.region(), missing, found, budget, keep, seen);
    Set<Integer> walked = new HashSet<>(Set.of(listing.region()));
    for (CountryConfig country : reach.countries()) {
      if (!found.isEmpty()) {
        return found;
      }
      if (listing.country() != null && country.answersTo(listing.country()) && walked.add(country.region())) {
        walk(listing, country.region(), Integer.MAX_VALUE, "configured country " + country.name() + ", region " + country.region(),
            missing, found, budget, keep, seen);
      }
    }
    // A configured country of the name whose id the site no longer lists (a migration renumbered it, the configuration
    // is behind): the site's own country list, on the pages already fetched, gives its id now.
    boolean configured = listing.country() != null && reach.countries().stream().anyMatch(c -> c.answersTo(listing.country()));
    if (found.isEmpty() && configured && reach.search()) {
      for (int region : idsNamed(listing.country(), seen)) {
        if (found.isEmpty() && walked.add(region)) {
          walk(listing, region, Integer.MAX_VALUE, "the site's country list: " + listing.country() + ", region " + region, missing, found,
              budget, keep, new ArrayList<>());
        }
      }
    }
    if (found.isEmpty() && reach.search()) {
      search(listing, missing, found, budget);
    }
    return found;
  }

  /**
   * The ids of the links to a country listing ({@code regions=N}) whose text is {@code country}'s name (or a name a configured
   * country of that name answers to: an alias), on {@code pages}: in any markup, a listing page links the site's countries.
   */
  private List<Integer> idsNamed(String country, List<Document> pages) {
    Set<Integer> ids = new LinkedHashSet<>();
    for (Document page : pages) {
      for (Element link : page.select("a[href*=regions=]")) {
        Matcher id = REGIONS.matcher(link.attr("href"));
        String name = SiteText.of(link);
        if (id.find() && !name.isEmpty() && (CountryNames.same(name, country)
            || reach.countries().stream().anyMatch(c -> c.answersTo(country) && c.answersTo(name)))) {
          ids.add(Integer.parseInt(id.group(1)));
        }
      }
    }
    return List.copyOf(ids);
  }

  /**
   * Adds to {@code found} the pages of {@code region}'s listing that hold known items, leaving {@code keep} requests of the
   * budget; adds each page fetched to {@code seen}.
   */
  private void walk(KnownListing listing, int region, int maxPages, String where, Set<String> missing, List<ListingReference> found,
      Budget budget, int keep, List<Document> seen) throws InterruptedException {
    boolean foundAny = false;
    for (int page = 0, from = 0; page < maxPages && !missing.isEmpty(); page++, from += 10) {
      if (budget.left() <= keep || !budget.take()) {
        return;
      }
      String url = urls.listing(region, from);
      Optional<String> html = pages.html(url);
      if (html.isEmpty()) {
        return;
      }
      Document doc = Jsoup.parse(html.get(), url);
      seen.add(doc);
      if (holdsKnownItems(listing, doc, missing)) {
        found.add(new ListingReference(listing, from, url, html.get(), region, where));
        foundAny = true;
      } else if (foundAny) {
        return;
      }
      if (lastPage(doc, from)) {
        return;
      }
    }
  }

  /**
   * Adds to {@code found} the first search page for one of the items' titles that holds a known item: the site's
   * search ({@code search?query=}) ranks a title's article first, wherever its countries' ids went.
   */
  private void search(KnownListing listing, Set<String> missing, List<ListingReference> found, Budget budget)
      throws InterruptedException {
    for (String title : listing.titles()) {
      if (!missing.contains(title)) {
        continue;
      }
      if (!budget.take()) {
        return;
      }
      String url = urls.base() + "/search?query=" + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&language=en";
      Optional<String> html = pages.html(url);
      if (html.isPresent() && holdsKnownItems(listing, Jsoup.parse(html.get(), url), missing)) {
        found.add(new ListingReference(listing, 0, url, html.get(), null, "search for \"" + TextDifference.shorten(title) + "\""));
        return;
      }
    }
  }

  /** Whether the page reads a missing known item whole (its title, and its date followed by its teaser); those read are no longer missing. */
  private static boolean holdsKnownItems(KnownListing listing, Document doc, Set<String> missing) {
    Set<String> texts = new HashSet<>();
    for (Element e : doc.getAllElements()) {
      texts.add(SiteText.of(e));
    }
    return missing.removeIf(title -> texts.contains(title) && listing.readOn(title, texts));
  }

  /**
   * True when the page's summary (a short text that reads as this page's range: {@code Showing 41-50 of 55 results},
   * {@code No results}, in any markup) says it shows the listing's last results, or none: there is no page after it.
   */
  private static boolean lastPage(Document doc, int from) {
    for (Element e : doc.getAllElements()) {
      String text = SiteText.of(e);
      if (text.length() < 120) {
        Optional<ResultRange> range = ListingParser.range(text);
        if (range.isPresent() && (range.get().equals(ResultRange.EMPTY) || range.get().first() == from + 1)) {
          return range.get().isLastPage();
        }
      }
    }
    return false;
  }

  private static Optional<String> fetch(PageFetcher fetcher, String url) throws InterruptedException {
    try {
      return Optional.of(fetcher.fetch(url, Validators.NONE).body());
    } catch (FetchException e) {
      return Optional.empty();
    }
  }
}
