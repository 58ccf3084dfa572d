package org.industriallmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The site is an origin: scheme, host (with or without {@code www.}) and port, default ports normalised. */
class SiteUrlsTest {
  private final SiteUrls https = new SiteUrls(URI.create("https://www.industriall-union.org"));
  private final SiteUrls loopback = new SiteUrls(URI.create("http://127.0.0.1:8080/base"));

  @Test
  void anAddressIsOnTheSiteOnlyWithItsSchemeHostAndPort() {
    assertThat(https.isOnSite("https://www.industriall-union.org/a")).isTrue();
    assertThat(https.isOnSite("https://www.industriall-union.org:443/a")).as("the default port written out").isTrue();
    assertThat(https.isOnSite("HTTPS://WWW.IndustriALL-union.org/a")).isTrue();
    assertThat(https.isOnSite("https://industriall-union.org/a")).as("without www.").isTrue();
    assertThat(https.isOnSite("https://www.industriall-union.org:8443/a")).as("another port").isFalse();
    assertThat(https.isOnSite("http://www.industriall-union.org/a")).as("http on port 80 of the same host: the same site").isTrue();
    assertThat(https.isOnSite("http://www.industriall-union.org:8080/a")).as("another port and scheme").isFalse();
    assertThat(https.isOnSite("ftp://www.industriall-union.org/a")).as("another scheme").isFalse();
    assertThat(https.isOnSite("https://example.org/a")).isFalse();

    assertThat(loopback.isOnSite("http://127.0.0.1:8080/base/a")).isTrue();
    assertThat(loopback.isOnSite("http://127.0.0.1/base/a")).as("port 80 is not 8080").isFalse();
    assertThat(loopback.isOnSite("http://127.0.0.1:8081/base/a")).isFalse();
    assertThat(new SiteUrls(URI.create("http://127.0.0.1")).isOnSite("http://127.0.0.1:80/a")).isTrue();
  }

  @Test
  void linksToAnotherOriginOfTheHostAreNeitherArticlesNorListings() {
    assertThat(loopback.slugOf("http://127.0.0.1:8080/base/some-article")).contains("some-article");
    assertThat(loopback.slugOf("http://127.0.0.1:9090/base/some-article")).isEmpty();
    assertThat(loopback.slugOf("https://127.0.0.1:8080/base/some-article")).isEmpty();
    assertThat(https.slugOf("https://www.industriall-union.org:443/some-article")).contains("some-article");
    assertThat(https.slugOf("http://www.industriall-union.org/some-article")).as("an http link on an https site")
        .contains("some-article");
    assertThat(https.slugOf("http://www.industriall-union.org:8080/some-article")).isEmpty();

    assertThat(loopback.isListing("http://127.0.0.1:8080/base/search?language=en&from=10")).isTrue();
    assertThat(loopback.isListing("http://127.0.0.1:9090/base/search?language=en&from=10")).isFalse();
  }
}
