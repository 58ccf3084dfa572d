package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.industriallmonitor.replica.HostileFixtures;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
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

/** Every endpoint of the console, over HTTP, on the state of a monitor that crawled the replica. */
class ConsoleTest {
  static final String GREVE = "greve-generale-des-mineurs";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path configFile;
  private ConsoleFixture fixture;

  @BeforeEach
  void crawl() throws Exception {
    publishFixtures(replica);
    configFile = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364).country(HostileFixtures.COUNTRY, HostileFixtures.REGION)
        .writeTo(dir);
    fixture = ConsoleFixture.start(configFile).crawlAll();
  }

  /** A French title with accents and the hostile titles, beside the replica's Kyrgyzstan. */
  static void publishFixtures(ReplicaExtension replica) {
    replica.catalog().publish(new ReplicaArticle(GREVE, "Grève générale des mineurs à Bichkek", LocalDate.of(2026, 11, 20),
        "Les syndicats appellent à la grève.", List.of("Les mineurs réclament leurs salaires impayés."), List.of(364), List.of(1201)), 0);
    HostileFixtures.addCountry(replica.catalog());
    int n = 0;
    for (String title : HostileFixtures.TITLES) {
      replica.catalog().publish(new ReplicaArticle("hostile-title-" + (++n), title, LocalDate.of(2026, 11, 1),
          "A hostile title about solidarity.", List.of("First paragraph."), List.of(HostileFixtures.REGION), List.of(1201)), 0);
    }
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void dashboardShowsEachCountryTheNewestArticlesAndTheEarlyWarningSource() throws Exception {
    var response = fixture.get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleServer.CSP);
    Document page = Jsoup.parse(response.body());
    List<String> countries = page.select("#countries tbody tr td.name").eachText();
    assertThat(countries).containsExactly("Kyrgyzstan", HostileFixtures.COUNTRY);
    Element kyrgyzstan = page.select("#countries tbody tr").first();
    assertThat(kyrgyzstan.select("td").eachText()).startsWith("Kyrgyzstan", "364", "28").contains("ok", "complete");
    assertThat(page.select("#newest li a").eachText()).contains("Grève générale des mineurs à Bichkek");
    assertThat(page.select("p.early-warning").text()).contains("Early warning: off");
    assertThat(page.select("meta[http-equiv=refresh]").attr("content")).isEqualTo("30");
    assertThat(page.select("script")).isEmpty();
  }

  @Test
  void hostileTitlesShowAsTextNeverAsMarkup() throws Exception {
    String html = fixture.get("/").body();

    assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
    List<String> titles = Jsoup.parse(html).select("#newest li a").eachText();
    assertThat(titles).contains("<script>alert('x')</script> & <b>bold</b> \"quoted\"")
        // Direction overrides and control characters show as what they are, never reorder or hide the text.
        .contains("\uFFFDgnp.exe\uFFFD right-to-left \uFFFD marks \uFFFD")
        .anySatisfy(t -> assertThat(t).startsWith("A bell\uFFFD, an escape \uFFFD[2J"))
        // A title of 10,000 characters is cut in a list (the article's page shows it whole).
        .anySatisfy(t -> assertThat(t).startsWith("Long title xxx").hasSize(DisplayText.LIST_LENGTH).endsWith("x…"));
    String search = fixture.get("/search?q=script").body();
    assertThat(search).doesNotContain("<script>");
    assertThat(Jsoup.parse(search).select("#hits li a").eachText()).contains("<script>alert('x')</script> & <b>bold</b> \"quoted\"");
  }

  @Test
  void anArticlePageShowsTheArticleTheArchivedFileOneClickAwayAndItsDetails() throws Exception {
    var response = fixture.get("/articles/" + GREVE);

    assertThat(response.statusCode()).isEqualTo(200);
    Document page = Jsoup.parse(response.body());
    String archived = Files.readString(dir.resolve("state/archive/articles/2026/2026-11-20-" + GREVE + ".txt"), StandardCharsets.UTF_8);
    assertThat(page.selectFirst("article.reader p.lede").text()).isEqualTo("Les syndicats appellent à la grève.");
    assertThat(page.select("article.reader div.body p").eachText()).containsExactly("Les mineurs réclament leurs salaires impayés.");
    assertThat(fixture.get(page.selectFirst("a#archived-file").attr("href")).body()).isEqualTo(archived);
    assertThat(page.selectFirst("h1").text()).isEqualTo("Grève générale des mineurs à Bichkek");
    assertThat(page.select("dl.article").text()).contains("Kyrgyzstan").contains(replica.baseUrl() + "/" + GREVE)
        .contains("articles/2026/2026-11-20-" + GREVE + ".txt");
    assertThat(page.select("dl.article a").eachAttr("href")).contains(replica.baseUrl() + "/" + GREVE);
  }

  @Test
  void nothingOutsideTheArchiveCanBeRead() throws Exception {
    assertThat(fixture.get("/articles/no-such-article").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/articles/..%2F..%2Fmonitor.db").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/articles/%2e%2e%2f%2e%2e%2fconfig%2fmonitor.yaml").statusCode()).isEqualTo(404);
    // Sent byte for byte: no client normalises these dot segments away first.
    for (String path : List.of("/articles/../monitor.db", "/articles/../../config/monitor.yaml", "/static/../monitor.db", "/../../etc/passwd")) {
      assertThat(rawGet(path)).as(path).startsWith("HTTP/1.1 404");
    }
    assertThat(fixture.get("/feeds/..%2Fmonitor.db.atom").statusCode()).isEqualTo(404);
  }

  @Test
  void searchFindsWordsWithoutAccentsRankedWithHighlightsAndPages() throws Exception {
    Document greve = Jsoup.parse(fixture.get("/search?q=greve").body());

    assertThat(greve.select("#hits li a").eachText()).first().isEqualTo("Grève générale des mineurs à Bichkek");
    assertThat(greve.select("#hits li p.snippet mark").eachText()).allMatch(m -> m.equalsIgnoreCase("grève"));
    assertThat(greve.select("#hits li a").first().attr("href")).isEqualTo("/articles/" + GREVE);

    Document many = Jsoup.parse(fixture.get("/search?q=kyrgyzstan").body());
    int total = Integer.parseInt(many.selectFirst("#total").text().replaceAll("\\D.*", ""));
    assertThat(total).isGreaterThan(ConsolePages.HITS_PER_PAGE);
    assertThat(many.select("#hits li")).hasSize(ConsolePages.HITS_PER_PAGE);
    String next = many.selectFirst("a[rel=next]").attr("href");
    Document second = Jsoup.parse(fixture.get(next).body());
    assertThat(second.selectFirst("#hits").attr("start")).isEqualTo(String.valueOf(ConsolePages.HITS_PER_PAGE + 1));
    assertThat(second.select("#hits li")).hasSize(Math.min(ConsolePages.HITS_PER_PAGE, total - ConsolePages.HITS_PER_PAGE));
    assertThat(second.select("#hits li a").eachText()).doesNotContainAnyElementsOf(many.select("#hits li a").eachText());

    Document elsewhere = Jsoup.parse(fixture.get("/search?q=greve&country=" + HostileFixtures.REGION).body());
    assertThat(elsewhere.selectFirst("#total").text()).isEqualTo("No archived article holds these words.");
    Document french = Jsoup.parse(fixture.get("/search?q=greve&country=kyrgyzstan&lang=en").body());
    assertThat(french.select("#hits li")).hasSize(1);
  }

  @Test
  void atomFeedsHoldTheNewestArticlesWithIdsThatSurviveARestart() throws Exception {
    var response = fixture.get("/feeds/all.atom");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(AtomFeeds.CONTENT_TYPE);
    SyndFeed all = new SyndFeedInput().build(new StringReader(response.body()));

    assertThat(all.getFeedType()).isEqualTo("atom_1.0");
    assertThat(all.getEntries()).hasSize(Math.min(AtomFeeds.ENTRIES, 28 + 7));
    SyndEntry first = all.getEntries().get(0);
    assertThat(first.getUri()).isEqualTo("tag:industriall-monitor,2026:article/" + GREVE);
    assertThat(first.getTitle()).isEqualTo("Grève générale des mineurs à Bichkek");
    assertThat(first.getContents().get(0).getValue()).contains("Les mineurs réclament leurs salaires impayés.");

    SyndFeed kyrgyz = new SyndFeedInput().build(new StringReader(fixture.get("/feeds/364.atom").body()));
    assertThat(kyrgyz.getEntries()).hasSize(28).allMatch(e -> e.getCategories().stream().anyMatch(c -> c.getName().equals("Kyrgyzstan")));
    assertThat(fixture.get("/feeds/12345.atom").statusCode()).isEqualTo(404);

    Map<String, Long> before = idsAndUpdated(all);
    fixture.close();
    // The daemon again, with its state as it left it: new parts, a new server.
    fixture = ConsoleFixture.start(configFile);
    SyndFeed again = new SyndFeedInput().build(new StringReader(fixture.get("/feeds/all.atom").body()));
    assertThat(idsAndUpdated(again)).isEqualTo(before);
  }

  private static Map<String, Long> idsAndUpdated(SyndFeed feed) {
    return feed.getEntries().stream().collect(Collectors.toMap(SyndEntry::getUri, e -> e.getUpdatedDate().getTime()));
  }

  @Test
  void apiStatusIsWhatStatusJsonPrintsAndHealthzAnswers() throws Exception {
    var api = fixture.get("/api/status");
    CliRun cli = CliRun.of("status", "--json", "--config", configFile.toString());

    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(api.body())).isEqualTo(json.readTree(cli.out()));
    assertThat(json.readTree(api.body()).get("countries").get(0).get("articles").asInt()).isEqualTo(28);

    assertThat(fixture.get("/healthz").statusCode()).isEqualTo(200);
    fixture.parts.store().close();
    assertThat(fixture.get("/healthz").statusCode()).isEqualTo(503);
  }

  @Test
  void onlyGetHeadAndTheRetryFormAreAnswered() throws Exception {
    assertThat(fixture.post("/", "x=1").statusCode()).isEqualTo(405);
    assertThat(fixture.post("/search", "q=x").statusCode()).isEqualTo(405);
    assertThat(fixture.get("/nothing-here").statusCode()).isEqualTo(404);
  }

  private String rawGet(String path) throws Exception {
    try (Socket socket = new Socket(fixture.console.url().getHost(), fixture.console.url().getPort())) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + fixture.console.url().getPort()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
