package org.industriallmonitor.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
}
