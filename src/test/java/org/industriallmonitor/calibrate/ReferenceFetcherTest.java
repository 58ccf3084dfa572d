package org.industriallmonitor.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.replica.ReplicaTheme;
import org.junit.jupiter.api.Test;

/** Which pages the fetcher asks for: each reference article, and a listing's pages until its known items are all found. */
class ReferenceFetcherTest {
  private final RenderedReplica replica = RenderedReplica.of(ReplicaTheme.CONTRACT);
  private final List<String> asked = new ArrayList<>();

  private ReferenceFetcher fetcher(int maxListingPages) {
    return new ReferenceFetcher(RenderedReplica.URLS, url -> {
      asked.add(url);
      return replica.html(url);
    }, maxListingPages);
  }

  @Test
  void fetchesEachArticleAndTheListingPagesThatHoldTheKnownItems() throws Exception {
    References contract = RenderedReplica.contract();

    FetchedReferences fetched = fetcher(Calibrator.MAX_LISTING_PAGES).fetch(contract.articles(), contract.listings());

    assertThat(fetched.requests()).isEqualTo(asked.size());
    assertThat(asked).startsWith(contract.articles().get(0).url(), contract.articles().get(1).url());
    assertThat(fetched.articles()).extracting(a -> a.known().url()).containsExactly(contract.articles().get(0).url(),
        contract.articles().get(1).url());
    // Every known title is on the pages kept, and each page kept holds one at least.
    for (KnownListing listing : contract.listings()) {
      List<ListingReference> pages = fetched.listings().stream().filter(l -> l.known().region() == listing.region()).toList();
      assertThat(pages).as("region " + listing.region()).isNotEmpty()
          .allSatisfy(p -> assertThat(listing.titles()).anySatisfy(t -> assertThat(p.html()).contains(t.substring(0, 20))));
      assertThat(pages).allSatisfy(p -> assertThat(p.url()).isEqualTo(RenderedReplica.URLS.listing(listing.region(), p.from())));
    }
    // Walked from the first page, and no further than the page after the last one kept.
    for (KnownListing listing : contract.listings()) {
      int last = fetched.listings().stream().filter(l -> l.known().region() == listing.region()).mapToInt(ListingReference::from).max()
          .orElseThrow();
      assertThat(asked).contains(RenderedReplica.URLS.listing(listing.region(), 0))
          .doesNotContain(RenderedReplica.URLS.listing(listing.region(), last + 20));
    }
  }

  @Test
  void looksAtNoMoreListingPagesThanItIsAllowed() throws Exception {
    References contract = RenderedReplica.contract();

    FetchedReferences fetched = fetcher(1).fetch(List.of(), contract.listings());

    assertThat(asked).containsExactly(RenderedReplica.URLS.listing(169, 0), RenderedReplica.URLS.listing(364, 0));
    assertThat(fetched.requests()).isEqualTo(2);
    assertThat(fetched.listings()).allSatisfy(p -> assertThat(p.from()).isZero());
  }

  /** A page that cannot be had is left out and counted; the others are still fetched. */
  @Test
  void anArticleThatCannotBeFetchedIsLeftOut() throws Exception {
    References contract = RenderedReplica.contract();
    String missing = contract.articles().get(0).url();
    ReferenceFetcher fetcher = new ReferenceFetcher(RenderedReplica.URLS, url -> url.equals(missing) ? Optional.empty() : replica.html(url), 6);

    FetchedReferences fetched = fetcher.fetch(contract.articles(), List.of());

    assertThat(fetched.articles()).extracting(a -> a.known().url()).containsExactly(contract.articles().get(1).url());
    assertThat(fetched.requests()).isEqualTo(2);
  }

  /** Nothing kept between calls: the same references give the same pages and the same count again. */
  @Test
  void fetchingAgainGivesTheSameAndCountsAfresh() throws Exception {
    References contract = RenderedReplica.contract();
    ReferenceFetcher fetcher = fetcher(Calibrator.MAX_LISTING_PAGES);

    FetchedReferences once = fetcher.fetch(contract.articles(), contract.listings());
    FetchedReferences again = fetcher.fetch(contract.articles(), contract.listings());

    assertThat(again).isEqualTo(once);
    assertThat(asked).hasSize(2 * once.requests());
  }

  /**
   * Issue 34: where the known items are nowhere (every listing endless, every search full of other items), the fetcher
   * asks for no more than its budget, and each listing gets its share: the first cannot starve the second's search.
   */
  @Test
  void asksForNoMoreThanItsBudgetWhenTheKnownItemsAreNowhere() throws Exception {
    References contract = RenderedReplica.contract();
    List<CountryConfig> configured = List.of(new CountryConfig("Kazakhstan", 9169), new CountryConfig("Kyrgyzstan", 9364));
    ReferenceFetcher.Reach reach = new ReferenceFetcher.Reach(Calibrator.MAX_LISTING_PAGES, 25, configured, true);
    ReferenceFetcher fetcher = new ReferenceFetcher(RenderedReplica.URLS, url -> {
      asked.add(url);
      return Optional.of(endlessPage(url));
    }, reach);

    FetchedReferences fetched = fetcher.fetch(contract.articles(), contract.listings());

    assertThat(fetched.listings()).isEmpty();
    assertThat(fetched.requests()).isEqualTo(asked.size()).isEqualTo(25);
    // Each place in turn: the contract's id (its page cap), the configured country of the name (every page), the search.
    assertThat(asked).contains(RenderedReplica.URLS.listing(169, 50)).doesNotContain(RenderedReplica.URLS.listing(169, 60))
        .contains(RenderedReplica.URLS.listing(9169, 0), RenderedReplica.URLS.listing(364, 0), RenderedReplica.URLS.listing(9364, 0))
        .doesNotContain(RenderedReplica.URLS.listing(9364, 10 * 25));
    assertThat(asked.stream().filter(u -> u.contains("search?query=")).count()).isEqualTo(2L * ReferenceFetcher.KEPT_FOR_SEARCH);
    assertThat(asked).noneMatch(u -> u.contains("regions=366"));
  }

  /** A listing page of 10 results out of a million, none of them known, with a link to the next page. */
  private static String endlessPage(String url) {
    var from = java.util.regex.Pattern.compile("[?&]from=(\\d+)").matcher(url);
    int first = from.find() ? Integer.parseInt(from.group(1)) : 0;
    return "<html><body><p>Showing " + (first + 1) + "-" + (first + 10) + " of 1000000 results</p>"
        + "<ul><li><a href=\"/some-article\">Some article</a><p>1 May, 2020 Some teaser</p></li></ul>"
        + "<a href=\"" + url.replaceAll("&from=\\d+", "") + "&from=" + (first + 10) + "\">Next</a></body></html>";
  }

  /** Issue 34: a page that shows a known title without its date and teaser (a related box, another item of that name) is no reference. */
  @Test
  void aKnownTitleWithoutItsDateAndTeaserDoesNotMakeAReferencePage() throws Exception {
    References contract = RenderedReplica.contract();
    KnownListing kazakhstan = contract.listings().get(0);
    String teaser = kazakhstan.dateAndTeaser(kazakhstan.titles().get(0)).orElseThrow();
    ReferenceFetcher fetcher = new ReferenceFetcher(RenderedReplica.URLS, url -> {
      asked.add(url);
      // Every known item's title is on the page, each teaser's first letter changed.
      return replica.html(url).map(html -> html.replaceAll("(<span class=\"date\">[^<]*</span>)(\\S)", "$1~$2"));
    }, Calibrator.MAX_LISTING_PAGES);

    FetchedReferences fetched = fetcher.fetch(List.of(), List.of(kazakhstan));

    assertThat(replica.html(RenderedReplica.URLS.listing(169, 40)).orElseThrow()).contains(kazakhstan.titles().get(0));
    assertThat(teaser).isNotEmpty();
    assertThat(fetched.listings()).isEmpty();
    // The listing's end read from its summary: no page after the last one (55 results).
    assertThat(asked).contains(RenderedReplica.URLS.listing(169, 50)).hasSize(6);
  }
}
