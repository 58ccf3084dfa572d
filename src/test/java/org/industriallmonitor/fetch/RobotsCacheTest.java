package org.industriallmonitor.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RobotsCacheTest {
  @RegisterExtension
  static WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private final OkHttpClient client = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
  private final HostPacer pacer = new HostPacer(Duration.ZERO, 1);
  private final RetryPolicy twoRetries = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50));
  /** The waits between attempts, noted instead of spent. */
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final RobotsCache robots =
      new RobotsCache(client, pacer, "industriall-monitor/0.1 (+mailto:ops@example.org)", twoRetries, Clock.systemUTC(), waits::add);

  @AfterEach
  void close() {
    HttpClients.shutdown(client);
  }

  private HttpUrl url(String path) {
    return HttpUrl.get(site.baseUrl() + path);
  }

  /** Where the site moved to: the old origin's robots.txt redirects there, and it has its own. */
  @RegisterExtension
  static WireMockExtension movedTo = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {301, 308})
  void aRobotsTxtThatMovedToAnotherOriginIsFollowedAndThatOriginsRulesObeyedForBoth(int status) {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(status).withHeader("Location", movedTo.baseUrl() + "/robots.txt")));
    movedTo.stubFor(get("/robots.txt").willReturn(aResponse().withBody("User-agent: *\nDisallow: /private\nCrawl-delay: 2\n")));

    assertThatThrownBy(() -> robots.check(url("/private/page"))).isInstanceOf(RobotsDisallowedException.class);
    assertThatThrownBy(() -> robots.check(HttpUrl.get(movedTo.baseUrl() + "/private/page"))).isInstanceOf(RobotsDisallowedException.class);
    assertThatCode(() -> robots.check(HttpUrl.get(movedTo.baseUrl() + "/search"))).doesNotThrowAnyException();

    assertThat(pacer.delayFor(HttpUrl.get(movedTo.baseUrl()).host())).as("the new host's Crawl-delay paces it").isEqualTo(Duration.ofSeconds(2));
    movedTo.verify(2, getRequestedFor(urlEqualTo("/robots.txt")));
  }

  @Test
  void theGroupOfOurProductTokenApplies() {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withBody(
        "User-agent: *\nDisallow: /\n\nUser-agent: industriall-monitor\nDisallow: /private\n")));

    assertThatCode(() -> robots.check(url("/search?regions=364"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> robots.check(url("/private/page"))).isInstanceOf(RobotsDisallowedException.class)
        .hasMessageContaining("disallowed by robots.txt");
  }

  @Test
  void rulesMatchTheQueryAndPercentEncodedPaths() {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withBody(
        "User-agent: *\nDisallow: /search?regions=99\nDisallow: /caf%C3%A9\nDisallow: /*.pdf$\n")));

    assertThatCode(() -> robots.check(url("/search?regions=364&from=10"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> robots.check(url("/search?regions=99&from=0"))).isInstanceOf(RobotsDisallowedException.class);
    assertThatThrownBy(() -> robots.check(url("/caf%C3%A9/menu"))).isInstanceOf(RobotsDisallowedException.class);
    assertThatThrownBy(() -> robots.check(url("/café"))).isInstanceOf(RobotsDisallowedException.class);
    assertThatThrownBy(() -> robots.check(url("/files/report.pdf"))).isInstanceOf(RobotsDisallowedException.class);
    assertThatCode(() -> robots.check(url("/files/report.pdf?page=2"))).doesNotThrowAnyException();
  }

  @Test
  void robotsTxtIsFetchedOnceAndKept() throws Exception {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withBody("User-agent: *\nAllow: /\n")));

    for (int i = 0; i < 5; i++) {
      robots.check(url("/page-" + i));
    }

    site.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
  }

  @Test
  void aMissingRobotsTxtAllowsEverything() {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(404)));

    assertThatCode(() -> robots.check(url("/anything"))).doesNotThrowAnyException();
  }

  @Test
  void anUnreadableRobotsTxtStopsTheCrawlOfTheHostAfterTheRetries() {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> robots.check(url("/search")))
        .isInstanceOf(RobotsUnavailableException.class)
        .hasMessageContaining("robots.txt answered HTTP 503; not crawling this host until it can be read");
    site.verify(3, getRequestedFor(urlEqualTo("/robots.txt")));
    assertThat(waits).as("a backoff before each retry").hasSize(2);
  }

  @Test
  void aServerErrorOfRobotsTxtIsRetriedLikeAPage() throws Exception {
    site.stubFor(get("/robots.txt").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    site.stubFor(get("/robots.txt").inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withBody("User-agent: *\nDisallow: /private\n")));

    robots.check(url("/search"));

    site.verify(2, getRequestedFor(urlEqualTo("/robots.txt")));
    assertThatThrownBy(() -> robots.check(url("/private"))).isInstanceOf(RobotsDisallowedException.class);
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> robots.check(HttpUrl.get("http://127.0.0.1:" + closedPort + "/search")))
        .isInstanceOf(RobotsUnavailableException.class).hasMessageContaining("cannot reach http://127.0.0.1:" + closedPort + "/robots.txt");
    // Two retries with backoff of at least 10 ms and 20 ms halved: the attempts were spread out, not fired at once.
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0).plus(waits.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(15));
  }

  @Test
  void aNewConfigurationKeepsTheRulesUnlessTheProductTokenChanges() throws Exception {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withBody("User-agent: *\nCrawl-delay: 2\n")));
    robots.check(url("/search"));

    robots.configure(client, "industriall-monitor/0.2 (+mailto:other@example.org)", twoRetries);
    robots.check(url("/search"));
    site.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));

    robots.configure(client, "another-bot/1.0", twoRetries);
    robots.check(url("/search"));
    site.verify(2, getRequestedFor(urlEqualTo("/robots.txt")));
    assertThat(pacer.delayFor(url("/").host())).as("the Crawl-delay learned stays").isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aLongerCrawlDelayRaisesThePacing() throws Exception {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withBody("User-agent: *\nCrawl-delay: 3\n")));

    robots.check(url("/search"));

    assertThat(pacer.delayFor(url("/").host())).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void productTokenIsTheFirstWordOfTheUserAgent() {
    assertThat(RobotsCache.productToken("industriall-monitor/0.1 (+https://example.org)")).isEqualTo("industriall-monitor");
    assertThat(RobotsCache.productToken("MyBot")).isEqualTo("mybot");
  }

  @Test
  void aRobotsTxtOfANamedHostRedirectedToALoopbackAddressIsNotFollowedAndCountsAsUnavailable() {
    // The site's public name answers on this machine through the client's own resolver: no DNS is asked.
    OkHttpClient named = client.newBuilder().dns(host -> host.equals("www.industriall-union.org")
        ? List.of(InetAddress.getLoopbackAddress()) : okhttp3.Dns.SYSTEM.lookup(host)).build();
    RobotsCache cache = new RobotsCache(named, pacer, "industriall-monitor/0.1 (+mailto:ops@example.org)", twoRetries, Clock.systemUTC(),
        waits::add);
    site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://127.0.0.1:" + movedTo.getPort() + "/robots.txt")));
    movedTo.stubFor(get("/robots.txt").willReturn(aResponse().withBody("User-agent: *\nDisallow: /\n")));

    assertThatCode(() -> cache.check(HttpUrl.get("http://www.industriall-union.org:" + site.getPort() + "/search")))
        .doesNotThrowAnyException();

    site.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
    movedTo.verify(0, getRequestedFor(urlEqualTo("/robots.txt")));
  }
}
