package org.industriallmonitor.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.industriallmonitor.calibrate.Calibrator.Field;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.parse.SiteText;
import org.industriallmonitor.replica.ReplicaSidebar;
import org.industriallmonitor.replica.ReplicaTheme;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The learner on markup alone: the replica's pages rendered to strings in each theme (no server, no
 * fetch), with the contract's references. Every field's selector, and the refusals: a copy of the
 * body in a sidebar or in repeated cards is not the body, two copies that nothing tells apart are
 * no choice, and a known text that no element holds says which element comes closest.
 */
class SelectorLearnerTest {
  private final SelectorLearner learner = new SelectorLearner(RenderedReplica.URLS);

  private SelectorLearner.Learned learn(FetchedReferences references) {
    return learner.learn(references.articles(), references.listings(), RenderedReplica.contract().regions());
  }

  private SelectorLearner.Learned learn(ReplicaTheme theme, ReplicaSidebar sidebar) throws InterruptedException {
    return learn(RenderedReplica.of(theme, sidebar).contractReferences());
  }

  /** The learned selectors by key, as the calibration's result gives them. */
  private static Map<String, String> selectors(SelectorLearner.Learned learned) {
    return new Calibrator.Result(learned.fields(), true, null, 0).selectors();
  }

  private static Field field(SelectorLearner.Learned learned, String key) {
    return learned.fields().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no field " + key));
  }

  private static Map<String, String> expected(ReplicaTheme theme) {
    return switch (theme) {
      case CONTRACT -> Map.ofEntries(entry("article_title", "span.field--name-title"), entry("article_body", "div.article-body"),
          entry("article_lead", "div.article-lead"), entry("article_date", "span.date"),
          entry("article_published", "meta[property=\"article:published_time\"]"), entry("article_regions", "a.tag"),
          entry("article_themes", "a.tag--themes"), entry("article_translations", "a[hreflang]"),
          entry("listing_item", "article.node--type-article"), entry("item_link", "a[hreflang]"),
          entry("item_teaser", "div.search-result__teaser"), entry("item_date", "span.date"),
          entry("listing_summary", "div.search-results__summary"), entry("next_page", "a[rel=\"next\"]"),
          entry("region_facets", "a[data-region]"));
      case WORDPRESS -> Map.ofEntries(entry("article_title", "h1.entry-title"), entry("article_body", "div.entry-content"),
          entry("article_lead", "article p"), entry("article_date", "time.entry-date"),
          entry("article_published", "meta[property=\"article:published_time\"]"), entry("article_regions", "a[rel=\"tag\"]"),
          entry("article_themes", "a[rel=\"category tag\"]"), entry("article_translations", "a[hreflang]"),
          entry("listing_item", "article.format-standard"), entry("item_link", "a[rel=\"bookmark\"]"), entry("item_teaser", "p"),
          entry("item_date", "time.entry-date"), entry("listing_summary", "p.search-count"), entry("next_page", "a.next"),
          entry("region_facets", "section a[href*='regions=']"));
      case BARE -> Map.ofEntries(entry("article_title", "article h1"), entry("article_body", "article section"),
          entry("article_lead", "article p"), entry("article_date", "article time"),
          entry("article_published", "meta[property=\"article:published_time\"]"), entry("article_regions", "a[href*='regions=']"),
          entry("article_themes", "a[href*='themes=']"), entry("article_translations", "a[hreflang]"), entry("listing_item", "main li"),
          entry("item_link", "a"), entry("item_teaser", "p"), entry("item_date", "time"), entry("listing_summary", "main p"),
          entry("next_page", "a[rel=\"next\"]"), entry("region_facets", "aside a[href*='regions=']"));
    };
  }

  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void learnsEveryFieldOfEachTheme(ReplicaTheme theme) throws Exception {
    SelectorLearner.Learned learned = learn(theme, ReplicaSidebar.NONE);

    assertThat(learned.fields()).allSatisfy(f -> assertThat(f.problem()).as(f.key()).isNull());
    assertThat(selectors(learned)).containsExactlyInAnyOrderEntriesOf(expected(theme));
    // The set to verify is the learned selectors, not the defaults they replace.
    expected(theme).forEach((key, selector) -> assertThat(learned.selectors().byKey()).containsEntry(key, selector));
  }

  /** The known text each field was learned from is the reference's: the first article's title, its lede, its printed date. */
  @Test
  void eachFieldSaysWhatKnownTextItReads() throws Exception {
    SelectorLearner.Learned learned = learn(ReplicaTheme.CONTRACT, ReplicaSidebar.NONE);
    KnownArticle first = RenderedReplica.contract().articles().get(0);

    assertThat(field(learned, "article_title").matched()).isEqualTo(first.title());
    assertThat(field(learned, "article_lead").matched()).isEqualTo(first.lede());
    assertThat(field(learned, "article_date").matched()).isEqualTo(first.date());
    assertThat(field(learned, "article_body").matched()).isEqualTo(String.join("\n\n", first.blocks()));
  }

  /** Pure and stateless: the same pages give the same fields, whatever the learner learned before. */
  @Test
  void theSamePagesGiveTheSameSelectorsEveryTime() throws Exception {
    FetchedReferences contract = RenderedReplica.of(ReplicaTheme.CONTRACT).contractReferences();

    SelectorLearner.Learned once = learn(contract);
    learn(RenderedReplica.of(ReplicaTheme.BARE).contractReferences());
    SelectorLearner.Learned again = learn(contract);
    SelectorLearner.Learned fresh = new SelectorLearner(RenderedReplica.URLS).learn(contract.articles(), contract.listings(),
        RenderedReplica.contract().regions());

    assertThat(again.fields()).isEqualTo(once.fields());
    assertThat(fresh.fields()).isEqualTo(once.fields());
    assertThat(again.selectors().byKey()).isEqualTo(once.selectors().byKey());
  }

  /** A sidebar widget deeper than the body holds a copy of it: the article's own body is learned, as without the widget. */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void aCopyOfTheBodyInASidebarIsNotTheBody(ReplicaTheme theme) throws Exception {
    SelectorLearner.Learned learned = learn(theme, ReplicaSidebar.BODY_COPY);

    assertThat(learned.fields()).allSatisfy(f -> assertThat(f.problem()).as(f.key()).isNull());
    assertThat(selectors(learned)).containsEntry("article_body", expected(theme).get("article_body"));
  }

  /** A copy of the body in one of several cards alike, inside main: the article's own body is learned. */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void aCopyOfTheBodyInRepeatedCardsIsNotTheBody(ReplicaTheme theme) throws Exception {
    SelectorLearner.Learned learned = learn(theme, ReplicaSidebar.BODY_COPY_IN_CARDS);

    assertThat(learned.fields()).allSatisfy(f -> assertThat(f.problem()).as(f.key()).isNull());
    assertThat(selectors(learned)).containsEntry("article_body", expected(theme).get("article_body"));
  }

  /** Two parts of main read the body on every reference and nothing tells them apart: no choice, and the message says both. */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void twoCopiesOfTheBodyThatNothingTellsApartAreRefused(ReplicaTheme theme) throws Exception {
    SelectorLearner.Learned learned = learn(theme, ReplicaSidebar.BODY_COPY_IN_MAIN);

    assertThat(selectors(learned)).doesNotContainKey("article_body");
    assertThat(field(learned, "article_body").problem()).contains("two parts of the page read the body on every reference")
        .contains("\"" + expected(theme).get("article_body") + "\"").contains("div.box-content")
        .contains("nothing tells which is the article's").contains("site.selectors.article_body");
    // Not learned, the body stays the default in the set to verify: the verification then says what the defaults read.
    assertThat(learned.selectors().articleBody()).isEqualTo(Selectors.defaults().articleBody());
  }

  /** Only the sidebar holds the body's text (the article's body is gone from main): the sidebar is refused, by name. */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void aBodyOnlyInTheSidebarIsRefused(ReplicaTheme theme) throws Exception {
    FetchedReferences withSidebar = RenderedReplica.of(theme, ReplicaSidebar.BODY_COPY).contractReferences();
    List<ArticleReference> withoutBody = withSidebar.articles().stream().map(a -> {
      Document page = Jsoup.parse(a.html(), a.known().url());
      page.select("main " + expected(theme).get("article_body")).remove();
      return new ArticleReference(a.known(), page.outerHtml());
    }).toList();

    SelectorLearner.Learned learned = learn(new FetchedReferences(withoutBody, withSidebar.listings(), 0));

    assertThat(selectors(learned)).doesNotContainKey("article_body");
    assertThat(field(learned, "article_body").problem())
        .startsWith("only a part of the page that is not the article's content holds the body's text (aside.sidebar: a sidebar")
        .endsWith("write the selector of the article's body under site.selectors.article_body");
  }

  /** The site edited the title: no element holds the known one, and the field says which element comes closest and where it departs. */
  @Test
  void aKnownTitleNoElementHoldsIsRefusedWithTheClosestElement() throws Exception {
    FetchedReferences references = RenderedReplica.of(ReplicaTheme.CONTRACT).contractReferences();
    ArticleReference first = references.articles().get(0);
    String title = first.known().title();
    Document page = Jsoup.parse(first.html(), first.known().url());
    for (Element e : page.getAllElements()) {
      if (e.children().isEmpty() && SiteText.of(e).equals(title)) {
        e.text(title + " (updated)");
      }
    }
    List<ArticleReference> edited = List.of(new ArticleReference(first.known(), page.outerHtml()), references.articles().get(1));

    SelectorLearner.Learned learned = learn(new FetchedReferences(edited, references.listings(), 0));

    assertThat(selectors(learned)).doesNotContainKey("article_title").containsKey("article_body");
    assertThat(field(learned, "article_title").problem()).startsWith("no element holds the known text \"")
        .contains("; closest: ").contains("(updated)").endsWith("which differs at character " + title.length() + ": \""
            + TextDifference.shorten((title + " (updated)").substring(title.length() - 10)) + "\" instead of \""
            + TextDifference.shorten(title.substring(title.length() - 10)) + "\"");
  }

  /**
   * Issue 34: the learner does not depend on the contract's ids. On a site that renumbered its countries, with the known
   * items found under the new ids (and the articles tagged with their countries' names under new ids), it learns what it
   * learns on the contract's ids: the facets are checked against the id each page was asked for, the articles' countries
   * by name. Found by title search instead, the listing pages name no country of their own: the same again.
   */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void onARenumberedSiteTheSameSelectorsAreLearned(ReplicaTheme theme) throws Exception {
    RenderedReplica replica = RenderedReplica.of(theme);
    replica.catalog().renumberRegions(Map.of(364, 9364, 169, 9169, 366, 9366));
    References contract = RenderedReplica.contract();
    List<org.industriallmonitor.config.CountryConfig> configured = List.of(new org.industriallmonitor.config.CountryConfig("Kyrgyzstan", 9364),
        new org.industriallmonitor.config.CountryConfig("Kazakhstan", 9169));

    FetchedReferences underNewIds = new ReferenceFetcher(RenderedReplica.URLS, replica,
        new ReferenceFetcher.Reach(Calibrator.MAX_LISTING_PAGES, Calibrator.REQUEST_BUDGET, configured, false))
        .fetch(contract.articles(), contract.listings());
    FetchedReferences bySearch = new ReferenceFetcher(RenderedReplica.URLS, replica,
        new ReferenceFetcher.Reach(Calibrator.MAX_LISTING_PAGES, Calibrator.REQUEST_BUDGET, List.of(), true))
        .fetch(contract.articles(), contract.listings());

    assertThat(underNewIds.listings()).extracting(ListingReference::region).containsOnly(9169, 9364);
    assertThat(bySearch.listings()).isNotEmpty().extracting(ListingReference::region).containsOnlyNulls();
    assertThat(selectors(learn(underNewIds))).isEqualTo(selectors(learn(theme, ReplicaSidebar.NONE)));
    assertThat(selectors(learn(bySearch))).isEqualTo(selectors(learn(theme, ReplicaSidebar.NONE)));
  }

  /** A listing page that holds none of the known items (a third country's): nothing of the listing is learned. */
  @Test
  void aListingPageWithoutTheKnownItemsTeachesNothing() throws Exception {
    RenderedReplica replica = RenderedReplica.of(ReplicaTheme.CONTRACT);
    FetchedReferences references = replica.contractReferences();
    int third = replica.catalog().countries().stream().mapToInt(c -> c.region()).filter(r -> r != 169 && r != 364).findFirst().orElseThrow();
    String url = RenderedReplica.URLS.listing(third, 0);
    ListingReference kazakhstan = references.listings().stream().filter(l -> l.known().region() == 169).findFirst().orElseThrow();
    ListingReference elsewhere = new ListingReference(kazakhstan.known(), 0, url, replica.html(url).orElseThrow());

    SelectorLearner.Learned learned = learn(new FetchedReferences(references.articles(), List.of(elsewhere), 0));

    assertThat(field(learned, "listing_item").problem()).isEqualTo("no known item's title and teaser were found together on the listing pages");
    assertThat(selectors(learned)).doesNotContainKeys("listing_item", "item_link", "item_teaser", "item_date", "listing_summary")
        .containsKey("article_body");
  }

  @Test
  void withoutPagesNothingIsLearnedAndEachPartSaysWhy() {
    SelectorLearner.Learned learned = learner.learn(List.of(), List.of(), Map.of());

    assertThat(learned.fields()).containsExactly(
        new Field("article_*", null, null, "no reference article could be fetched"),
        new Field("listing_*", null, null, "no listing page with a known item was found"));
    assertThat(learned.selectors().byKey()).isEqualTo(Selectors.defaults().byKey());
  }
}
