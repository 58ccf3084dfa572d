package org.industriallmonitor.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpFetcherTest {
  @RegisterExtension
  static WireMockExtension site = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  /** When each request to /p left this process: the pacer's work, measured where it acts, not at the loaded server. */
  private final List<Long> starts = new CopyOnWriteArrayList<>();
  private final OkHttpClient client = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10))
      .newBuilder().addInterceptor(chain -> {
        if (chain.request().url().encodedPath().equals("/p")) {
          starts.add(System.nanoTime());
        }
        return chain.proceed(chain.request());
      }).build();
  /** The waits between attempts, noted instead of spent: no test here waits out a backoff or a Retry-After. */
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeClient() {
    HttpClients.shutdown(client);
  }

  private HttpFetcher fetcher(Duration delay, int retries) {
    return new HttpFetcher(client, new HostPacer(delay, 1), new RetryPolicy(retries, Duration.ofMillis(10), Duration.ofSeconds(1)),
        "test-agent/1.0", 64 * 1024, url -> url.port() == site.getPort(), RobotsRules.ALLOW_ALL, waits::add);
  }

  private String url(String path) {
    return site.baseUrl() + path;
  }

  @Test
  void sendsTheUserAgentAndDecodesUtf8() throws Exception {
    site.stubFor(get("/a").willReturn(ok("<p>Atle Høie</p>").withHeader("Content-Type", "text/html; charset=utf-8")));

    FetchResult result = fetcher(Duration.ZERO, 0).fetch(url("/a"), Validators.NONE);

    assertThat(result.body()).isEqualTo("<p>Atle Høie</p>");
    site.verify(getRequestedFor(urlEqualTo("/a")).withHeader("User-Agent", equalTo("test-agent/1.0")));
  }

  @Test
  void retries503ThenSucceeds() throws Exception {
    site.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
    site.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
    site.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("third")
        .willReturn(ok("<p>fine</p>").withHeader("Content-Type", "text/html")));

    FetchResult result = fetcher(Duration.ZERO, 2).fetch(url("/flaky"), Validators.NONE);

    assertThat(result.body()).isEqualTo("<p>fine</p>");
    site.verify(3, getRequestedFor(urlEqualTo("/flaky")));
    // Base 10 ms, doubling, each wait between half and the whole of it.
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void aRetryAfterIsWaitedBeforeTheRetry() throws Exception {
    site.stubFor(get("/busy").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")).willSetStateTo("free"));
    site.stubFor(get("/busy").inScenario("busy").whenScenarioStateIs("free")
        .willReturn(ok("<p>fine</p>").withHeader("Content-Type", "text/html")));
    long start = System.nanoTime();

    FetchResult result = fetcher(Duration.ZERO, 1).fetch(url("/busy"), Validators.NONE);

    assertThat(result.body()).isEqualTo("<p>fine</p>");
    assertThat(waits).as("the server's Retry-After wins over a backoff of 10 ms").containsExactly(Duration.ofSeconds(120));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("noted, not spent").isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRetryAfterOfMoreThanTenMinutesIsNotWaitedFor() {
    site.stubFor(get("/later").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));

    assertThatThrownBy(() -> fetcher(Duration.ZERO, 3).fetch(url("/later"), Validators.NONE))
        .isInstanceOf(FetchException.class).hasMessageContaining("the server asks to wait longer than 10 minutes");
    assertThat(waits).isEmpty();
    site.verify(1, getRequestedFor(urlEqualTo("/later")));
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    site.stubFor(get("/down").willReturn(aResponse().withStatus(502)));

    assertThatThrownBy(() -> fetcher(Duration.ZERO, 2).fetch(url("/down"), Validators.NONE))
        .isInstanceOf(HttpStatusException.class)
        .hasMessage(url("/down") + ": HTTP 502");
    site.verify(3, getRequestedFor(urlEqualTo("/down")));
    assertThat(waits).hasSize(2);
  }

  @Test
  void notFoundIsNotRetried() {
    site.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> fetcher(Duration.ZERO, 3).fetch(url("/gone"), Validators.NONE)).isInstanceOf(PageGoneException.class);
    site.verify(1, getRequestedFor(urlEqualTo("/gone")));
  }

  @Test
  void sendsValidatorsAndReportsNotModified() throws Exception {
    site.stubFor(get("/v").withHeader("If-None-Match", equalTo("\"abc\""))
        .willReturn(aResponse().withStatus(304)));

    FetchResult result = fetcher(Duration.ZERO, 0).fetch(url("/v"), new Validators("\"abc\"", "Wed, 21 Oct 2015 07:28:00 GMT"));

    assertThat(result.notModified()).isTrue();
    site.verify(getRequestedFor(urlEqualTo("/v")).withHeader("If-Modified-Since", equalTo("Wed, 21 Oct 2015 07:28:00 GMT")));
  }

  @Test
  void followsRedirectsOnTheSiteButNotOffIt() throws Exception {
    site.stubFor(get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
    site.stubFor(get("/new").willReturn(ok("<p>moved</p>").withHeader("Content-Type", "text/html")));
    site.stubFor(get("/login").willReturn(aResponse().withStatus(302).withHeader("Location", "http://localhost:1/login")));

    assertThat(fetcher(Duration.ZERO, 0).fetch(url("/old"), Validators.NONE).body()).isEqualTo("<p>moved</p>");
    assertThatThrownBy(() -> fetcher(Duration.ZERO, 0).fetch(url("/login"), Validators.NONE))
        .isInstanceOf(UnusableResponseException.class)
        .hasMessageContaining("redirected off the site to http://localhost:1/login");
  }

  @Test
  void theSiteSaysWhereARequestGoesAndWhichHopsAreFollowedWithTheirPermanence() throws Exception {
    site.stubFor(get("/a").willReturn(aResponse().withStatus(301).withHeader("Location", "/b")));
    site.stubFor(get("/b").willReturn(aResponse().withStatus(302).withHeader("Location", "/c")));
    site.stubFor(get("/c").willReturn(aResponse().withStatus(308).withHeader("Location", "/d")));
    site.stubFor(get("/d").willReturn(ok("<p>d</p>").withHeader("Content-Type", "text/html")));
    List<Redirects.Hop> hops = new CopyOnWriteArrayList<>();
    Redirects redirects = new Redirects() {
      @Override
      public okhttp3.HttpUrl route(okhttp3.HttpUrl url) {
        return url.encodedPath().equals("/start") ? url.newBuilder().encodedPath("/a").build() : url;
      }

      @Override
      public boolean follow(Hop hop) {
        hops.add(hop);
        return true;
      }
    };
    HttpFetcher fetcher = new HttpFetcher(client, new HostPacer(Duration.ZERO, 1), new RetryPolicy(0, Duration.ofMillis(10), Duration.ofSeconds(1)),
        "test-agent/1.0", 64 * 1024, redirects, RobotsRules.ALLOW_ALL, waits::add);

    FetchResult result = fetcher.fetch(url("/start"), Validators.NONE);

    assertThat(result.body()).isEqualTo("<p>d</p>");
    assertThat(result.url()).as("the address asked for, wherever it was answered").isEqualTo(url("/start"));
    site.verify(0, getRequestedFor(urlEqualTo("/start")));
    assertThat(hops).extracting(h -> h.from().encodedPath() + ">" + h.target().encodedPath() + " " + h.status() + " " + h.permanentSoFar())
        .containsExactly("/a>/b 301 true", "/b>/c 302 false", "/c>/d 308 false");
    assertThat(hops).allSatisfy(h -> assertThat(h.start().encodedPath()).isEqualTo("/a"));
  }

  @Test
  void aHopTheSiteRefusesIsAnError() {
    site.stubFor(get("/away").willReturn(aResponse().withStatus(301).withHeader("Location", "/elsewhere")));
    HttpFetcher fetcher = new HttpFetcher(client, new HostPacer(Duration.ZERO, 1), new RetryPolicy(0, Duration.ofMillis(10), Duration.ofSeconds(1)),
        "test-agent/1.0", 64 * 1024, Redirects.onSite(u -> false), RobotsRules.ALLOW_ALL, waits::add);

    assertThatThrownBy(() -> fetcher.fetch(url("/away"), Validators.NONE)).isInstanceOf(UnusableResponseException.class)
        .hasMessageContaining("redirected off the site to " + url("/elsewhere"));
    site.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
  }

  @Test
  void refusesBodiesOverTheLimitAndNonHtml() {
    site.stubFor(get("/big").willReturn(ok("x".repeat(100 * 1024)).withHeader("Content-Type", "text/html")));
    site.stubFor(get("/pdf").willReturn(ok("%PDF").withHeader("Content-Type", "application/pdf")));

    assertThatThrownBy(() -> fetcher(Duration.ZERO, 0).fetch(url("/big"), Validators.NONE))
        .hasMessageContaining("larger than max_body_size (64 KB)");
    assertThatThrownBy(() -> fetcher(Duration.ZERO, 0).fetch(url("/pdf"), Validators.NONE))
        .hasMessageContaining("content type application/pdf is not HTML");
  }

  @Test
  void bytesThatAreNotValidInTheirCharsetAreAnError() {
    site.stubFor(get("/latin").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody(new byte[] {'<', 'p', '>', (byte) 0xF8, '<'})));

    assertThatThrownBy(() -> fetcher(Duration.ZERO, 0).fetch(url("/latin"), Validators.NONE))
        .isInstanceOf(UnusableResponseException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void anUnknownCharsetIsAnError() {
    site.stubFor(get("/odd").willReturn(ok("<p>x</p>").withHeader("Content-Type", "text/html; charset=x-martian")));

    assertThatThrownBy(() -> fetcher(Duration.ZERO, 0).fetch(url("/odd"), Validators.NONE))
        .isInstanceOf(UnusableResponseException.class)
        .hasMessageContaining("unknown charset 'x-martian'");
  }

  @Test
  void keepsTheRequestDelayBetweenStarts() throws Exception {
    site.stubFor(get("/p").willReturn(ok("<p>x</p>").withHeader("Content-Type", "text/html")));
    HttpFetcher paced = fetcher(Duration.ofMillis(150), 0);

    for (int i = 0; i < 3; i++) {
      paced.fetch(url("/p"), Validators.NONE);
    }

    assertThat(site.findAll(getRequestedFor(urlEqualTo("/p")))).hasSize(3);
    assertThat(starts).hasSize(3);
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.ofNanos(starts.get(i) - starts.get(i - 1)).toMillis()).isGreaterThanOrEqualTo(140);
    }
  }

  @Test
  void aTricklingBodyCostsOneBudgetAcrossEveryAttempt() {
    // A server of its own: the dribble goes on after the fetcher gave up, and stops with it.
    WireMockServer trickling = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    trickling.start();
    try {
      // 8 KB dribbled over 20 s: no read ever waits 2 s, so only a call timeout (10 s) or the budget stops it.
      trickling.stubFor(get("/trickle").willReturn(ok("x".repeat(8192)).withHeader("Content-Type", "application/rss+xml")
          .withChunkedDribbleDelay(40, 20_000)));
      String url = trickling.baseUrl() + "/trickle";
      HttpFetcher fetcher = new HttpFetcher(client, new HostPacer(Duration.ZERO, 1),
          new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1)), "test-agent/1.0", 64 * 1024, u -> true, RobotsRules.ALLOW_ALL,
          waits::add);
      long start = System.nanoTime();

      assertThatThrownBy(() -> fetcher.fetch(url, Validators.NONE, Accepts.FEED, Deadline.after(Duration.ofMillis(1500), "the test's budget")))
          .isInstanceOf(FetchException.class).hasMessageStartingWith(url + ": no answer within the test's budget of 1.5 s")
          .satisfies(e -> assertThat(((FetchException) e).retryable()).isFalse());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      trickling.verify(1, getRequestedFor(urlEqualTo("/trickle")));
    } finally {
      trickling.stop();
    }
  }

  @Test
  void aRetryWhoseWaitOutlastsTheBudgetIsNotMade() {
    site.stubFor(get("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));
    long start = System.nanoTime();

    assertThatThrownBy(() -> fetcher(Duration.ZERO, 3).fetch(url("/busy"), Validators.NONE, Accepts.HTML,
        Deadline.after(Duration.ofSeconds(5), "the test's budget")))
        .isInstanceOf(FetchException.class).hasMessageContaining("no answer within the test's budget of 5 s").hasMessageContaining("503");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not waiting 30 s for a retry").isLessThan(Duration.ofSeconds(5));
    site.verify(1, getRequestedFor(urlEqualTo("/busy")));
  }
}
