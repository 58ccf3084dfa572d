package org.industriallmonitor.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.replica.ReplicaTheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The verifier on markup alone (the replica's pages rendered to strings): a set of selectors passes
 * only when every reference article renders as its known text byte for byte and every known item
 * reads its exact title, date and teaser; else it says the first difference.
 */
class SelectorVerifierTest {
  private final SelectorVerifier verifier = new SelectorVerifier(RenderedReplica.URLS);

  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void theSelectorsLearnedOnEachThemeVerify(ReplicaTheme theme) throws Exception {
    FetchedReferences references = RenderedReplica.of(theme).contractReferences();
    Selectors learned = new SelectorLearner(RenderedReplica.URLS)
        .learn(references.articles(), references.listings(), RenderedReplica.contract().regions()).selectors();

    assertThat(references.articles()).hasSize(2);
    assertThat(references.listings()).isNotEmpty();
    assertThat(verifier.verify(learned, references.articles(), references.listings())).isEmpty();
  }

  @Test
  void theDefaultsVerifyOnTheContractsMarkup() throws Exception {
    FetchedReferences references = RenderedReplica.of(ReplicaTheme.CONTRACT).contractReferences();

    assertThat(verifier.verify(Selectors.defaults(), references.articles(), references.listings())).isEmpty();
  }

  /** Selectors of another markup: the layout error the crawl would meet, at the first reference article. */
  @Test
  void theDefaultsOnAnotherMarkupAreTheLayoutErrorTheCrawlWouldMeet() throws Exception {
    FetchedReferences references = RenderedReplica.of(ReplicaTheme.WORDPRESS).contractReferences();

    assertThat(verifier.verify(Selectors.defaults(), references.articles(), references.listings())).hasValueSatisfying(problem ->
        assertThat(problem).startsWith("layout changed at " + references.articles().get(0).known().url() + ": "));
  }

  /** One character of the known text differs from what the page renders: refused, at that character. */
  @Test
  void anArticleThatRendersOneCharacterOffIsRefusedAtThatCharacter() throws Exception {
    FetchedReferences references = RenderedReplica.of(ReplicaTheme.CONTRACT).contractReferences();
    KnownArticle known = references.articles().get(1).known();
    int at = known.text().length() - 1;
    String changed = known.text().substring(0, at) + (known.text().charAt(at) == '!' ? '?' : '!');
    List<ArticleReference> articles = new ArrayList<>(references.articles());
    articles.set(1, new ArticleReference(KnownArticle.of(known.url(), changed).orElseThrow(), references.articles().get(1).html()));

    assertThat(verifier.verify(Selectors.defaults(), articles, references.listings()))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith(known.url() + ": the article renders differently, from character "
            + at + ": \""));
  }

  /** A known item the page shows with another teaser: refused, naming the page and the item. */
  @Test
  void aKnownItemReadWithAnotherTeaserIsRefused() throws Exception {
    FetchedReferences references = RenderedReplica.of(ReplicaTheme.CONTRACT).contractReferences();
    ListingReference page = references.listings().get(0);
    String title = page.known().titles().stream().filter(t -> page.html().contains(t)).findFirst().orElseThrow();
    List<String> lines = page.known().lines().stream().map(l -> l.startsWith(title) ? l + " (edited)" : l).toList();
    ListingReference edited = new ListingReference(new KnownListing(page.known().region(), page.known().titles(), lines), page.from(),
        page.url(), page.html());

    assertThat(verifier.verify(Selectors.defaults(), references.articles(), List.of(edited)))
        .contains(page.url() + ": the item \"" + TextDifference.shorten(title) + "\" reads another date or teaser");
    assertThat(verifier.verify(Selectors.defaults(), references.articles(), List.of(page))).isEmpty();
  }
}
