package org.industriallmonitor.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.industriallmonitor.replica.ReplicaPages;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What real servers and networks do, injected with WireMock in front of the replica: each fault
 * gives a clear outcome (exit code, printed line, status, log), and a later clean cycle finds
 * every article exactly once.
 */
class FaultInjectionTest {
  private static final String PAGE_2 = "/search?regions=364&language=en&sort=relevance&from=10";
  private static final String PAGE_1 = "/search?regions=364&language=en&sort=relevance&from=0";
  private static final String ARTICLE = "/kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private WireMockServer site;
  private Path config;
  private Path db;

  @BeforeEach
  void start() throws Exception {
    site = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true));
    site.start();
    proxyEverything();
    config = TestConfig.site(URI.create(site.baseUrl())).walksOnly().site("read_timeout", "500ms").site("max_body_size", "5MB")
        .country("Kyrgyzstan", 364).writeTo(dir);
    db = dir.resolve("state/monitor.db");
  }

  @AfterEach
  void stop() {
    site.stop();
  }

  private void proxyEverything() {
    site.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        fault("connection reset", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))), "listing .*from=10: network error"),
        fault("empty response", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))), "listing .*from=10: network error"),
        fault("malformed chunk", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK))), "listing .*from=10: network error"),
        fault("random data then close", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE))), "listing .*from=10: network error"),
        fault("delay past the read timeout", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withStatus(200).withFixedDelay(1500).withBody("late"))), "listing .*from=10: timed out"),
        fault("robots.txt disallows /search", (s, r) -> s.stubFor(get(urlEqualTo("/robots.txt")).atPriority(1)
            .willReturn(aResponse().withStatus(200).withBody("User-agent: *\nDisallow: /search\n"))),
            "listing .*from=0: disallowed by robots.txt for our User-Agent; not fetched"),
        fault("off-site redirect", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withStatus(302).withHeader("Location", "http://parked.example.invalid/login"))),
            "redirected off the site to http://parked.example.invalid/login; not following"),
        fault("8 MB body", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(" ".repeat(8 * 1024 * 1024)))),
            "the page is larger than max_body_size \\(5120 KB\\)"),
        fault("gzip body inflating past the limit", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withHeader("Content-Encoding", "gzip")
                .withBody(gzip(" ".repeat(6 * 1024 * 1024))))),
            "the page is larger than max_body_size \\(5120 KB\\)"),
        fault("listing with renamed class names", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_1)).atPriority(1)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(ReplicaPages.listing(r.catalog(), 364, r.catalog().listing(364, 0))
                    .replace("search-result", "result-card").replace("search-results__summary", "results-count")))),
            "layout changed at .*from=0: no summary line and no results \\(listing_item = \"article.search-result\" found nothing either\\)"),
        fault("article with no body", (s, r) -> s.stubFor(get(urlEqualTo(ARTICLE)).atPriority(1)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(ReplicaPages.article(r.catalog(), r.catalog().article(ARTICLE.substring(1)).orElseThrow())
                    .replaceAll("(?s)<div class=\"article-body.*?</div>", "")))),
            "layout changed at .*" + ARTICLE + ": no body text \\(selector article_body = \".article-body\" found nothing\\)"),
        fault("a page that repeats the previous one", (s, r) -> s.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(ReplicaPages.listing(r.catalog(), 364, r.catalog().listing(364, 0))))),
            "listing .*from=10: the page repeats the results of the previous page; stopped the walk there"));
  }

  private static Arguments fault(String name, BiConsumer<WireMockServer, ReplicaServer> inject, String problem) {
    return Arguments.of(name, inject, problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void aFaultFailsTheCycleVisiblyAndACleanCycleFindsEverythingOnce(String name, BiConsumer<WireMockServer, ReplicaServer> inject,
      String problem) throws Exception {
    inject.accept(site, replica.server());

    CliRun faulty = CliRun.of("once", "--config", config.toString(), "--logs", dir.resolve("logs").toString());

    assertThat(faulty.exitCode()).as(faulty.toString()).isEqualTo(1);
    assertThat(faulty.out()).containsPattern("Kyrgyzstan \\(region 364\\): .*errors [1-9]\\d*, baseline, \\d+ ms, FAILED")
        .containsPattern("error: .*" + problem);
    CliRun status = CliRun.of("status", "--config", config.toString());
    assertThat(status.out()).containsPattern("Kyrgyzstan\\s+364\\s+\\d+\\s+\\S+ \\S+\\s+never\\s+-\\s+.*" + problem);
    assertThat(Files.readString(dir.resolve("logs/monitor.log"))).contains("crawl Kyrgyzstan (region 364)").contains("FAILED");

    site.resetAll();
    proxyEverything();
    CliRun clean = CliRun.of("once", "--config", config.toString());

    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertEveryArticleArchivedExactlyOnce();
    assertThat(CliRun.of("once", "--config", config.toString()).out()).contains("new 0, archived 0, errors 0");
  }

  @Test
  void serviceUnavailableTwiceThenOkIsRetriedWithinTheCycle() throws Exception {
    site.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1).inScenario("503").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("again"));
    site.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1).inScenario("503").whenScenarioStateIs("again")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    site.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1).inScenario("503").whenScenarioStateIs("up")
        .willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("pages 3, seen 27, new 27, archived 27, errors 0, baseline");
    site.verify(3, getRequestedFor(urlEqualTo(PAGE_2)));
    assertEveryArticleArchivedExactlyOnce();
  }

  @Test
  void tooManyRequestsWaitsForRetryAfter() throws Exception {
    site.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("up"));
    site.stubFor(get(urlEqualTo(PAGE_2)).atPriority(1).inScenario("429").whenScenarioStateIs("up")
        .willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).isZero();
    List<LoggedRequest> requests = site.findAll(getRequestedFor(urlEqualTo(PAGE_2)));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(950);
    assertEveryArticleArchivedExactlyOnce();
  }

  @Test
  void theSecondCycleIsAnswered304AndFetchesNoArticle() throws Exception {
    CliRun.of("once", "--config", config.toString());
    site.resetRequests();

    CliRun second = CliRun.of("once", "--config", config.toString());

    assertThat(second.out()).contains("pages 3, seen 27, new 0, archived 0, errors 0");
    List<LoggedRequest> listing = site.findAll(getRequestedFor(urlPathEqualTo("/search")));
    assertThat(listing).hasSize(3).allSatisfy(r -> assertThat(r.getHeader("If-None-Match")).isNotBlank());
    assertThat(site.getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().startsWith("/search"))
        .allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(304));
    assertThat(site.getAllServeEvents()).filteredOn(e -> !e.getRequest().getUrl().startsWith("/search")
        && !e.getRequest().getUrl().equals("/robots.txt")).isEmpty();
  }

  @Test
  void robotsTxtIsNeverBypassedAndCrawlDelayIsKept() throws Exception {
    site.stubFor(get(urlEqualTo("/robots.txt")).atPriority(1).willReturn(aResponse().withStatus(200)
        .withBody("User-agent: industriall-monitor-test\nDisallow: /kyrgyzstans-\nCrawl-delay: 0.1\n\nUser-agent: *\nDisallow: /\n")));

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.out()).contains("new 27, archived 26").contains("note: skipped " + site.baseUrl() + ARTICLE + ": disallowed by robots.txt");
    site.verify(0, getRequestedFor(urlEqualTo(ARTICLE)));
    List<LoggedRequest> requests = site.findAll(getRequestedFor(anyUrl()));
    long afterRobots = requests.get(1).getLoggedDate().getTime();
    for (int i = 2; i < requests.size(); i++) {
      assertThat(requests.get(i).getLoggedDate().getTime() - afterRobots)
          .as("Crawl-delay 0.1 s between request starts (request %d)", i).isGreaterThanOrEqualTo((i - 1) * 100L - 15);
    }
  }

  @Test
  void anUnreadableRobotsTxtIsRetriedLikeAPageAndReportedOncePerCrawl() throws Exception {
    CliRun.of("once", "--config", config.toString());
    replica.catalog().publishNew(List.of(364), java.time.LocalDate.of(2026, 11, 30), 0);
    site.resetAll();
    proxyEverything();
    site.stubFor(get(urlEqualTo("/robots.txt")).atPriority(1).willReturn(aResponse().withStatus(503)));

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("errors 1, ").containsOnlyOnce("robots.txt answered HTTP 503");
    site.verify(3, getRequestedFor(urlEqualTo("/robots.txt")));
    site.verify(0, getRequestedFor(urlPathEqualTo("/search")));
    assertThat(CliRun.of("status", "--config", config.toString()).out()).containsOnlyOnce("robots.txt answered HTTP 503");
  }

  @Test
  void anArticleThatIsGoneIsReportedOnceAndNotFetchedEveryCycle() throws Exception {
    site.stubFor(get(urlEqualTo(ARTICLE)).atPriority(1).willReturn(aResponse().withStatus(404)));

    CliRun first = CliRun.of("once", "--config", config.toString());
    CliRun second = CliRun.of("once", "--config", config.toString());

    assertThat(first.exitCode()).as("a gone article is not a failure").isZero();
    assertThat(first.out()).contains("new 27, archived 26, errors 0, baseline")
        .contains("note: gone: " + site.baseUrl() + ARTICLE + " (HTTP 404); checked again once a day");
    assertThat(second.out()).contains("new 0, archived 0, errors 0").doesNotContain("gone:");
    site.verify(1, getRequestedFor(urlEqualTo(ARTICLE)));
    assertThat(Sql.column(db, "SELECT status FROM gone_articles")).containsExactly("404");
  }

  @Test
  void withFallbackArchiveARedesignedListingStillYieldsItsArticles() throws Exception {
    Files.writeString(config, Files.readString(config).replace("site:\n", "site:\n  fallback_archive: true\n"));
    site.stubFor(get(urlPathEqualTo("/search")).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody(ReplicaPages.listing(replica.catalog(), 364, replica.catalog().listing(364, 0)).replace("search-result", "card"))));

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("note: 10 new articles found by the fallback extractor (degraded); archiving them")
        .contains("archived 10");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(10);
  }

  @Test
  void withoutFallbackArchiveDegradedArticlesAreCountedAndArchivedOnceTheSelectorsAreFixed() throws Exception {
    for (int from = 0; from < 30; from += 10) {
      site.stubFor(get(urlEqualTo("/search?regions=364&language=en&sort=relevance&from=" + from)).atPriority(1)
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
              .withBody(ReplicaPages.listing(replica.catalog(), 364, replica.catalog().listing(364, from)).replace("search-result", "card"))));
    }

    CliRun broken = CliRun.of("once", "--config", config.toString());

    assertThat(broken.out()).contains("note: 10 new articles found by the fallback extractor (degraded); not archived");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isZero();
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM degraded_articles")).isEqualTo(10);
    assertThat(CliRun.of("status", "--config", config.toString()).out()).contains("10 articles found by the fallback extractor");

    // The site's markup changed for good: the user points the selectors at it.
    Files.writeString(config, Files.readString(config).replace("site:\n", "site:\n  selectors:\n    listing_summary: \".cards__summary\"\n"
        + "    listing_item: \"article.card\"\n    item_link: \"h2.card__title a[href]\"\n    item_teaser: \".card__teaser\"\n"));
    CliRun fixed = CliRun.of("once", "--config", config.toString());

    assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM degraded_articles")).isZero();
    assertEveryArticleArchivedExactlyOnce();
  }

  @Test
  void withFallbackArchiveAnArticleWithARenamedBodyIsArchivedDegraded() throws Exception {
    Files.writeString(config, Files.readString(config).replace("site:\n", "site:\n  fallback_archive: true\n"));
    site.stubFor(get(urlEqualTo(ARTICLE)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody(ReplicaPages.article(replica.catalog(), replica.catalog().article(ARTICLE.substring(1)).orElseThrow())
            .replace("article-body", "article-text"))));

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).as("the layout changed, even if the fallback coped").isEqualTo(1);
    assertThat(run.out()).contains("archived 27").contains("error: layout changed at " + site.baseUrl() + ARTICLE);
    assertThat(Sql.column(db, "SELECT slug FROM articles WHERE degraded = 1")).containsExactly(ARTICLE.substring(1));
    Path sidecar = dir.resolve("state/archive/articles/2023" + ARTICLE + ".json");
    assertThat(Files.readString(sidecar)).contains("\"degraded\" : true");
    assertThat(Files.readString(dir.resolve("state/archive/articles/2023/2023-09-06" + ARTICLE.replace("/", "-") + ".txt")))
        .startsWith("Jump to main content\nIndustriALL logotype\n\nKyrgyzstan's ongoing struggle for fundamental workers' rights\n\n6 September, 2023\n\nThe Mining");
  }

  private void assertEveryArticleArchivedExactlyOnce() throws Exception {
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(27);
    assertThat(Sql.count(db, "SELECT COUNT(DISTINCT slug) FROM articles")).isEqualTo(27);
    try (Stream<Path> files = Files.walk(dir.resolve("state/archive/articles"))) {
      List<Path> texts = files.filter(p -> p.toString().endsWith(".txt")).toList();
      assertThat(texts).hasSize(27);
    }
    try (Stream<Path> files = Files.walk(dir.resolve("state/archive"))) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
    }
  }

  private static byte[] gzip(String text) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
