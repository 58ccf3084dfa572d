package org.industriallmonitor.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industriallmonitor.replica.HostileFixtures;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.RequiredTools;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real headless Chromium (Debian's, through its ChromeDriver), served by the
 * packaged jar running as a daemon on the replica: the dashboard and its chart, a country's chart, a search for a
 * hostile title, and the retry button. Screenshots go to target/screenshots (the README's come from there).
 */
class ConsoleBrowserIT {
  private static final Pattern CONSOLE = Pattern.compile("Web console: (http://127\\.0\\.0\\.1:\\d+/)");
  private static final String HOSTILE = "<script>alert('x')</script> & <b>bold</b> \"quoted\"";

  @RegisterExtension
  static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private ChromeDriver browser;

  @BeforeEach
  void startBrowser() throws Exception {
    RequiredTools.command("/usr/bin/chromium", "the console is checked in a real headless browser");
    RequiredTools.command("/usr/bin/chromedriver", "the test drives Chromium through its ChromeDriver");
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 1700));
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void dashboardSearchAndRetryWorkInABrowser() throws Exception {
    ConsoleTest.publishFixtures(replica);
    publishOverTwoYears();
    ArticlePageTest.publishRichArticle(replica);
    hook.stubFor(post("/hook").willReturn(aResponse().withStatus(500)));
    TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364).country(HostileFixtures.COUNTRY, HostileFixtures.REGION)
        .topLevel("schedule: {every: 1s, jitter: 0ms}\nlanguages: [en, fr]\n"
            + "notifications:\n  max_attempts: 1\n  channels:\n    - {id: team-hook, type: webhook, url: \"" + hook.baseUrl() + "/hook\"}\n")
        .writeTo(dir);
    Path db = dir.resolve("state/monitor.db");

    try (JarProcess daemon = JarProcess.start(dir, Map.of(), "run")) {
      String console = await().atMost(Duration.ofSeconds(60)).until(() -> consoleUrl(daemon.out()), url -> url != null);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> Sql.count(db, "SELECT count(*) FROM countries WHERE baseline_completed_at IS NOT NULL") == 2);
      replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 0);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Sql.count(db, "SELECT count(*) FROM outbox WHERE status = 'dead'") == 1);

      browser.get(console);
      assertThat(browser.getTitle()).isEqualTo("Monitor · industriall-monitor");
      assertThat(browser.findElements(By.cssSelector("#countries tbody td.name")).stream().map(WebElement::getText))
          .containsExactly("Kyrgyzstan", HostileFixtures.COUNTRY);
      assertThat(browser.findElement(By.cssSelector("#channels tbody tr")).getText()).contains("team-hook").endsWith("1 -");
      // The chart: a line per configured country, drawn as SVG by the server.
      assertThat(browser.findElements(By.cssSelector("#per-month svg [data-country]")).stream().map(e -> e.getAttribute("data-country")))
          .containsExactly("364", String.valueOf(HostileFixtures.REGION));
      WebElement chart = browser.findElement(By.cssSelector("#per-month svg"));
      assertThat(chart.getAttribute("aria-label")).startsWith("Articles per month from ").contains("Kyrgyzstan ", HostileFixtures.COUNTRY + " ");
      assertThat(chart.getSize().getWidth()).as("the chart spans the page").isGreaterThan(800);
      assertThat(browser.findElements(By.cssSelector("#per-month svg g.x-axis text"))).hasSize(8);
      screenshot("dashboard");
      readersView(console);
      browser.get(console);

      browser.get(console + "countries/364");
      assertThat(browser.findElements(By.cssSelector("#per-month svg [data-country]")).stream().map(e -> e.getAttribute("data-country")))
          .containsExactly("364");
      screenshot("country");

      WebElement box = browser.findElement(By.cssSelector("header form.search input[name=q]"));
      box.sendKeys("script alert");
      box.submit();
      await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/search?q=script+alert"));
      List<WebElement> hits = browser.findElements(By.cssSelector("#hits li a"));
      assertThat(hits).extracting(WebElement::getText).contains(HOSTILE);
      // The title is text: no element came of its markup, and no script of it ran.
      assertThat(browser.findElements(By.cssSelector("#hits b, #hits script, main script"))).isEmpty();
      assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
      assertThat(browser.findElement(By.cssSelector("#hits mark")).getText()).isEqualToIgnoringCase("script");
      screenshot("search");
      // The search's feed, as its page links it: Atom that Rome reads, holding what the search found.
      String feed = browser.findElement(By.id("search-feed")).getAttribute("href");
      assertThat(browser.findElement(By.cssSelector("head link[rel=alternate][href^='/feeds/search.atom']")).getAttribute("href"))
          .isEqualTo(feed);
      SyndFeed searched = new SyndFeedInput().build(new StringReader(java.net.http.HttpClient.newHttpClient()
          .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(feed)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString()).body()));
      assertThat(searched.getEntries()).extracting(SyndEntry::getTitle).contains(HOSTILE);

      hook.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
      browser.get(console);
      // The Retry button's label on one line: the button in its narrow cell is as tall as the one below the table,
      // whose label has room (a label broken as "Re/try" makes it two lines tall).
      WebElement retry = browser.findElement(By.cssSelector("#dead button.retry"));
      assertThat(retry.getText()).isEqualTo("Retry");
      assertThat(retry.getRect().getHeight()).isEqualTo(browser.findElement(By.id("retry-all")).getRect().getHeight());
      retry.click();
      await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("retried")).isEmpty());
      assertThat(browser.findElement(By.id("retried")).getText()).isEqualTo("1 dead delivery put back in line.");
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> Sql.column(db, "SELECT status FROM outbox"), statuses -> statuses.equals(List.of("delivered")));
      hook.verify(2, postRequestedFor(urlEqualTo("/hook")));
    }
  }

  /**
   * Articles in most of the last 23 months, in both countries, dated from today (the daemon's clock is the
   * machine's): the chart has something to show in the screenshot whenever the test runs.
   */
  private void publishOverTwoYears() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    for (int back = 1; back < 24; back++) {
      LocalDate date = today.minusMonths(back).withDayOfMonth(10);
      for (int i = 0; i < (back * 7) % 5; i++) {
        replica.catalog().publishNew(List.of(364), date, Integer.MAX_VALUE);
      }
      for (int i = 0; i < (back * 3 + 1) % 4; i++) {
        replica.catalog().publishNew(List.of(HostileFixtures.REGION), date, Integer.MAX_VALUE);
      }
    }
  }

  /**
   * The reader's view of a real article (the French one of {@link ArticlePageTest#SLUG}, whose body has a list; the
   * quote's markup around one of its real paragraphs is ours): shown as a list and a quote, no archive format.
   */
  private void readersView(String console) throws Exception {
    browser.get(console + ArticlePage.path(ArticlePageTest.SLUG).substring(1));
    assertThat(browser.getTitle()).isEqualTo(ArticlePageTest.TITLE + " · industriall-monitor");
    WebElement reader = browser.findElement(By.cssSelector("article.reader"));
    assertThat(reader.findElements(By.cssSelector("div.body ul > li")).stream().map(WebElement::getText))
        // WebDriver's text gives a no-break space as a space.
        .containsExactlyElementsOf(ArticlePageTest.ITEMS.stream().map(item -> item.replace('\u00a0', ' ')).toList());
    assertThat(reader.findElements(By.cssSelector("div.body blockquote > p")).stream().map(WebElement::getText))
        .containsExactly(ArticlePageTest.QUOTE);
    // A list item is drawn as one (a marker, and indented), a quote as a block set apart.
    WebElement item = reader.findElement(By.cssSelector("div.body ul > li"));
    assertThat(item.getCssValue("display")).isEqualTo("list-item");
    WebElement quote = reader.findElement(By.cssSelector("div.body blockquote"));
    assertThat(quote.getCssValue("display")).isEqualTo("block");
    assertThat(quote.findElement(By.tagName("p")).getRect().getX())
        .isGreaterThan(reader.findElement(By.cssSelector("div.body > p")).getRect().getX());
    assertThat(reader.findElement(By.cssSelector("time")).getText()).isEqualTo("16 August 2017");
    assertThat(reader.getText()).doesNotContain("Jump to main content");
    screenshot("article");
    reader.findElement(By.id("archived-file")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith(ArticlePage.filePath(ArticlePageTest.SLUG, null)));
    assertThat(browser.findElement(By.tagName("body")).getText()).startsWith("Jump to main content\nIndustriALL logotype");
  }

  private static String consoleUrl(String out) {
    Matcher m = CONSOLE.matcher(out);
    return m.find() ? m.group(1) : null;
  }

  private void screenshot(String name) throws Exception {
    Path file = Path.of("target", "screenshots", "console-" + name + ".png");
    Files.createDirectories(file.getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }
}
