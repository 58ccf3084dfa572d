package org.industriallmonitor.site;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.SiteConfig;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.fetch.Validators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Politeness outlives a reload: one pacer and one robots.txt cache for crawls before and after it. */
class SiteTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  /** When each page request left this process: the pacer's work, measured where it acts, not at the loaded server. */
  private final List<Long> pageStarts = new CopyOnWriteArrayList<>();
  private final OkHttpClient client = HttpClients.create().newBuilder().addInterceptor(chain -> {
    if (chain.request().url().encodedPath().equals("/page")) {
      pageStarts.add(System.nanoTime());
    }
    return chain.proceed(chain.request());
  }).build();

  @BeforeEach
  void pages() {
    server.stubFor(get(urlPathEqualTo("/page")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<p>x</p>")));
  }

  @AfterEach
  void close() {
    HttpClients.shutdown(client);
  }

  private SiteConfig site(String requestDelay, String userAgent) {
    String yaml = "site:\n  base_url: " + server.baseUrl() + "\n  request_delay: " + requestDelay + "\n  user_agent: \"" + userAgent
        + "\"\n  retries: 0\ncountries: [{name: Kyrgyzstan, region: 364}]\n";
    return new ConfigLoader(name -> null).parse(Path.of("monitor.yaml"), yaml).site();
  }

  @Test
  void aCrawlInFlightAndACrawlAfterAReloadShareOnePacer() throws Exception {
    Site site = new Site(site("250ms", "industriall-monitor-test/1.0"), client, Clock.systemUTC());
    SiteReader before = site.reader();
    before.fetcher().fetch(server.baseUrl() + "/page?n=1", Validators.NONE);

    site.reconfigure(site("250ms", "industriall-monitor-test/1.1"));
    SiteReader after = site.reader();
    after.fetcher().fetch(server.baseUrl() + "/page?n=2", Validators.NONE);
    before.fetcher().fetch(server.baseUrl() + "/page?n=3", Validators.NONE);

    assertThat(after).isNotSameAs(before);
    List<LoggedRequest> pages = server.findAll(getRequestedFor(urlPathEqualTo("/page")));
    assertThat(pages).hasSize(3);
    assertThat(pageStarts).hasSize(3);
    for (int i = 1; i < pageStarts.size(); i++) {
      assertThat(Duration.ofNanos(pageStarts.get(i) - pageStarts.get(i - 1)).toMillis())
          .as("request %d, by either reader, waits for the one before it", i).isGreaterThanOrEqualTo(240);
    }
    server.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
  }

  @Test
  void aCrawlDelayLearnedBeforeAReloadIsKeptAfterIt() throws Exception {
    server.stubFor(get("/robots.txt").willReturn(aResponse().withBody("User-agent: *\nCrawl-delay: 0.3\n")));
    Site site = new Site(site("0ms", "industriall-monitor-test/1.0"), client, Clock.systemUTC());
    site.reader().fetcher().fetch(server.baseUrl() + "/page", Validators.NONE);
    String host = okhttp3.HttpUrl.get(server.baseUrl()).host();

    site.reconfigure(site("10ms", "industriall-monitor-test/1.0"));

    assertThat(site.delayFor(host)).isEqualTo(Duration.ofMillis(300));
    site.reader().fetcher().fetch(server.baseUrl() + "/page?again", Validators.NONE);
    server.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
  }
}
