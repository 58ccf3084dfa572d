package org.industriallmonitor.calibrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.parse.Region;
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
  /** The listing pages looked at per country at most, to find its known items wherever relevance put them. */
  static final int MAX_LISTING_PAGES = 6;

  private final ReferenceFetcher fetcher;
  private final SelectorLearner learner;
  private final SelectorVerifier verifier;

  public Calibrator(SiteReader site) {
    this(site, MAX_LISTING_PAGES);
  }

  /** A calibrator that looks at {@code maxListingPages} pages of a listing at most (a repair looks at one). */
  public Calibrator(SiteReader site, int maxListingPages) {
    this.fetcher = new ReferenceFetcher(site, maxListingPages);
    this.learner = new SelectorLearner(site.urls());
    this.verifier = new SelectorVerifier(site.urls());
  }

  /** One field: its selector when learned and verified, else what was tried and how it differs. */
  public record Field(String key, String selector, String matched, String problem) {
    public boolean learned() {
      return problem == null;
    }
  }

  /** What a calibration found: every field, whether the whole set verified, and the requests it took. */
  public record Result(List<Field> fields, boolean verified, String verification, int requests) {
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
    return new Result(learned.fields(), difference.isEmpty(), difference.orElse(null), fetched.requests());
  }
}
