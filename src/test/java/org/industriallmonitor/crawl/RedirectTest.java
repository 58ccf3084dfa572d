package org.industriallmonitor.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Articles that redirect to another origin of the same host (another port; http to https): the
 * site is an origin (scheme, host, port), so neither redirect is followed, the target's
 * robots.txt is never read, each is an error naming its target, and the next walk takes both
 * once the site stops redirecting: nothing is lost or archived twice.
 */
class RedirectTest {
  private static final String STRUGGLE = "/kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";
  private static final String ORGANIZING = "/organizing-leads-to-massive-increase-of-the-union-membership-in-kyrgyzstan";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private WireMockServer site;
  private WireMockServer otherOrigin;

  @BeforeEach
  void start() {
    site = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    otherOrigin = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
    site.start();
    otherOrigin.start();
    site.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
    otherOrigin.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
  }

  @AfterEach
  void stop() {
    site.stop();
    otherOrigin.stop();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aRedirectToAnotherPortOrToHttpsOfTheSameHostIsNotFollowedAndThatOriginsRobotsTxtIsNeverRead() throws Exception {
    String toOtherPort = "http://127.0.0.1:" + otherOrigin.port() + STRUGGLE;
    String toHttps = "https://127.0.0.1:" + otherOrigin.httpsPort() + ORGANIZING;
    site.stubFor(get(STRUGGLE).atPriority(1).willReturn(aResponse().withStatus(302).withHeader("Location", toOtherPort)));
    site.stubFor(get(ORGANIZING).atPriority(1).willReturn(aResponse().withStatus(301).withHeader("Location", toHttps)));
    Path file = TestConfig.site(URI.create("http://127.0.0.1:" + site.port())).country("Kyrgyzstan", 364).writeTo(dir);
    MonitorConfig config = new ConfigLoader(System::getenv).load(file);

    try (Components parts = Components.builder(config).http(CompletableFuture.completedFuture(trustingTestCertificates())).build()) {
      CrawlReport report = parts.monitor().crawl(new CountryConfig("Kyrgyzstan", 364));

      assertThat(report.archived()).isEqualTo(25);
      assertThat(report.problems()).hasSize(2)
          .anySatisfy(p -> assertThat(p).contains("redirected off the site to " + toOtherPort).contains("not following"))
          .anySatisfy(p -> assertThat(p).contains("redirected off the site to " + toHttps).contains("not following"));
      assertThat(otherOrigin.getAllServeEvents()).as("neither its pages nor its robots.txt").isEmpty();
      otherOrigin.verify(0, getRequestedFor(urlEqualTo("/robots.txt")));

      // Nothing lost: once the site serves them itself, the next walk archives both, and only those.
      site.removeStub(site.getStubMappings().stream().filter(m -> m.getPriority() == 1).findFirst().orElseThrow());
      site.removeStub(site.getStubMappings().stream().filter(m -> m.getPriority() == 1).findFirst().orElseThrow());
      CrawlReport next = parts.monitor().crawl(new CountryConfig("Kyrgyzstan", 364));
      assertThat(next.problems()).isEmpty();
      assertThat(next.archived()).isEqualTo(2);
    }
    assertThat(otherOrigin.getAllServeEvents()).isEmpty();
  }

  /** The monitor's client, trusting the self-signed certificate of the test server's https port. */
  private static OkHttpClient trustingTestCertificates() throws Exception {
    X509TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {trustAll}, new SecureRandom());
    return HttpClients.create().newBuilder().sslSocketFactory(tls.getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true)
        .build();
  }
}
