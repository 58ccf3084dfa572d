package org.industriallmonitor.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.industriallmonitor.testing.Contract;
import org.junit.jupiter.api.Test;

/** The replica serves the contract's pages byte for byte, so tests against it test the real markup. */
class ReplicaPagesTest {
  private final ReplicaCatalog contractCountries = ReplicaCatalog.standard().onlyCountries(364, 169);

  @Test
  void kazakhstanListingFrom40IsTheContractPage() {
    String html = ReplicaPages.listing(contractCountries, 169, contractCountries.listing(169, 40));

    assertThat(html.getBytes(StandardCharsets.UTF_8)).isEqualTo(Contract.bytes(Contract.LISTING_KAZAKHSTAN_40));
  }

  @Test
  void articlePagesAreTheContractPages() {
    assertThat(articleHtml("kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights"))
        .isEqualTo(Contract.bytes(Contract.ARTICLE_STRUGGLE));
    assertThat(articleHtml("organizing-leads-to-massive-increase-of-the-union-membership-in-kyrgyzstan"))
        .isEqualTo(Contract.bytes(Contract.ARTICLE_ORGANIZING));
  }

  @Test
  void standardCatalogHasThreeCountriesOfSeveralPagesAndASharedArticle() {
    ReplicaCatalog catalog = ReplicaCatalog.standard();

    assertThat(catalog.countries()).extracting(ReplicaCountry::name).containsExactly("Kyrgyzstan", "Kazakhstan", "Uzbekistan");
    for (ReplicaCountry country : catalog.countries()) {
      assertThat(catalog.listing(country.region(), 0).total()).isGreaterThan(2 * ReplicaCatalog.PAGE_SIZE);
    }
    assertThat(catalog.article("young-unionists-from-central-asia-demand-attention-to-youth-policy").orElseThrow().regions())
        .containsExactly(364, 169);
    assertThat(catalog.listing(364, 10).articles()).extracting(ReplicaArticle::slug)
        .contains("young-unionists-from-central-asia-demand-attention-to-youth-policy");
    assertThat(catalog.listing(169, 40).articles()).extracting(ReplicaArticle::slug)
        .contains("young-unionists-from-central-asia-demand-attention-to-youth-policy");
  }

  @Test
  void lastPageHasNoNextLinkAndAnUnknownRegionHasNoResults() {
    ReplicaCatalog catalog = ReplicaCatalog.standard();
    String last = ReplicaPages.listing(catalog, 169, catalog.listing(169, 50));
    String none = ReplicaPages.listing(catalog, 999, catalog.listing(999, 0));

    assertThat(last).contains("Showing 51-55 of 55 results").doesNotContain("rel=\"next\"").contains("rel=\"prev\"");
    assertThat(none).contains("<div class=\"search-results__summary\">No results</div>");
  }

  private byte[] articleHtml(String slug) {
    return ReplicaPages.article(contractCountries, contractCountries.article(slug).orElseThrow()).getBytes(StandardCharsets.UTF_8);
  }
}
