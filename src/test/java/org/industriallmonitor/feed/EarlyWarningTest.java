package org.industriallmonitor.feed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Monitor;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.crawl.PollReport;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.schedule.Daemon;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The early-warning source on the replica: a new article heard of by one poll, archived and
 * alerted as a walk would, in every configured country it names and no other.
 */
class EarlyWarningTest {
  private static final String SECRET = "early-secret";
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Components parts;
  private WebhookReceiver receiver;
  private WireMockServer proxy;

  @AfterEach
  void close() {
    if (parts != null) {
      parts.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (proxy != null) {
      proxy.stop();
    }
  }

  private Path db() {
    return dir.resolve("state/monitor.db");
  }

  private MonitorConfig config(TestConfig config) throws Exception {
    receiver = WebhookReceiver.start(SECRET, r -> {});
    Path file = config.topLevel("notifications:\n  retry_backoff: 100ms\n  channels:\n    - {id: hook, type: webhook, url: \""
        + receiver.url() + "\", secret: " + SECRET + "}\n").writeTo(dir);
    return new ConfigLoader(name -> null).load(file);
  }

  private Monitor monitor(MonitorConfig config) {
    parts = Components.of(config);
    return parts.monitor();
  }

  private static String archivedText(ReplicaArticle a) {
    return "Jump to main content\nIndustriALL logotype\n\n" + a.title() + "\n\n20 November, 2026" + a.lede() + "\n\n"
        + String.join("\n\n", a.paragraphs());
  }

  private List<JsonNode> received(String event) {
    ObjectMapper json = new ObjectMapper();
    return receiver.received().stream().filter(r -> r.event().equals(event)).map(r -> {
      try {
        return json.readTree(r.body());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
  }

  @Test
  void aDaemonWithHourlyWalksHearsOfAPublishedArticleFromTheFeedWithinSeconds() throws Exception {
    MonitorConfig config = config(TestConfig.site(replica.baseUrl()).site("early_warning", "{source: rss, every: 1s}")
        .topLevel("schedule: {every: 1h, jitter: 0ms}").country("Kyrgyzstan", 364).country("Kazakhstan", 169));
    parts = Components.of(config);
    try (Daemon daemon = parts.daemon(2, new ConfigLoader(name -> null), c -> c)) {
      daemon.start(config, Duration.ofSeconds(5));
      // The first walks (the baseline) and the feed's baseline poll run at once.
      await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(db(),
          "SELECT COUNT(*) FROM countries WHERE baseline_completed_at IS NOT NULL") == 2
          && Sql.count(db(), "SELECT COUNT(*) FROM early_warning WHERE baseline_at IS NOT NULL") == 1);

      // Deep in Kyrgyzstan's listing by relevance: a walk would find it in an hour, the feed at its next poll.
      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), DAY, 15);
      await().atMost(Duration.ofSeconds(10)).until(() -> !received("article.new").isEmpty());

      JsonNode alert = received("article.new").get(0);
      assertThat(alert.get("slug").asText()).isEqualTo(fresh.slug());
      assertThat(alert.get("countries")).extracting(JsonNode::asText).containsExactly("Kyrgyzstan");
      Path text = dir.resolve("state/archive/articles/2026/2026-11-20-" + fresh.slug() + ".txt");
      assertThat(alert.get("archive_path").asText()).isEqualTo("articles/2026/2026-11-20-" + fresh.slug() + ".txt");
      assertThat(Files.readString(text)).isEqualTo(archivedText(fresh));
      assertThat(Sql.column(db(), "SELECT baseline FROM articles WHERE slug = '" + fresh.slug() + "'")).containsExactly("0");
      assertThat(Sql.count(db(), "SELECT COUNT(*) FROM crawl_runs")).as("no walk since the baseline: the feed found it").isEqualTo(2);
      assertThat(Sql.column(db(), "SELECT last_new_slug FROM early_warning")).containsExactly(fresh.slug());
      assertThat(received("article.new")).hasSize(1);
    }
  }

  @Test
  void anArticleOfTwoConfiguredCountriesIsArchivedAndAlertedOnceAndLinkedToBoth() throws Exception {
    Monitor monitor = monitor(config(TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169)));
    for (var country : monitor.config().countries()) {
      assertThat(monitor.crawl(country).summaryLine()).as("the walks' baseline").contains("baseline");
    }
    assertThat(monitor.pollEarlyWarning(false)).get().extracting(PollReport::outcome).isEqualTo(PollReport.Outcome.BASELINE);
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM articles WHERE baseline = 0")).as("a baseline archives nothing").isZero();

    ReplicaArticle both = replica.catalog().publishNew(List.of(364, 169), DAY, 4);
    PollReport report = monitor.pollEarlyWarning(false).orElseThrow();

    assertThat(report.summaryLine()).contains("20 items, new 1, archived 1, errors 0");
    assertThat(Sql.column(db(), "SELECT region FROM article_countries JOIN articles ON id = article_id WHERE slug = '"
        + both.slug() + "' ORDER BY region")).containsExactly("169", "364");
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE event = 'article.new'")).isEqualTo(1);
    parts.dispatcher().drain(Duration.ofSeconds(10), Duration.ofMillis(50));
    List<JsonNode> alerts = received("article.new");
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.get("slug").asText()).isEqualTo(both.slug());
      assertThat(a.get("countries")).extracting(JsonNode::asText).containsExactly("Kyrgyzstan", "Kazakhstan");
    });

    // The walks find it known: nothing fetched again, nothing alerted again.
    for (var country : monitor.config().countries()) {
      assertThat(monitor.crawl(country).summaryLine()).contains("new 0, archived 0, errors 0");
    }
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE event = 'article.new'")).isEqualTo(1);
    assertThat(replica.tweaks().requestsFor("/" + both.slug())).isEqualTo(1);
  }

  @Test
  void anArticleOfAnUnconfiguredCountryOrOfNoneIsFetchedOnceAndNeverArchivedNorAlerted() throws Exception {
    Monitor monitor = monitor(config(TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364)));
    monitor.pollEarlyWarning(false);

    ReplicaArticle elsewhere = replica.catalog().publishNew(List.of(169), DAY, 0);
    PollReport report = monitor.pollEarlyWarning(false).orElseThrow();
    assertThat(report.archived()).isZero();
    ReplicaArticle mine = replica.catalog().publishNew(List.of(364), DAY, 0);
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().archived()).isEqualTo(1);

    // An article that names no country is left to the walks (which place it by the listing it is in).
    ReplicaArticle untagged = replica.catalog().publishNew(List.of(), DAY, 0);
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().archived()).isZero();
    monitor.pollEarlyWarning(false);

    assertThat(Sql.column(db(), "SELECT slug FROM articles")).containsExactly(mine.slug());
    assertThat(Sql.column(db(), "SELECT reason FROM early_warning_skipped WHERE slug = '" + elsewhere.slug() + "'"))
        .containsExactly("outside");
    assertThat(Sql.column(db(), "SELECT reason FROM early_warning_skipped WHERE slug = '" + untagged.slug() + "'"))
        .containsExactly("untagged");
    assertThat(replica.tweaks().requestsFor("/" + untagged.slug())).isEqualTo(1);
    assertThat(replica.tweaks().requestsFor("/" + elsewhere.slug())).as("remembered, not fetched again").isEqualTo(1);
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%" + elsewhere.slug() + "%'")).isZero();
    assertThat(dir.resolve("state/archive/articles/2026/2026-11-20-" + elsewhere.slug() + ".txt")).doesNotExist();
  }

  @Test
  void retentionForgetsOnlyRememberedItemsTheFeedNoLongerListsAndOneItStillListsIsNeverFetchedAgain() throws Exception {
    Monitor monitor = monitor(config(TestConfig.site(replica.baseUrl()).storage("retention", "1ms").country("Kyrgyzstan", 364)));
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.BASELINE);
    long remembered = Sql.count(db(), "SELECT COUNT(*) FROM early_warning_skipped");
    ReplicaArticle elsewhere = replica.catalog().publishNew(List.of(169), DAY, 0);
    monitor.pollEarlyWarning(false);

    // The retention is a millisecond, and the feed lists one item of its baseline fewer now (the newest pushed the oldest
    // out): only that one is forgotten.
    assertThat(monitor.pruneHistory().orElseThrow().feedItems()).isEqualTo(1);
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM early_warning_skipped")).isEqualTo(remembered);

    // The feed answers 304 from now on: what it listed at its last full read, it still lists, and that is kept.
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.NOT_MODIFIED);
    assertThat(monitor.pruneHistory().orElseThrow().feedItems()).isZero();
    ReplicaArticle mine = replica.catalog().publishNew(List.of(364), DAY, 0);
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().archived()).isEqualTo(1);
    monitor.pruneHistory();
    monitor.pollEarlyWarning(false);

    assertThat(replica.tweaks().requestsFor("/" + elsewhere.slug())).as("remembered, never fetched again").isEqualTo(1);
    assertThat(Sql.column(db(), "SELECT slug FROM articles")).containsExactly(mine.slug());
    assertThat(Sql.column(db(), "SELECT reason FROM early_warning_skipped WHERE slug = '" + elsewhere.slug() + "'"))
        .containsExactly("outside");
  }

  @Test
  void aPollFetchesAtMostMaxItemsNewestFirstAndTheNextPollsTakeTheRest() throws Exception {
    Monitor monitor = monitor(config(TestConfig.site(replica.baseUrl()).site("early_warning", "{source: rss, max_items: 5}")
        .country("Kyrgyzstan", 364)));
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.BASELINE);
    List<String> published = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      published.add(replica.catalog().publishNew(List.of(364), DAY, 5).slug());
    }

    PollReport first = monitor.pollEarlyWarning(false).orElseThrow();

    assertThat(first.summaryLine()).contains("20 items, new 12, archived 5, errors 0");
    assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("7 more new items").contains("max_items: 5"));
    assertThat(Sql.column(db(), "SELECT slug FROM articles ORDER BY id")).as("the five newest, oldest first")
        .containsExactlyElementsOf(published.subList(7, 12));
    for (String left : published.subList(0, 7)) {
      assertThat(replica.tweaks().requestsFor("/" + left)).as("not fetched: " + left).isZero();
    }
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM early_warning_skipped WHERE reason <> 'baseline'"))
        .as("nothing left over is remembered as handled").isZero();

    PollReport second = monitor.pollEarlyWarning(false).orElseThrow();
    assertThat(second.outcome()).as("the feed read again, not answered 304").isEqualTo(PollReport.Outcome.NEW);
    assertThat(second.summaryLine()).contains("20 items, new 7, archived 5, errors 0");
    PollReport third = monitor.pollEarlyWarning(false).orElseThrow();
    assertThat(third.summaryLine()).contains("20 items, new 2, archived 2, errors 0");
    assertThat(third.notes()).noneSatisfy(n -> assertThat(n).contains("more new items"));
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.NOT_MODIFIED);

    assertThat(Sql.column(db(), "SELECT slug FROM articles ORDER BY id")).containsExactlyElementsOf(java.util.stream.Stream.of(
        published.subList(7, 12), published.subList(2, 7), published.subList(0, 2)).flatMap(List::stream).toList());
    for (String slug : published) {
      assertThat(replica.tweaks().requestsFor("/" + slug)).as("fetched once: " + slug).isEqualTo(1);
    }
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE event = 'article.new'")).isEqualTo(12);
  }

  @Test
  void itemsACappedPollLeftOverAreFoundByTheWalksAndNotFetchedTwice() throws Exception {
    MonitorConfig config = config(TestConfig.site(replica.baseUrl()).site("early_warning", "{source: rss, max_items: 3}")
        .country("Kyrgyzstan", 364));
    Monitor monitor = monitor(config);
    assertThat(monitor.crawl(config.countries().get(0)).summaryLine()).as("the walk's baseline").contains("baseline");
    monitor.pollEarlyWarning(false);
    List<String> published = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      published.add(replica.catalog().publishNew(List.of(364), DAY, 3).slug());
    }

    assertThat(monitor.pollEarlyWarning(false).orElseThrow().archived()).isEqualTo(3);
    assertThat(monitor.crawl(config.countries().get(0)).summaryLine()).contains("new 5, archived 5, errors 0");
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).as("nothing left for the poll").isEqualTo(PollReport.Outcome.UNCHANGED);

    assertThat(Sql.column(db(), "SELECT slug FROM articles WHERE baseline = 0")).containsExactlyInAnyOrderElementsOf(published);
    for (String slug : published) {
      assertThat(replica.tweaks().requestsFor("/" + slug)).as("fetched once: " + slug).isEqualTo(1);
    }
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE event = 'article.new'")).isEqualTo(8);
  }

  @Test
  void aFeedAnswering304CostsOneRequestAndNoParsing() throws Exception {
    proxy = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    String feed = new String(fetchFeed(), java.nio.charset.StandardCharsets.UTF_8);
    proxy.stubFor(get(urlEqualTo("/rss.xml")).atPriority(5).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/rss+xml; charset=utf-8").withHeader("ETag", "\"v1\"").withBody(feed)));
    proxy.stubFor(get(urlEqualTo("/rss.xml")).withHeader("If-None-Match", equalTo("\"v1\"")).atPriority(1)
        .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
    Monitor monitor = monitor(config(TestConfig.site(URI.create(proxy.baseUrl())).country("Kyrgyzstan", 364)));
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.BASELINE);

    // Whatever the feed would say now cannot be read: only a poll that parses nothing on a 304 succeeds.
    proxy.stubFor(get(urlEqualTo("/rss.xml")).atPriority(5).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/rss+xml").withHeader("ETag", "\"v2\"").withBody("<rss><channel><item>truncat")));
    proxy.resetRequests();
    PollReport unchanged = monitor.pollEarlyWarning(false).orElseThrow();

    assertThat(unchanged.outcome()).isEqualTo(PollReport.Outcome.NOT_MODIFIED);
    assertThat(unchanged.problem()).isNull();
    assertThat(proxy.getAllServeEvents()).singleElement().satisfies(e -> {
      assertThat(e.getRequest().getUrl()).isEqualTo("/rss.xml");
      assertThat(e.getResponse().getStatus()).isEqualTo(304);
    });
    // (WireMock's server marks the ETag of a gzipped answer; it takes it back as the same.)
    assertThat(Sql.column(db(), "SELECT last_outcome FROM early_warning")).containsExactly("not_modified");
    assertThat(Sql.column(db(), "SELECT etag FROM early_warning")).singleElement().asString().startsWith("\"v1");
  }

  private final List<com.github.tomakehurst.wiremock.stubbing.StubMapping> feedStubs = new java.util.ArrayList<>();

  /**
   * The proxy serves the replica's feed as it is now, its links naming the proxy's origin (the
   * replica's port is another site), with an ETag and a 304 for it.
   */
  private void serveTheFeedAs(URI site) throws Exception {
    feedStubs.forEach(proxy::removeStub);
    feedStubs.clear();
    String feed = new String(fetchFeed(), java.nio.charset.StandardCharsets.UTF_8).replace(replica.baseUrl().toString(), site.toString());
    String etag = "\"" + Integer.toHexString(feed.hashCode()) + "\"";
    feedStubs.add(proxy.stubFor(get(urlEqualTo("/rss.xml")).atPriority(5).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/rss+xml; charset=utf-8").withHeader("ETag", etag).withBody(feed))));
    feedStubs.add(proxy.stubFor(get(urlEqualTo("/rss.xml")).withHeader("If-None-Match", equalTo(etag)).atPriority(4)
        .willReturn(aResponse().withStatus(304).withHeader("ETag", etag))));
  }

  private byte[] fetchFeed() throws Exception {
    try (var in = replica.baseUrl().resolve("/rss.xml").toURL().openStream()) {
      return in.readAllBytes();
    }
  }

  @Test
  void aFailingFeedRaisesOneSourceAlertTheWalksStillFindTheArticleAndItsReturnIsARecovery() throws Exception {
    proxy = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
    MonitorConfig config = config(TestConfig.site(URI.create(proxy.baseUrl())).site("retries", "1").country("Kyrgyzstan", 364));
    Monitor monitor = monitor(config);
    assertThat(monitor.crawl(config.countries().get(0)).succeeded()).as("the baseline walk").isTrue();
    monitor.pollEarlyWarning(false);

    proxy.stubFor(get(urlPathEqualTo("/rss.xml")).atPriority(1).willReturn(aResponse().withStatus(503)));
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), DAY, 12);
    for (int poll = 0; poll < 5; poll++) {
      PollReport failed = monitor.pollEarlyWarning(false).orElseThrow();
      assertThat(failed.outcome()).isEqualTo(PollReport.Outcome.FAILED);
      assertThat(failed.problem()).contains("/rss.xml").contains("503");
    }
    // The baseline poll, then each failed poll and its one retry (site.retries: 1).
    proxy.verify(11, getRequestedFor(urlPathEqualTo("/rss.xml")).withHeader("User-Agent", equalTo("industriall-monitor-test/1.0")));
    List<String> alerts = Sql.column(db(), "SELECT payload FROM outbox WHERE event = 'monitor.alert'");
    assertThat(alerts).as("one alert after failure_threshold (3) failed polls, none after").singleElement().satisfies(p -> {
      JsonNode alert = new ObjectMapper().readTree(p);
      assertThat(alert.get("kind").asText()).isEqualTo("source");
      assertThat(alert.get("source").asText()).isEqualTo("rss");
      assertThat(alert.get("url").asText()).isEqualTo(proxy.baseUrl() + "/rss.xml");
      assertThat(alert.get("consecutive_failures").asInt()).isEqualTo(3);
      assertThat(alert.get("problem").asText()).contains("503");
    });
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM articles WHERE slug = '" + fresh.slug() + "'")).isZero();
    CliRun status = CliRun.of("status", "--config", config.source().toString());
    assertThat(status.out()).contains("Early warning: rss, every 2m (" + proxy.baseUrl() + "/rss.xml)")
        .contains("errors: 5 failed polls in a row").contains("(monitor alert sent; the walks go on)");

    // The safety net: the walk finds the article and alerts it.
    assertThat(monitor.crawl(config.countries().get(0)).summaryLine()).contains("new 1, archived 1, errors 0");
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE event = 'article.new' AND payload LIKE '%" + fresh.slug() + "%'"))
        .isEqualTo(1);

    proxy.removeStub(proxy.getStubMappings().stream().filter(m -> m.getPriority() == 1).findFirst().orElseThrow());
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.UNCHANGED);
    List<String> recovered = Sql.column(db(), "SELECT payload FROM outbox WHERE event = 'monitor.recovered'");
    assertThat(recovered).singleElement().satisfies(p -> assertThat(new ObjectMapper().readTree(p).get("kind").asText()).isEqualTo("source"));
    parts.dispatcher().drain(Duration.ofSeconds(10), Duration.ofMillis(50));
    assertThat(received("monitor.alert")).hasSize(1);
    assertThat(received("monitor.recovered")).hasSize(1);
    assertThat(received("article.new")).hasSize(1);
  }

  @Test
  void aTricklingFeedCostsThePollOneBudgetNotOneCallTimeoutPerRetry() throws Exception {
    // A byte a second never trips the read timeout; the call timeout (3 s) does, and the poll's
    // budget is that call timeout as a whole: with retries 3 the old code took 4 x 3 s.
    Monitor monitor = monitor(config(TestConfig.site(replica.baseUrl()).site("retries", "3").site("read_timeout", "2s")
        .site("call_timeout", "3s").country("Kyrgyzstan", 364)));
    replica.tweaks().trickleFeed();

    PollReport report = monitor.pollEarlyWarning(false).orElseThrow();

    assertThat(report.outcome()).isEqualTo(PollReport.Outcome.FAILED);
    assertThat(report.problem()).contains(replica.baseUrl() + "/rss.xml").contains("no answer within the poll's time budget of 3 s");
    assertThat(report.duration()).as("one budget, not one per attempt").isLessThan(Duration.ofSeconds(6));
    assertThat(replica.tweaks().requestsFor("/rss.xml")).as("no retry once the budget is spent").isEqualTo(1);
    assertThat(Sql.column(db(), "SELECT last_error FROM early_warning")).singleElement().asString().contains("budget of 3 s");
  }

  @Test
  void aVanishedFeedRaisesTheSourceAlertAtItsFirstPoll() throws Exception {
    proxy = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    proxy.stubFor(get(urlPathEqualTo("/rss.xml")).willReturn(aResponse().withStatus(404)));
    Monitor monitor = monitor(config(TestConfig.site(URI.create(proxy.baseUrl())).country("Kyrgyzstan", 364)));

    PollReport gone = monitor.pollEarlyWarning(false).orElseThrow();

    assertThat(gone.vanished()).isTrue();
    assertThat(gone.problem()).isEqualTo("the source is gone: " + proxy.baseUrl() + "/rss.xml answers HTTP 404");
    assertThat(Sql.column(db(), "SELECT payload FROM outbox WHERE event = 'monitor.alert'")).singleElement()
        .satisfies(p -> assertThat(new ObjectMapper().readTree(p).get("consecutive_failures").asInt()).isEqualTo(1));
    monitor.pollEarlyWarning(false);
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE event = 'monitor.alert'")).as("one alert, not one per poll").isEqualTo(1);
  }

  @Test
  void anArticleThatFailsToLoadKeepsTheFeedUnreadSoTheNextPollTriesItAgain() throws Exception {
    proxy = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
    URI site = URI.create("http://127.0.0.1:" + proxy.port());
    Monitor monitor = monitor(config(TestConfig.site(site).site("retries", "0").country("Kyrgyzstan", 364)));
    serveTheFeedAs(site);
    monitor.pollEarlyWarning(false);
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), DAY, 12);
    serveTheFeedAs(site);
    proxy.stubFor(get(urlPathEqualTo("/" + fresh.slug())).atPriority(1).willReturn(aResponse().withStatus(502)));

    PollReport failed = monitor.pollEarlyWarning(false).orElseThrow();
    assertThat(failed.outcome()).isEqualTo(PollReport.Outcome.NEW);
    assertThat(failed.archived()).isZero();
    assertThat(failed.errors()).singleElement().asString().contains(fresh.slug()).contains("502");
    assertThat(failed.sourceAnswered()).as("the feed itself answered: no source alert").isTrue();

    proxy.removeStub(proxy.getStubMappings().stream().filter(m -> m.getPriority() == 1).findFirst().orElseThrow());
    PollReport retried = monitor.pollEarlyWarning(false).orElseThrow();
    assertThat(retried.outcome()).as("read again, not answered 304").isEqualTo(PollReport.Outcome.NEW);
    assertThat(retried.archived()).isEqualTo(1);
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.NOT_MODIFIED);
    assertThat(Sql.count(db(), "SELECT COUNT(*) FROM outbox WHERE event = 'monitor.alert'")).isZero();
  }

  @Test
  void theLatestListingReadsItsNextPageWhileEveryItemIsNew() throws Exception {
    Monitor monitor = monitor(config(TestConfig.site(replica.baseUrl()).site("early_warning", "{source: latest}")
        .country("Kyrgyzstan", 364).country("Kazakhstan", 169)));
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.BASELINE);
    assertThat(replica.tweaks().requestsFor("/search?language=en&from=10")).as("a baseline reads one page").isZero();

    List<String> published = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      published.add(replica.catalog().publishNew(List.of(i % 2 == 0 ? 364 : 169), DAY, 5).slug());
    }
    PollReport report = monitor.pollEarlyWarning(false).orElseThrow();

    assertThat(report.archived()).isEqualTo(12);
    assertThat(Sql.column(db(), "SELECT slug FROM articles ORDER BY id")).as("oldest first").containsExactlyElementsOf(published);
    assertThat(replica.tweaks().requestsFor("/search?language=en&from=0")).isEqualTo(2);
    assertThat(replica.tweaks().requestsFor("/search?language=en&from=10")).as("the page after ten new ones, newest first").isEqualTo(1);
    assertThat(replica.tweaks().requestsFor("/search?language=en&from=20")).as("not beyond a known item").isZero();
    assertThat(replica.tweaks().requestsFor("/search?language=en&sort=relevance&from=10")).as("not the pager's relevance order").isZero();
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.NOT_MODIFIED);
  }

  @Test
  void theLatestListingStopsPagingWhenThePollsBudgetIsSpentAndKeepsWhatItRead() throws Exception {
    // 600 ms between requests (robots.txt included) and a budget (call_timeout) of 1.5 s: the first pages fit, not all five.
    MonitorConfig config = config(TestConfig.site(replica.baseUrl()).site("early_warning", "{source: latest, max_items: 2}")
        .site("request_delay", "600ms").site("call_timeout", "1500ms").site("read_timeout", "1s").country("Kyrgyzstan", 364));
    Monitor monitor = monitor(config);
    assertThat(monitor.pollEarlyWarning(false).orElseThrow().outcome()).isEqualTo(PollReport.Outcome.BASELINE);
    List<String> published = new java.util.ArrayList<>();
    for (int i = 0; i < 45; i++) {
      published.add(replica.catalog().publishNew(List.of(364), DAY, 5).slug());
    }

    PollReport report = monitor.pollEarlyWarning(false).orElseThrow();

    assertThat(report.outcome()).as(String.valueOf(report.problem())).isEqualTo(PollReport.Outcome.NEW);
    assertThat(report.archived()).isEqualTo(2);
    assertThat(Sql.column(db(), "SELECT slug FROM articles WHERE baseline = 0")).containsExactlyInAnyOrderElementsOf(published.subList(43, 45));
    assertThat(replica.tweaks().requestsFor("/search?language=en&from=40")).as("not read within the budget").isZero();
  }

  @Test
  void onceChecksTheSourceFirstAndStatusShowsIt() throws Exception {
    MonitorConfig config = config(TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364));
    String file = config.source().toString();
    assertThat(CliRun.of("once", "--config", file).out()).startsWith("early warning rss: 20 items taken as the baseline");

    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), DAY, 12);
    CliRun once = CliRun.of("once", "--config", file);

    assertThat(once.exitCode()).as(once.toString()).isZero();
    assertThat(once.out()).containsSubsequence("early warning rss: 20 items, new 1, archived 1, errors 0",
        "Kyrgyzstan (region 364): pages 3, seen 28, new 0, archived 0, errors 0");
    assertThat(CliRun.of("status", "--config", file).out()).contains("Early warning: rss, every 2m (" + replica.baseUrl() + "/rss.xml)")
        .containsPattern("last poll: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ \\(new\\)")
        .containsPattern("last new article: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ " + fresh.slug())
        .contains("errors: none");
    JsonNode json = new ObjectMapper().readTree(CliRun.of("status", "--json", "--config", file).out()).get("early_warning");
    assertThat(json.get("source").asText()).isEqualTo("rss");
    assertThat(json.get("every").asText()).isEqualTo("2m");
    assertThat(json.get("last_outcome").asText()).isEqualTo("new");
    assertThat(json.get("last_new_slug").asText()).isEqualTo(fresh.slug());
    assertThat(json.get("consecutive_failures").asInt()).isZero();
    assertThat(json.get("alert_open").asBoolean()).isFalse();
  }
}
