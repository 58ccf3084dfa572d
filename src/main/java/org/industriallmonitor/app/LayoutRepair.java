package org.industriallmonitor.app;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.calibrate.Calibrator;
import org.industriallmonitor.calibrate.References;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.config.SiteConfig;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingParser;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.site.Site;
import org.industriallmonitor.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crawl that met a layout error does about it: calibrates against what the archive knows
 * exactly ({@code site.repair_pages} of its newest articles and the country's first listing
 * page, fetched again, paced as usual), and when the learned selectors reproduce those texts byte
 * for byte, keeps them in the state and switches the site's reader to them. Otherwise (or with
 * {@code site.self_repair: false}) nothing changes, and the best proposal is described.
 */
final class LayoutRepair {
  private static final Logger log = LoggerFactory.getLogger(LayoutRepair.class);

  private final Site site;
  private final Store store;
  private final Archive archive;
  private final Clock clock;

  LayoutRepair(Site site, Store store, Archive archive, Clock clock) {
    this.site = site;
    this.store = store;
    this.archive = archive;
    this.clock = clock;
  }

  /** A selector that changed: its key, the one in force before, the one learned. */
  record Change(String key, String before, String after) {
    @Override
    public String toString() {
      return key + ": \"" + before + "\" -> \"" + after + "\"";
    }
  }

  /** What the attempt came to: the changes applied, or (not applied) a description of the best proposal and how it differs. */
  record Outcome(boolean applied, List<Change> changes, String proposal) {}

  /** The address in a layout error's message: {@code layout changed at URL: ...}. */
  private static final java.util.regex.Pattern FAILED_AT = java.util.regex.Pattern.compile("^layout changed at (\\S+): ");

  /**
   * Tries to repair the layout error {@code problem} of a crawl of {@code country}, listed on the site
   * under {@code siteRegion} now. Empty when the archive holds nothing to calibrate against (the first
   * crawl, say).
   */
  Optional<Outcome> attempt(CountryConfig country, int siteRegion, SiteConfig config, String problem) throws InterruptedException {
    java.util.regex.Matcher at = FAILED_AT.matcher(problem);
    String failingPage = at.find() ? at.group(1) : null;
    References references;
    try {
      references = ArchiveReferences.articles(store, archive, config.repairPages())
          .plus(ArchiveReferences.firstListingPage(archive, country.region(), siteRegion));
    } catch (IOException e) {
      log.warn("{}: cannot read the archive to repair the layout: {}", country.name(), e.getMessage());
      return Optional.empty();
    }
    if (references.articles().isEmpty()) {
      return Optional.empty();
    }
    Calibrator.Result result = new Calibrator(site.reader(), 1).calibrate(references.articles(), references.listings(), references.regions());
    Selectors before = site.selectors();
    Selectors after = config.selectorsWith(result.selectors());
    List<Change> changes = changes(before, after);
    if (!result.complete()) {
      String missing = String.join(", ", result.fields().stream().filter(f -> !f.learned()).map(f -> f.key() + " (" + f.problem() + ")").toList());
      return Optional.of(new Outcome(false, changes, "calibration against " + references.articles().size() + " archived articles proposes "
          + (changes.isEmpty() ? "no change" : changes.toString()) + (missing.isEmpty() ? "" : "; not learned: " + missing)
          + (result.verified() ? "" : "; not verified: " + result.verification())));
    }
    if (changes.isEmpty()) {
      return Optional.of(new Outcome(false, changes, "calibration against the archive finds the selectors in force right:"
          + " the page that failed differs from the others"));
    }
    Optional<String> stillBroken = failingPageWith(failingPage, after);
    if (stillBroken.isPresent()) {
      return Optional.of(new Outcome(false, changes, "calibration proposes " + changes + ", but the page that failed does not read"
          + " with them either (" + stillBroken.get() + "): that page differs from the others"));
    }
    if (!config.selfRepair()) {
      return Optional.of(new Outcome(false, changes, "calibration proposes " + changes + " (verified; site.self_repair is false, so"
          + " nothing was changed: run `calibrate` to apply it)"));
    }
    store.learnedSelectors().replaceAll(result.selectors(), clock.instant());
    site.learn(result.selectors());
    log.warn("{}: layout repaired: {}", country.name(), changes);
    return Optional.of(new Outcome(true, changes, null));
  }

  /** Empty when the page that failed reads with {@code selectors}; else why not. */
  private Optional<String> failingPageWith(String url, Selectors selectors) throws InterruptedException {
    if (url == null) {
      return Optional.empty();
    }
    SiteUrls urls = site.reader().urls();
    try {
      String html = site.reader().fetcher().fetch(url, Validators.NONE).body();
      if (urls.isListing(url)) {
        new ListingParser(selectors, urls).parse(html, url);
      } else {
        new ArticleParser(selectors).parse(html, url, urls.slugOf(url).orElse(url));
      }
      return Optional.empty();
    } catch (LayoutException e) {
      return Optional.of(e.getMessage());
    } catch (FetchException e) {
      return Optional.of("cannot fetch it again: " + e.getMessage());
    }
  }

  private static List<Change> changes(Selectors before, Selectors after) {
    Map<String, String> old = before.byKey();
    List<Change> changes = new ArrayList<>();
    after.byKey().forEach((key, selector) -> {
      if (!selector.equals(old.get(key))) {
        changes.add(new Change(key, old.get(key), selector));
      }
    });
    return changes;
  }
}
