package org.industriallmonitor.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.SiteConfig;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.replica.ReplicaSidebar;
import org.industriallmonitor.replica.ReplicaTheme;
import org.industriallmonitor.site.Site;
import org.industriallmonitor.testing.Contract;
import org.industriallmonitor.testing.ReplicaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calibration on each replica theme: every field learned, verified byte for byte, within 20 requests. */
class CalibratorTest {
  /** Every country of the replica under another id, as a new CMS's taxonomy numbers them. */
  private static final Map<Integer, Integer> RENUMBERED = Map.of(364, 9364, 169, 9169, 366, 9366);
  private static final String STRUGGLE = "kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private final OkHttpClient client = HttpClients.create();

  @AfterEach
  void close() {
    HttpClients.shutdown(client);
  }

  private SiteConfig replicaSite() {
    return replicaConfig("[{name: Kyrgyzstan, region: 364}]").site();
  }

  private MonitorConfig replicaConfig(String countries) {
    return new ConfigLoader(name -> null).parse(Path.of("monitor.yaml"), "site:\n  base_url: " + replica.baseUrl()
        + "\n  request_delay: 0ms\n  user_agent: \"industriall-monitor-test/1.0\"\ncountries: " + countries + "\n");
  }

  /** Calibrates against the replica as it is now, with the contract's references, looking under {@code configured} too. */
  private Calibrator.Result calibrateWith(List<CountryConfig> configured) throws Exception {
    Site site = new Site(replicaSite(), client, Clock.systemUTC());
    References references = References.contract(replica.baseUrl().toString());
    return new Calibrator(site.reader(), configured).calibrate(references.articles(), references.listings(), references.regions());
  }

  /**
   * Issue 34: on a site that renumbered its countries (a new CMS), calibrate found no listing page with a known item, as
   * it looked only under the contract's ids. It finds them under the configured countries, and learns every field.
   */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void onARenumberedSiteTheKnownItemsAreFoundUnderTheConfiguredCountries(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    replica.catalog().renumberRegions(RENUMBERED);
    List<CountryConfig> configured = replicaConfig("[{name: Kyrgyzstan, region: 9364}, {name: Kazakhstan, region: 9169}]").countries();

    Calibrator.Result result = calibrateWith(configured);

    assertThat(result.fields()).allSatisfy(f -> assertThat(f.problem()).as(f.key()).isNull());
    assertThat(result.verified()).as(result.verification()).isTrue();
    assertThat(result.requests()).isLessThanOrEqualTo(Calibrator.REQUEST_BUDGET);
    assertThat(result.budget()).isEqualTo(Calibrator.REQUEST_BUDGET);
    assertThat(result.references()).containsExactly("articles: 2 of 2",
        "Kazakhstan items (seed 004): on search?regions=9169&language=en&sort=relevance&from=40 (configured country Kazakhstan, region 9169)",
        "Kyrgyzstan items (seed 000): on search?regions=9364&language=en&sort=relevance&from=10 (configured country Kyrgyzstan, region 9364)");
    System.out.println(theme + " renumbered, " + result.requests() + " requests: " + result.references());
  }

  /**
   * Issue 34: the configuration still names the old ids: the known items are found under the ids the site's own country
   * list gives their countries' names now, read from the links of the pages already fetched.
   */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void onARenumberedSiteWithTheOldIdsConfiguredTheKnownItemsAreFoundByTheirCountrysName(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    replica.catalog().renumberRegions(RENUMBERED);
    List<CountryConfig> configured = replicaConfig("[{name: Kyrgyzstan, region: 364}, {name: Kazakhstan, region: 169}]").countries();

    Calibrator.Result result = calibrateWith(configured);

    assertThat(result.complete()).as(result.fields() + " " + result.verification()).isTrue();
    assertThat(result.references()).containsExactly("articles: 2 of 2",
        "Kazakhstan items (seed 004): on search?regions=9169&language=en&sort=relevance&from=40 (the site's country list: Kazakhstan,"
            + " region 9169)",
        "Kyrgyzstan items (seed 000): on search?regions=9364&language=en&sort=relevance&from=10 (the site's country list: Kyrgyzstan,"
            + " region 9364)");
  }

  /** Issue 34: with no country configured, the known items are found through the site's search for their titles. */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void onARenumberedSiteWithNoCountryConfiguredTheKnownItemsAreFoundBySearchingTheirTitles(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    replica.catalog().renumberRegions(RENUMBERED);

    Calibrator.Result result = calibrateWith(List.of());

    assertThat(result.fields()).allSatisfy(f -> assertThat(f.problem()).as(f.key()).isNull());
    assertThat(result.verified()).as(result.verification()).isTrue();
    assertThat(result.requests()).isLessThanOrEqualTo(Calibrator.REQUEST_BUDGET);
    assertThat(result.references()).hasSize(3).element(0).isEqualTo("articles: 2 of 2");
    assertThat(result.references().subList(1, 3)).allSatisfy(line -> assertThat(line).containsPattern(
        ": on search\\?query=[^ ]+&language=en \\(search for \".+\"\\)$"));
    assertThat(result.references().get(1)).startsWith("Kazakhstan items (seed 004): on search?query=");
    assertThat(result.references().get(2)).startsWith("Kyrgyzstan items (seed 000): on search?query=");
    System.out.println(theme + " by search, " + result.requests() + " requests: " + result.references());
  }

  /** Calibrates against the replica as it is now, with the contract's references. */
  private Calibrator.Result calibrateOnTheReplica() throws Exception {
    Site site = new Site(replicaSite(), client, Clock.systemUTC());
    References references = References.contract(replica.baseUrl().toString());
    return new Calibrator(site.reader()).calibrate(references.articles(), references.listings(), references.regions());
  }

  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void everyFieldIsLearnedAndVerifiedOnEachTheme(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    Calibrator.Result result = calibrateOnTheReplica();

    assertThat(result.fields()).allSatisfy(f -> assertThat(f.problem()).as(f.key()).isNull());
    assertThat(result.verified()).as(result.verification()).isTrue();
    assertThat(result.requests()).isLessThanOrEqualTo(20);
    System.out.println(theme + " " + result.requests() + " requests: " + result.selectors());
  }

  /** Issue 31: a calibrator keeps nothing between calls: it calibrates again with the same result and counts its requests afresh. */
  @Test
  void aCalibratorCalibratesAgainWithTheSameResult() throws Exception {
    Site site = new Site(replicaSite(), client, Clock.systemUTC());
    References references = References.contract(replica.baseUrl().toString());
    Calibrator calibrator = new Calibrator(site.reader());

    Calibrator.Result once = calibrator.calibrate(references.articles(), references.listings(), references.regions());
    Calibrator.Result again = calibrator.calibrate(references.articles(), references.listings(), references.regions());

    assertThat(once.complete()).as(once.fields() + " " + once.verification()).isTrue();
    assertThat(again).isEqualTo(once);
  }

  /** Issue 30: two parts of the page read the body on every reference and nothing tells them apart: no choice is made. */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void twoCopiesOfTheBodyThatNothingTellsApartAreRefused(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    replica.server().sidebar(ReplicaSidebar.BODY_COPY_IN_MAIN);
    Calibrator.Result result = calibrateOnTheReplica();

    assertThat(result.complete()).isFalse();
    assertThat(result.selectors()).doesNotContainKey("article_body");
    assertThat(result.fields()).filteredOn(f -> f.key().equals("article_body")).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("two parts of the page read the body on every reference")
            .contains("nothing tells which is the article's").contains("site.selectors.article_body"));
  }

  /** Issue 30: a copy of the body in one of several repeated widgets (cards) is told apart from the article's body. */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void aCopyOfTheBodyInRepeatedWidgetsIsNotLearnedForTheBody(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    replica.server().sidebar(ReplicaSidebar.BODY_COPY_IN_CARDS);
    Calibrator.Result result = calibrateOnTheReplica();

    assertThat(result.complete()).as(result.fields() + " " + result.verification()).isTrue();
    assertThat(result.selectors().get("article_body")).doesNotContain("card");
  }

  /**
   * Issue 30: a sidebar widget held a copy of the body, deeper than the body: calibration learned it, verified it byte for
   * byte, and when the widget showed other text the crawl archived that as the article. The article's own body is learned.
   */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void aSidebarWidgetHoldingACopyOfTheBodyIsNotLearnedForTheBody(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    replica.server().sidebar(ReplicaSidebar.BODY_COPY);
    Calibrator.Result result = calibrateOnTheReplica();

    assertThat(result.complete()).as(result.fields() + " " + result.verification()).isTrue();
    assertThat(result.selectors().get("article_body")).doesNotContain("widget").doesNotContain("aside");
    // The widget shows another text now: the learned selectors still read the article, byte for byte.
    replica.server().sidebar(ReplicaSidebar.OTHER_TEXT);
    String url = replica.baseUrl() + "/" + STRUGGLE;
    String html;
    try (Response page = client.newCall(new Request.Builder().url(url).build()).execute()) {
      html = page.body().string();
    }
    assertThat(html).contains(ReplicaSidebar.otherText(replica.catalog(), replica.catalog().article(STRUGGLE).orElseThrow()).get(0));
    Article article = new ArticleParser(replicaSite().selectorsWith(result.selectors())).parse(html, url, STRUGGLE);
    assertThat(ArchiveText.article(article)).isEqualTo(Contract.text(Contract.SEED_STRUGGLE));
  }
}
