package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The reader's view of an archived article, and its archived file one click away. */
class ArticlePageTest {
  /**
   * A real article: the French page of {@code /work/shared/real-pages/www.industriall-union.org_fr_un-nouveau-syndicat-kirghize-*.txt}
   * (and the golden fixture {@code blocks/real-fr-list.html}), with its title, date, lede and paragraphs as the site
   * published them and its three-item list as a {@code ul}. The one thing added is the quote's markup: its paragraph
   * of the union president's words, real text, set in a {@code blockquote}, since no real page here shows how the
   * site marks up a quote. Its tags are the fixture's (Kyrgyzstan, Trade union rights).
   */
  static final String SLUG = "fr/un-nouveau-syndicat-kirghize-conclut-une-premiere-convention-avec-un-investisseur-turc";
  static final String TITLE = "Un nouveau syndicat kirghize conclut une première convention avec un investisseur turc";
  static final String LEDE = "Après une négociation collective intense avec la compagnie minière turco-kirghize Eti Bakir Tereksay, "
      + "l'organisation de premier degré du Syndicat de la mine et de la métallurgie du Kirghizistan (MMTUK), affilié à IndustriALL "
      + "Global Union, a conclu sa première convention collective.";
  static final String QUOTE = "\"L'administration n'était pas prête à faire des concessions; elle devait régler plusieurs problèmes liés à "
      + "la production, s'agissant notamment des licences, de la construction et des activités préparatoires. Toutefois, avec le soutien "
      + "du comité central, le syndicat a pu persuader la direction d'entamer des négociations et de conclure une convention collective\".";
  /** The list's items as the archive keeps them. */
  static final List<String> ITEMS = List.of("Une augmentation du salaire pour le travail en région montagneuse;",
      "Une indemnité pour conditions de travail nocives;",
      "Des primes pour des occasions particulières, telles qu'anniversaires et départs à la retraite, d'un montant de 10.000 Som (145 $) "
          + "et 5.000 Som (72 $) pour les mariages.\u00a0"); // the site's no-break space at its end, which the archive keeps
  static final String BODY = """
      <p>Cette organisation de base du MMTUK a été créée chez Eti Bakir Tereksay en septembre 2016. Le 27 juillet, son Président, \
      Usubaly Omurbekov, a signé la convention collective pour 2017-2018 avec le directeur général de l'entreprise.</p>
      <p>Le Président du MMTUK, Eldar Tadjibayev, a commenté ainsi la convention :</p>
      <blockquote><p>%s</p></blockquote>
      <p>L'enveloppe sociale pour les salariés se compose notamment des éléments suivants :</p>
      <ul>
        <li>%s</li>
        <li>%s</li>
        <li>%s</li>
      </ul>
      <p>Le syndicat recevra aussi 50.000 Som (720 $) de l'entreprise à titre d'aide financière mensuelle pour des activités \
      récréatives et culturelles pour les travailleurs.</p>
      <p>En outre, suivant la convention collective, les licenciements ne peuvent se faire qu'avec l'approbation du syndicat.</p>"""
      .formatted(QUOTE, ITEMS.get(0), ITEMS.get(1), ITEMS.get(2).replace("\u00a0", "&nbsp;"));

  /** Publishes the real article ({@link #SLUG}, in French) with its list and quote on {@code replica}: its listing is French. */
  static ReplicaArticle publishRichArticle(ReplicaExtension replica) {
    ReplicaArticle article = new ReplicaArticle(SLUG, TITLE, LocalDate.of(2017, 8, 16), LEDE, List.of("Replaced by the real body."),
        List.of(364), List.of(1201));
    replica.catalog().publishTranslation(null, article, 0);
    replica.tweaks().body(SLUG, BODY);
    return article;
  }

  static final String KINDS_SLUG = "miners-demands-and-the-presidents-answer";
  static final String KINDS_TITLE = "Miners’ demands & the president’s answer";
  /** A made-up body with each kind of block of the contract (a heading, a numbered list, a line break in an item), and text that looks like markup. */
  static final String KINDS_BODY = """
      <p>The union’s demands:</p>
      <ul><li>Pay the <b>wage</b> arrears.</li><li>Reinstate <br>the dismissed workers.</li></ul>
      <blockquote><p>“We will not accept this.”</p><p>“The law must change.”</p></blockquote>
      <h2>Next steps</h2>
      <ol><li>A strike.</li><li>Talks.</li></ol>
      <p>Text that looks like markup: &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>""";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private ConsoleFixture fixture;

  /** Publishes the made-up article with {@link #KINDS_BODY} as its body on {@code replica}. */
  static ReplicaArticle publishEveryKindOfBlock(ReplicaExtension replica) {
    ReplicaArticle article = new ReplicaArticle(KINDS_SLUG, KINDS_TITLE, LocalDate.of(2023, 1, 13), "Miners in Kyrgyzstan set out what they want.",
        List.of("Replaced by the rich body."), List.of(364), List.of(1201));
    replica.catalog().publish(article, 0);
    replica.tweaks().body(KINDS_SLUG, KINDS_BODY);
    return article;
  }

  @BeforeEach
  void crawl() throws Exception {
    publishEveryKindOfBlock(replica);
    publishRichArticle(replica);
    fixture = ConsoleFixture.start(TestConfig.site(replica.baseUrl()).walksOnly().topLevel("languages: [en, fr]").country("Kyrgyzstan", 364)
        .writeTo(dir)).crawlAll();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void theLedeAndBodyShowAsParagraphsListsAndQuotes() throws Exception {
    var response = fixture.get("/articles/" + KINDS_SLUG);

    assertThat(response.statusCode()).isEqualTo(200);
    Element reader = Jsoup.parse(response.body()).selectFirst("article.reader");
    assertThat(reader.selectFirst("h1").text()).isEqualTo(KINDS_TITLE);
    assertThat(reader.selectFirst("time").text()).isEqualTo("13 January 2023");
    assertThat(reader.selectFirst("time").attr("datetime")).isEqualTo("2023-01-13");
    assertThat(reader.selectFirst("p.lede").text()).isEqualTo("Miners in Kyrgyzstan set out what they want.");
    Element body = reader.selectFirst("div.body");
    assertThat(body.children().stream().map(Element::normalName)).containsExactly("p", "ul", "blockquote", "h2", "ol", "p");
    assertThat(body.select("ul > li").eachText()).containsExactly("Pay the wage arrears.", "Reinstate the dismissed workers.");
    assertThat(body.select("ul > li").get(1).select("br")).hasSize(1);
    assertThat(body.select("blockquote")).hasSize(1);
    assertThat(body.select("blockquote > p").eachText()).containsExactly("“We will not accept this.”", "“The law must change.”");
    assertThat(body.select("ol > li").eachText()).containsExactly("A strike.", "Talks.");
    assertThat(body.selectFirst("h2").text()).isEqualTo("Next steps");
    // The site's text is text: what looks like markup shows as written, and makes no element.
    assertThat(body.children().last().text()).isEqualTo("Text that looks like markup: <b>bold</b> & <script>alert(1)</script>");
    assertThat(body.select("b, script")).isEmpty();
    // The archive's format is not shown: no header lines, the date apart from the lede.
    assertThat(reader.text()).doesNotContain("Jump to main content").doesNotContain("IndustriALL logotype")
        .doesNotContain("13 January, 2023Miners");
  }

  @Test
  void theRealArticleShowsItsListAsAListAndItsQuoteAsAQuote() throws Exception {
    Element reader = Jsoup.parse(fixture.get(ArticlePage.path(SLUG)).body()).selectFirst("article.reader");

    assertThat(reader.selectFirst("h1").text()).isEqualTo(TITLE);
    assertThat(reader.selectFirst("h1").attr("lang")).isEqualTo("fr");
    assertThat(reader.selectFirst("time").attr("datetime")).isEqualTo("2017-08-16");
    assertThat(reader.selectFirst("p.lede").text()).isEqualTo(LEDE);
    Element body = reader.selectFirst("div.body");
    assertThat(body.children().stream().map(Element::normalName)).containsExactly("p", "p", "blockquote", "p", "ul", "p", "p");
    assertThat(body.select("ul > li")).extracting(Element::wholeText).containsExactlyElementsOf(ITEMS);
    assertThat(body.select("blockquote > p").eachText()).containsExactly(QUOTE);
    assertThat(reader.text()).doesNotContain("Jump to main content").doesNotContain("16 août, 2017Après");
  }

  @Test
  void countriesThemesTranslationsAndTheArchivedFileAreLinks() throws Exception {
    Document page = Jsoup.parse(fixture.get("/articles/" + KINDS_SLUG).body());

    assertThat(page.select("article.reader a.country")).extracting(Element::text, e -> e.attr("href"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Kyrgyzstan", "/search?country=364"));
    assertThat(page.select("article.reader a.theme")).extracting(Element::text, e -> e.attr("href"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Trade union rights", "/search?theme=Trade+union+rights"));
    assertThat(page.select("ul.translations a").eachAttr("href"))
        .contains(replica.baseUrl() + "/fr/" + KINDS_SLUG, replica.baseUrl() + "/es/" + KINDS_SLUG);
    assertThat(page.selectFirst("a#archived-file").attr("href")).isEqualTo("/archived/" + KINDS_SLUG);
    assertThat(page.select("dl.article").text()).contains("articles/2023/2023-01-13-" + KINDS_SLUG + ".txt");
  }

  /**
   * The site tags an article with every country it concerns; only those the archive links it to (configured, under
   * their configured names) find it again in a search, so only those are links, by region id.
   */
  @Test
  void everyCountryLinkFindsTheArticleAndACountryNotFollowedIsNoLink(@TempDir Path other) throws Exception {
    String slug = "miners-of-two-countries";
    replica.catalog().publish(new ReplicaArticle(slug, "Miners of two countries", LocalDate.of(2023, 2, 3), "Miners in two countries.",
        List.of("A paragraph."), List.of(364, 169), List.of(1201)), 0);
    // Configured under another name than the site's: the site's name finds nothing in the archive's countries.
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyz Republic", 364).writeTo(other);
    try (ConsoleFixture renamed = ConsoleFixture.start(config).crawlAll()) {
      Element reader = Jsoup.parse(renamed.get("/articles/" + slug).body()).selectFirst("article.reader");

      List<Element> links = reader.select("a.country");
      assertThat(links).extracting(Element::text, e -> e.attr("href"))
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Kyrgyz Republic", "/search?country=364"));
      for (Element link : links) {
        Document search = Jsoup.parse(renamed.get(link.attr("href")).body());
        assertThat(search.select("a[href=/articles/" + slug + "]")).as(link.attr("href")).isNotEmpty();
      }
      assertThat(reader.select("a").eachText()).doesNotContain("Kazakhstan");
      assertThat(reader.selectFirst("p.byline").text()).contains("Kazakhstan (not followed)");
    }
  }

  @Test
  void theArchivedFileIsServedByteForByteAsUtf8Text() throws Exception {
    String href = Jsoup.parse(fixture.get("/articles/" + KINDS_SLUG).body()).selectFirst("a#archived-file").attr("href");
    HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(fixture.url(href)).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(file.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleServer.CSP);
    byte[] archived = Files.readAllBytes(dir.resolve("state/archive/articles/2023/2023-01-13-" + KINDS_SLUG + ".txt"));
    assertThat(file.body()).isEqualTo(archived);
    assertThat(new String(archived, StandardCharsets.UTF_8)).startsWith("Jump to main content\nIndustriALL logotype\n\n" + KINDS_TITLE)
        .contains("\n\n  • Pay the wage arrears.\n  • Reinstate \nthe dismissed workers.\n\n");
    assertThat(fixture.get("/archived/" + KINDS_SLUG + "?version=1").body()).isEqualTo(new String(archived, StandardCharsets.UTF_8));
  }

  @Test
  void anArticleArchivedBeforeBlockKindsShowsItsListsAsListsAndItsQuotesAsParagraphs() throws Exception {
    Path sidecar = dir.resolve("state/archive/articles/2023/" + KINDS_SLUG + ".json");
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(sidecar.toFile());
    assertThat(json.remove("block_kinds")).isNotNull();
    Files.writeString(sidecar, json.toString());

    Element body = Jsoup.parse(fixture.get("/articles/" + KINDS_SLUG).body()).selectFirst("article.reader div.body");

    assertThat(body.select("ul > li")).hasSize(2);
    assertThat(body.select("blockquote, h2")).isEmpty();
    assertThat(body.select("p").eachText()).contains("“We will not accept this.”", "Next steps");
  }

  @Test
  void aFileThatDoesNotReadAsAnArticleIsSaidSoAndServedAsItIs() throws Exception {
    Files.writeString(dir.resolve("state/archive/articles/2023/2023-01-13-" + KINDS_SLUG + ".txt"), "Not an article <b>at all</b>");

    var page = fixture.get("/articles/" + KINDS_SLUG);

    assertThat(page.statusCode()).isEqualTo(200);
    Document document = Jsoup.parse(page.body());
    assertThat(document.select("#unreadable")).hasSize(1);
    assertThat(document.select("article.reader div.body")).isEmpty();
    assertThat(document.selectFirst("article.reader h1").text()).isEqualTo(KINDS_TITLE);
    assertThat(fixture.get("/archived/" + KINDS_SLUG).body()).isEqualTo("Not an article <b>at all</b>");
  }

  @Test
  void anArchivedTranslationIsLinkedToItsOwnPage(@TempDir Path other) throws Exception {
    String original = "kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";
    String spanish = "es/la-lucha-continua-de-kirguistan";
    replica.catalog().publishTranslation(original, new ReplicaArticle(spanish, "La lucha continua de Kirguistán",
        LocalDate.of(2023, 9, 6), "Los sindicatos luchan.", List.of("Un párrafo."), List.of(364), List.of(1201)), 0);
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().topLevel("languages: [en, es]").country("Kyrgyzstan", 364).writeTo(other);
    try (ConsoleFixture both = ConsoleFixture.start(config).crawlAll()) {
      Document page = Jsoup.parse(both.get("/articles/" + original).body());

      Element archived = page.selectFirst("ul.translations a.archived");
      assertThat(archived).isNotNull();
      assertThat(archived.attr("href")).isEqualTo("/articles/es%2Fla-lucha-continua-de-kirguistan");
      assertThat(page.select("ul.translations a[rel=noreferrer]").eachAttr("href")).contains(replica.baseUrl() + "/" + spanish);
      Document translation = Jsoup.parse(both.get(archived.attr("href")).body());
      assertThat(translation.selectFirst("article.reader h1").text()).isEqualTo("La lucha continua de Kirguistán");
      // The site's text is in the article's language; the console's own words around it (the date, "Themes:", the
      // archived file's link) stay the page's English.
      Element reader = translation.selectFirst("article.reader");
      assertThat(reader.select("[lang]")).extracting(Element::normalName, e -> e.attr("lang")).containsExactly(
          org.assertj.core.groups.Tuple.tuple("h1", "es"), org.assertj.core.groups.Tuple.tuple("p", "es"), // the lede
          org.assertj.core.groups.Tuple.tuple("div", "es"));
      for (String english : List.of("p.byline", "p.themes", "p.archived-file")) {
        assertThat(reader.selectFirst(english).closest("[lang]").attr("lang")).as(english).isEqualTo("en");
      }
    }
  }

  @Test
  void aMissingArticleOrVersionIsNotFoundAndNothingOutsideTheArchiveIsServed() throws Exception {
    assertThat(fixture.get("/articles/no-such-article").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/archived/no-such-article").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/archived/" + KINDS_SLUG + "?version=2").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/archived/" + KINDS_SLUG + "?version=..%2F..%2Fmonitor.db").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/archived/..%2F..%2Fmonitor.db").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/archived/%2e%2e%2f%2e%2e%2fconfig%2fmonitor.yaml").statusCode()).isEqualTo(404);
  }
}
