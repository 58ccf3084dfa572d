package org.industriallmonitor.calibrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.site.SiteReader;

/**
 * Learns the selectors of markup the monitor has never seen, from pages whose text is known (the
 * calibration references, the monitor's own archive), in three steps: {@link ReferenceFetcher}
 * fetches the reference pages politely (through the site's pacer and robots rules), {@link
 * SelectorLearner} learns each field's selector from them, and {@link SelectorVerifier} checks the
 * whole set as the crawl would use it: every reference article re-rendered byte for byte, every
 * known listing item read with its exact title, date and teaser. Keeps nothing between calls: one
 * calibrator may calibrate again.
 */
public final class Calibrator {
  /** The pages of the listing of the id the known items were listed under looked at at most, wherever relevance put them. */
  static final int MAX_LISTING_PAGES = 6;
  /**
   * The requests a calibration makes at most (articles, listing pages, searches): a first calibration on the
   * contract's site takes about 10; the rest is for finding the known items when the site renumbered its countries.
   */
  public static final int REQUEST_BUDGET = 60;

  private final ReferenceFetcher fetcher;
  private final SelectorLearner learner;
  private final SelectorVerifier verifier;
  private final SiteUrls urls;
  private final int budget;

  /** A calibrator that looks for the known listing items under their ids and through the site's search. */
  public Calibrator(SiteReader site) {
    this(site, List.of());
  }

  /**
   * A calibrator that looks for the known listing items under their ids, under the {@code configured} countries of
   * their name (every page of their listings), and through the site's search, {@link #REQUEST_BUDGET} requests at most.
   */
  public Calibrator(SiteReader site, List<CountryConfig> configured) {
    this(site, new ReferenceFetcher.Reach(MAX_LISTING_PAGES, REQUEST_BUDGET, configured, true));
  }

  /** A calibrator that looks at {@code maxListingPages} pages of a listing at most, and nowhere else (a repair looks at one). */
  public Calibrator(SiteReader site, int maxListingPages) {
    this(site, ReferenceFetcher.Reach.listingOnly(maxListingPages));
  }

  private Calibrator(SiteReader site, ReferenceFetcher.Reach reach) {
    this.fetcher = new ReferenceFetcher(site, reach);
    this.learner = new SelectorLearner(site.urls());
    this.verifier = new SelectorVerifier(site.urls());
    this.urls = site.urls();
    this.budget = reach.budget();
  }

  /** One field: its selector when learned and verified, else what was tried and how it differs. */
  public record Field(String key, String selector, String matched, String problem) {
    public boolean learned() {
      return problem == null;
    }
  }

  /**
   * What a calibration found: every field, whether the whole set verified, the requests it took of its {@code budget}
   * (0: none set), and which references it found where (one line each: the articles, each known listing).
   */
  public record Result(List<Field> fields, boolean verified, String verification, int requests, int budget, List<String> references) {
    public Result {
      fields = List.copyOf(fields);
      references = List.copyOf(references);
    }

    public Result(List<Field> fields, boolean verified, String verification, int requests) {
      this(fields, verified, verification, requests, 0, List.of());
    }

    public boolean complete() {
      return verified && fields.stream().allMatch(Field::learned);
    }

    /** The learned selectors by YAML key. */
    public Map<String, String> selectors() {
      Map<String, String> learned = new LinkedHashMap<>();
      fields.stream().filter(Field::learned).forEach(f -> learned.put(f.key(), f.selector()));
      return learned;
    }
  }

  public Result calibrate(List<KnownArticle> articles, List<KnownListing> listings, Map<String, List<Region>> articleRegions)
      throws InterruptedException {
    FetchedReferences fetched = fetcher.fetch(articles, listings);
    SelectorLearner.Learned learned = learner.learn(fetched.articles(), fetched.listings(), articleRegions);
    Optional<String> difference = verifier.verify(learned.selectors(), fetched.articles(), fetched.listings());
    return new Result(learned.fields(), difference.isEmpty(), difference.orElse(null), fetched.requests(),
        budget == Integer.MAX_VALUE ? 0 : budget, found(articles, listings, fetched));
  }

  /** Which references were found where: {@code articles: 2 of 2}, then per known listing its pages and how each was found. */
  private List<String> found(List<KnownArticle> articles, List<KnownListing> listings, FetchedReferences fetched) {
    List<String> lines = new ArrayList<>();
    lines.add("articles: " + fetched.articles().size() + " of " + articles.size());
    for (KnownListing listing : listings) {
      List<String> pages = fetched.listings().stream().filter(page -> page.known() == listing)
          .map(page -> relative(page.url()) + " (" + page.where() + ")").toList();
      lines.add(listing.label() + ": " + (pages.isEmpty() ? "not found" : "on " + String.join(", ", pages)));
    }
    return lines;
  }

  private String relative(String url) {
    return url.startsWith(urls.base() + "/") ? url.substring(urls.base().length() + 1) : url;
  }
}
