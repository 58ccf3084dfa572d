package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.testing.TestConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search page by country, theme and channel (blank words: newest first), a channel's link from the
 * dashboard, and searches as Atom feeds, read back with Rome.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSearchFeedsTest {
  private static final String GREVE = ConsoleTest.GREVE;
  private static final String TAG = "tag:industriall-monitor,2026:article/";

  private ConsoleFixture fixture;

  /** One crawl for the class: the tests only read what it archived, and the console needs no site. */
  @BeforeAll
  void crawl(@TempDir Path dir) throws Exception {
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0)) {
      crawl(replica, dir);
    }
  }

  private void crawl(ReplicaServer replica, Path dir) throws Exception {
    replica.catalog().publish(new ReplicaArticle(GREVE, "Grève générale des mineurs à Bichkek", LocalDate.of(2026, 11, 20),
        "Les syndicats appellent à la grève.", List.of("Les mineurs réclament leurs salaires impayés."), List.of(364), List.of(1201)), 0);
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364, "notify: [miners, rights, everything]")
        .topLevel("notifications:\n  channels:\n"
            + "    - {id: miners, type: webhook, url: \"http://127.0.0.1:9/hook\", match: \"mineurs OR miners\", exclude: salaires}\n"
            + "    - {id: rights, type: webhook, url: \"http://127.0.0.1:9/hook\", themes: [1201]}\n"
            + "    - {id: everything, type: webhook, url: \"http://127.0.0.1:9/hook\"}\n")
        .writeTo(dir);
    fixture = ConsoleFixture.start(config).crawlAll();
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  private Document page(String path, int status) throws Exception {
    var response = fixture.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    return Jsoup.parse(response.body());
  }

  private SyndFeed feed(String path) throws Exception {
    var response = fixture.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(AtomFeeds.CONTENT_TYPE);
    return new SyndFeedInput().build(new StringReader(response.body()));
  }

  private static int total(Document page) {
    return Integer.parseInt(page.selectFirst("#total").text().replaceAll("\\D.*", ""));
  }

  private static List<String> slugs(Document page) {
    return page.select("#hits li > a").eachAttr("href").stream().map(href -> href.substring("/articles/".length())).toList();
  }

  @Test
  void blankWordsWithACountryOrAThemeListTheArticlesNewestFirst() throws Exception {
    Document kyrgyzstan = page("/search?q=&country=364", 200);
    assertThat(kyrgyzstan.selectFirst("#total").text()).isEqualTo("28 articles, newest first.");
    List<String> dates = kyrgyzstan.select("#hits li span.meta").eachText();
    assertThat(dates).hasSize(ConsolePages.HITS_PER_PAGE).isSortedAccordingTo(Comparator.reverseOrder());

    int rights = total(page("/search?theme=1201", 200));
    int building = total(page("/search?theme=Building+Strong+Unions", 200));
    assertThat(rights).isPositive();
    assertThat(building).isPositive();
    assertThat(rights + building).as("each article has one of the two themes").isEqualTo(28);
    assertThat(slugs(page("/search?q=greve&theme=Building+strong+unions", 200))).isEmpty();
    assertThat(slugs(page("/search?q=greve&theme=trade+union+rights", 200))).containsExactly(GREVE);

    assertThat(page("/search", 200).select("#total")).as("nothing asked, nothing listed").isEmpty();
  }

  @Test
  void aChannelsSearchIsWhatItWouldHaveBeenSentAndTheDashboardLinksIt() throws Exception {
    Document miners = page("/search?channel=miners", 200);
    assertThat(miners.selectFirst("#channel-filters").text()).contains("match: mineurs OR miners, exclude: salaires");
    List<String> minersSlugs = slugs(miners);
    assertThat(minersSlugs).isNotEmpty().doesNotContain(GREVE);
    assertThat(miners.select("#hits li p.snippet mark").eachText()).isNotEmpty()
        .allMatch(m -> m.equalsIgnoreCase("miners") || m.equalsIgnoreCase("mineurs"));
    assertThat(slugs(page("/search?channel=rights&q=greve", 200))).containsExactly(GREVE);
    assertThat(total(page("/search?channel=everything", 200))).isEqualTo(28);

    Document unknown = page("/search?channel=nope", 404);
    assertThat(unknown.selectFirst("#problem").text()).contains("'nope'").contains("miners, rights, everything");

    Document dashboard = page("/", 200);
    assertThat(dashboard.select("#channels a.channel-search").eachAttr("href"))
        .containsExactly("/search?channel=miners", "/search?channel=rights", "/search?channel=everything");
    assertThat(dashboard.select("#channels span.filters").eachText())
        .containsExactly("match: mineurs OR miners, exclude: salaires", "themes: [1201]", "no filters");
  }

  @Test
  void aBadQueryShowsTheParsersMessage() throws Exception {
    Document bad = page("/search?q=%22unclosed+phrase&country=364", 400);
    assertThat(bad.selectFirst("#problem").text()).startsWith("Not a query: a quote is not closed");
    assertThat(page("/search?q=strike+OR", 400).selectFirst("#problem").text()).contains("OR needs a word");
    assertThat(fixture.get("/feeds/search.atom?q=-alone").statusCode()).isEqualTo(400);
  }

  @Test
  void controlCharactersInTheParametersStillMakeAFeed() throws Exception {
    // A feed's title names the search: a character XML cannot hold must not make it a server error.
    assertThat(feed("/feeds/search.atom?q=greve%01").getTitle()).contains("greve");
    assertThat(fixture.get("/feeds/search.atom?q=&country=%01").statusCode()).isIn(200, 404);
    assertThat(fixture.get("/feeds/search.atom?q=greve&theme=%01").statusCode()).isEqualTo(200);
  }

  @Test
  void everySearchPageLinksItsFeedAndTheFeedsHoldTheSearchesArticles() throws Exception {
    Document greve = page("/search?q=greve&lang=en", 200);
    String feedHref = greve.selectFirst("head link[rel=alternate][href^=/feeds/search.atom]").attr("href");
    assertThat(feedHref).isEqualTo("/feeds/search.atom?q=greve&lang=en");
    assertThat(greve.selectFirst("#search-feed").attr("href")).isEqualTo(feedHref);
    SyndFeed greveFeed = feed(feedHref);
    assertThat(greveFeed.getEntries()).extracting(SyndEntry::getUri).containsExactly(TAG + GREVE);
    assertThat(greveFeed.getTitle()).contains("greve");

    SyndFeed kyrgyzstan = feed("/feeds/search.atom?q=&country=Kyrgyzstan");
    assertThat(kyrgyzstan.getEntries()).hasSize(28);
    assertThat(kyrgyzstan.getEntries()).extracting(SyndEntry::getPublishedDate).isSortedAccordingTo(Comparator.reverseOrder());

    Document miners = page("/search?channel=miners", 200);
    assertThat(miners.selectFirst("head link[rel=alternate][href^=/feeds/channel/]").attr("href")).isEqualTo("/feeds/channel/miners.atom");
    SyndFeed channel = feed("/feeds/channel/miners.atom");
    assertThat(channel.getTitle()).contains("channel miners").contains("match: mineurs OR miners");
    assertThat(channel.getEntries()).extracting(SyndEntry::getUri)
        .containsExactlyInAnyOrderElementsOf(slugs(miners).stream().map(slug -> TAG + slug).toList());
    assertThat(feed("/feeds/search.atom?channel=rights&q=greve").getEntries()).extracting(SyndEntry::getUri).containsExactly(TAG + GREVE);

    var nope = fixture.get("/feeds/channel/nope.atom");
    assertThat(nope.statusCode()).isEqualTo(404);
    assertThat(nope.body()).contains("no channel has the id 'nope' (channels: miners, rights, everything)");
    assertThat(fixture.get("/feeds/search.atom?channel=nope").statusCode()).isEqualTo(404);
    var nothingAsked = fixture.get("/feeds/search.atom");
    assertThat(nothingAsked.statusCode()).as("nothing asked").isEqualTo(400);
    assertThat(nothingAsked.body()).contains("give q (words), country, theme or channel");
    assertThat(fixture.get("/feeds/search.atom?q=&lang=en").statusCode()).as("a language alone lists nothing").isEqualTo(400);
  }
}
