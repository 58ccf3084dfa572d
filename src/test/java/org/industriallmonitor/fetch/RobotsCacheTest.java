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
import java.time.Clock;
import java.time.Duration;
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
  private final RobotsCache robots = new RobotsCache(client, pacer, "industriall-monitor/0.1 (+mailto:ops@example.org)", Clock.systemUTC());

  @AfterEach
  void close() {
    HttpClients.shutdown(client);
  }

  private HttpUrl url(String path) {
    return HttpUrl.get(site.baseUrl() + path);
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
  void anUnreadableRobotsTxtStopsTheCrawlOfTheHost() {
    site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> robots.check(url("/search")))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("robots.txt answered HTTP 503; not crawling this host until it can be read");
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
}
