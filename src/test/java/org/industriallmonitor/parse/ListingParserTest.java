package org.industriallmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.replica.HostileFixtures;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaPages;
import org.junit.jupiter.api.Test;

/** Listing pages as the replica serves them, beyond the contract's one page. */
class ListingParserTest {
  private static final String BASE = "http://127.0.0.1:8088";

  @Test
  void aPageOfThousandsOfItemsIsReadWhole() throws Exception {
    ReplicaCatalog catalog = ReplicaCatalog.standard();
    HostileFixtures.addLongListing(catalog, 5000);
    String url = BASE + "/search?regions=" + HostileFixtures.LONG_LISTING_REGION + "&language=en&sort=relevance&from=0";
    String html = ReplicaPages.listing(catalog, HostileFixtures.LONG_LISTING_REGION, catalog.listing(HostileFixtures.LONG_LISTING_REGION, 0));

    ListingPage page = new ListingParser(Selectors.defaults(), new SiteUrls(URI.create(BASE))).parse(html, url);

    assertThat(page.items()).hasSize(5000);
    assertThat(page.range()).contains(new ResultRange(1, 5000, 5000));
    assertThat(page.items().get(0).slug()).isEqualTo("long-listing-item-1");
    assertThat(page.items().get(4999).slug()).isEqualTo("long-listing-item-5000");
    assertThat(page.items()).extracting(ListingItem::slug).doesNotHaveDuplicates();
    assertThat(page.regions()).contains(364, 169, HostileFixtures.LONG_LISTING_REGION);
  }

  @Test
  void summaryLinesAreReadByTheirNumbersInEveryLanguage() {
    // As the stored real pages print them.
    assertThat(ListingParser.range("Mostrando 11-20 de 33 resultados")).hasValue(new ResultRange(11, 20, 33));
    assertThat(ListingParser.range("Showing 3211-3220 sur 5753 results")).hasValue(new ResultRange(3211, 3220, 5753));
    assertThat(ListingParser.range("Showing 2261-2270 of 5,749 results")).hasValue(new ResultRange(2261, 2270, 5749));
    assertThat(ListingParser.range("Affichage de 1-10 sur 5.749 résultats")).hasValue(new ResultRange(1, 10, 5749));
    assertThat(ListingParser.range("No hay resultados")).hasValue(ResultRange.EMPTY);
    assertThat(ListingParser.range("Aucun résultat")).hasValue(ResultRange.EMPTY);
    assertThat(ListingParser.range("Нет результатов")).hasValue(ResultRange.EMPTY);
    assertThat(ListingParser.range("Buscar")).isEmpty();
  }
}
