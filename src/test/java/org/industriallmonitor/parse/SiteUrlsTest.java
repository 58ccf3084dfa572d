package org.industriallmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
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

  @Test
  void aRedirectThatKeepsThePageSwapsOnlyTheBase() {
    assertThat(loopback.swap("http://127.0.0.1:8080/base/search?regions=364&from=10", "http://new.example/y/search?regions=364&from=10"))
        .contains(new SiteUrls.Swap("http://127.0.0.1:8080/base", "http://new.example/y"));
    assertThat(https.swap("https://www.industriall-union.org/rss.xml", "https://new.industriall-union.org/rss.xml"))
        .contains(new SiteUrls.Swap("https://www.industriall-union.org", "https://new.industriall-union.org"));
    assertThat(loopback.swap("http://127.0.0.1:8080/base/search?regions=364", "http://new.example/login")).as("a login page").isEmpty();
    assertThat(loopback.swap("http://127.0.0.1:8080/base/search?regions=364", "http://new.example/search?regions=1")).as("another query")
        .isEmpty();
    assertThat(loopback.swap("http://127.0.0.1:8080/base/a", "http://new.example/")).as("another site's home").isEmpty();
    assertThat(loopback.swap("http://127.0.0.1:8080/base", "http://new.example/")).as("the base itself: no page kept").isEmpty();
    assertThat(loopback.swap("http://127.0.0.1:9090/base/a", "http://new.example/a")).as("not below the site's base").isEmpty();
  }

  @Test
  void whereTheSiteMovedToIsTheSiteAsWellAndItsArticlesKeepTheirSlugs() {
    SiteUrls.Elsewhere[] elsewhere = {SiteUrls.Elsewhere.NONE};
    SiteUrls urls = new SiteUrls(URI.create("http://old.example/x"), () -> elsewhere[0]);
    assertThat(urls.slugOf("http://new.example/y/an-article")).isEmpty();
    assertThat(urls.article("an-article")).isEqualTo("http://old.example/x/an-article");

    elsewhere[0] = new SiteUrls.Elsewhere("http://new.example/y", java.util.List.of("http://detour.example"));
    assertThat(urls.slugOf("http://new.example/y/an-article")).contains("an-article");
    assertThat(urls.slugOf("http://old.example/x/an-article")).contains("an-article");
    assertThat(urls.slugOf("http://detour.example/an-article")).contains("an-article");
    assertThat(urls.slugOf("http://new.example/an-article")).as("not below the new base").isEmpty();
    assertThat(urls.isListing("http://new.example/y/search?regions=364")).isTrue();
    assertThat(urls.article("an-article")).isEqualTo("http://new.example/y/an-article");
    assertThat(urls.baseInForce()).isEqualTo("http://new.example/y");
    assertThat(urls.base()).isEqualTo("http://old.example/x");
    assertThat(urls.listing(364, 0)).startsWith("http://old.example/x/search?");
    assertThat(urls.rebase("http://old.example/x/search?regions=364", "http://new.example/y")).contains("http://new.example/y/search?regions=364");
    assertThat(urls.rebase("http://elsewhere.example/x/search", "http://new.example/y")).isEmpty();
    assertThat(urls.isSitePage("http://new.example/y/es/search?language=es")).isTrue();
    assertThat(urls.isSitePage("http://old.example/x/rss.xml")).isTrue();
    assertThat(urls.isSitePage("http://old.example/x/an-article")).isFalse();
    assertThat(SiteUrls.sameBase("http://www.new.example/y/", "http://new.example/y")).isTrue();
    assertThat(SiteUrls.sameBase("http://new.example/y", "http://new.example/z")).isFalse();
  }

  @Test
  void oneOriginWhateverThePathAndBelowTheConfiguredBase() {
    assertThat(SiteUrls.sameOrigin("http://h.example", "http://h.example/en/search?x=1")).isTrue();
    assertThat(SiteUrls.sameOrigin("http://www.h.example/x", "https://h.example/y")).as("http on 80 and https on 443 of a host").isTrue();
    assertThat(SiteUrls.sameOrigin("http://h.example", "http://h.example:8080/")).isFalse();
    assertThat(SiteUrls.sameOrigin("http://h.example", "http://other.example/")).isFalse();

    SiteUrls urls = new SiteUrls(URI.create("http://h.example/x"), () -> new SiteUrls.Elsewhere("http://new.example", List.of()));
    assertThat(urls.isBelowConfiguredBase("http://h.example/x/search?regions=1")).isTrue();
    assertThat(urls.isBelowConfiguredBase("http://h.example/y/search")).isFalse();
    assertThat(urls.isBelowConfiguredBase("http://new.example/search")).as("where it moved is not the configured base").isFalse();
  }
}
