package org.industriallmonitor.site;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.SiteConfig;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.fetch.RobotsDisallowedException;
import org.industriallmonitor.fetch.UnusableResponseException;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A site whose base address redirects: the old address is the replica's redirecting second address (every
 * request answered with the same path and query on the new host), the new host a WireMock server.
 */
class SiteMovesTest {
  @RegisterExtension
  static WireMockExtension moved = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
  /** The configured base, where it answers for itself. */
  @RegisterExtension
  static WireMockExtension home = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
  /** Another host still: where the new base moves on to, or another site. */
  @RegisterExtension
  static WireMockExtension third = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private static final String LISTING = "/search?regions=364&language=en&sort=relevance&from=0";
  /** A listing the configured base answers itself: its summary line shows it is the site's. */
  private static final String HOME_LISTING = "<div class=\"search-results__summary\">Showing 1-1 of 1 results (home again)</div>";

  private final OkHttpClient client = HttpClients.create();
  private final List<SiteMove> heard = new CopyOnWriteArrayList<>();
  /** The bases whose moves the site ended. */
  private final List<String> ended = new CopyOnWriteArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
  private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void newHost() {
    moved.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody("<a href=\"" + moved.baseUrl() + "/an-article\">An article</a>")));
    moved.stubFor(get("/an-article").willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<p>text</p>")));
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
    HttpClients.shutdown(client);
  }

  private URI redirecting(URI target, int status) throws Exception {
    ReplicaServer.Redirect redirect = ReplicaServer.redirecting(target, status);
    servers.add(redirect);
    return redirect.baseUrl();
  }

  private Site site(URI base) {
    String yaml = "site:\n  base_url: " + base + "\n  request_delay: 0s\n  retries: 0\ncountries: [{name: Kyrgyzstan, region: 364}]\n";
    SiteConfig config = new ConfigLoader(name -> null).parse(Path.of("monitor.yaml"), yaml).site();
    Site site = new Site(config, client, clock);
    site.onMove(new SiteMove.Listener() {
      @Override
      public boolean moved(SiteMove move) {
        return heard.add(move);
      }

      @Override
      public boolean ended(String from) {
        return ended.add(from);
      }
    });
    return site;
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 308})
  void aPermanentRedirectIsFollowedHeardOnceAndThenGoneStraightTo(int status) throws Exception {
    URI old = redirecting(URI.create(moved.baseUrl()), status);
    Site site = site(old);
    SiteReader reader = site.reader();

    FetchResult first = reader.fetcher().fetch(old + LISTING, Validators.NONE);
    FetchResult second = site.reader().fetcher().fetch(old + LISTING, Validators.NONE);

    assertThat(first.body()).contains("An article");
    assertThat(second.body()).contains("An article");
    assertThat(first.url()).as("the result names the address asked for").isEqualTo(old + LISTING);
    assertThat(heard).containsExactly(new SiteMove(old.toString(), moved.baseUrl(), status));
    assertThat(heard.get(0).yamlLine()).isEqualTo("base_url: " + moved.baseUrl());
    assertThat(site.movedTo()).contains(moved.baseUrl());
    moved.verify(2, getRequestedFor(urlEqualTo(LISTING)));
    // Once as the old origin's (its robots.txt redirects there too), once as the new origin's own: then kept a day.
    moved.verify(2, getRequestedFor(urlEqualTo("/robots.txt")));
    // The reader of a crawl already in flight takes the new host's links as the site's: the same slug on either host.
    assertThat(reader.urls().slugOf(moved.baseUrl() + "/an-article")).contains("an-article");
    assertThat(reader.urls().slugOf(old + "/an-article")).contains("an-article");
    assertThat(reader.urls().article("an-article")).isEqualTo(moved.baseUrl() + "/an-article");
    assertThat(reader.urls().base()).as("listings are asked for below the configured base").isEqualTo(old.toString());
  }

  @Test
  void theNewHostsRobotsTxtIsObeyedBeforeItsPages() throws Exception {
    moved.stubFor(get("/robots.txt").willReturn(aResponse().withBody("User-agent: *\nDisallow: /an-article\n")));
    URI old = redirecting(URI.create(moved.baseUrl()), 301);
    Site site = site(old);

    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);
    assertThatThrownBy(() -> site.reader().fetcher().fetch(old + "/an-article", Validators.NONE))
        .isInstanceOf(RobotsDisallowedException.class).hasMessageContaining(moved.baseUrl() + "/an-article");

    moved.verify(0, getRequestedFor(urlPathEqualTo("/an-article")));
    assertThat(heard).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {302, 307})
  void aTemporaryRedirectIsFollowedWithoutAMove(int status) throws Exception {
    URI old = redirecting(URI.create(moved.baseUrl()), status);
    Site site = site(old);

    FetchResult first = site.reader().fetcher().fetch(old + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);

    assertThat(first.body()).contains("An article");
    assertThat(heard).isEmpty();
    assertThat(site.movedTo()).isEmpty();
    assertThat(site.reader().urls().article("an-article")).isEqualTo(old + "/an-article");
    assertThat(site.reader().urls().slugOf(moved.baseUrl() + "/an-article")).as("the detour's links are the site's").contains("an-article");
    moved.verify(2, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void aRedirectThatDoesNotKeepThePageIsRefused() throws Exception {
    URI other = URI.create(third.baseUrl());
    moved.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(301).withHeader("Location", other + "/login")));
    moved.stubFor(get("/gone-home").willReturn(aResponse().withStatus(301).withHeader("Location", other + "/")));
    Site site = site(URI.create(moved.baseUrl()));

    assertThatThrownBy(() -> site.reader().fetcher().fetch(moved.baseUrl() + LISTING, Validators.NONE))
        .isInstanceOf(UnusableResponseException.class).hasMessageContaining("redirected off the site to " + other + "/login");
    assertThatThrownBy(() -> site.reader().fetcher().fetch(moved.baseUrl() + "/gone-home", Validators.NONE))
        .isInstanceOf(UnusableResponseException.class).hasMessageContaining("redirected off the site");
    assertThat(heard).isEmpty();
    assertThat(site.movedTo()).isEmpty();
    third.verify(0, getRequestedFor(urlPathEqualTo("/login")));
  }

  @Test
  void aMoveBackToTheConfiguredBaseEndsTheMove() throws Exception {
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(301).withHeader("Location", moved.baseUrl() + LISTING)));
    Site site = site(URI.create(home.baseUrl()));
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    assertThat(site.movedTo()).contains(moved.baseUrl());

    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(HOME_LISTING)));
    moved.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(301).withHeader("Location", home.baseUrl() + LISTING)));
    FetchResult back = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    FetchResult after = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(back.body()).contains("home again");
    assertThat(after.body()).contains("home again");
    assertThat(site.movedTo()).isEmpty();
    assertThat(heard).containsExactly(new SiteMove(home.baseUrl(), moved.baseUrl(), 301));
    assertThat(ended).as("the move back ends the move; home answering for itself then says no more")
        .containsExactly(home.baseUrl());
    moved.verify(2, getRequestedFor(urlEqualTo(LISTING)));
    home.verify(3, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void aPermanentRedirectOfTheNewBaseIsAMoveOfItsOwn() throws Exception {
    URI old = redirecting(URI.create(moved.baseUrl()), 301);
    Site site = site(old);
    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);

    moved.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(308).withHeader("Location", third.baseUrl() + LISTING)));
    third.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<p>third</p>")));
    FetchResult there = site.reader().fetcher().fetch(old + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);

    assertThat(there.body()).contains("third");
    assertThat(heard).containsExactly(new SiteMove(old.toString(), moved.baseUrl(), 301), new SiteMove(old.toString(), third.baseUrl(), 308));
    assertThat(site.movedTo()).contains(third.baseUrl());
    moved.verify(2, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void aBaseWithAPathMovesWithItsPagesBelowIt() throws Exception {
    moved.stubFor(get(urlPathEqualTo("/y/search")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<p>below y</p>")));
    home.stubFor(get(urlPathEqualTo("/x/search")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", moved.baseUrl() + "/y" + LISTING)));
    Site site = site(URI.create(home.baseUrl() + "/x"));

    FetchResult page = site.reader().fetcher().fetch(home.baseUrl() + "/x" + LISTING, Validators.NONE);

    assertThat(page.body()).contains("below y");
    assertThat(heard).containsExactly(new SiteMove(home.baseUrl() + "/x", moved.baseUrl() + "/y", 301));
    assertThat(site.reader().urls().slugOf(moved.baseUrl() + "/y/an-article")).contains("an-article");
    assertThat(site.reader().urls().article("an-article")).isEqualTo(moved.baseUrl() + "/y/an-article");
  }

  @Test
  void aRedirectOnTheSitesOwnOriginIsFollowedAsEverAndIsNoMove() throws Exception {
    home.stubFor(get("/x/old-slug").willReturn(aResponse().withStatus(301).withHeader("Location", home.baseUrl() + "/new-slug")));
    home.stubFor(get("/new-slug").willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<p>same origin</p>")));
    Site site = site(URI.create(home.baseUrl() + "/x"));

    assertThat(site.reader().fetcher().fetch(home.baseUrl() + "/x/old-slug", Validators.NONE).body()).contains("same origin");
    assertThat(heard).isEmpty();
    assertThat(site.movedTo()).isEmpty();
  }

  @Test
  void anArticleSentToAnUnknownHostIsRefusedEvenWithItsPathKept() throws Exception {
    home.stubFor(get("/an-article").willReturn(aResponse().withStatus(301).withHeader("Location", moved.baseUrl() + "/an-article")));
    Site site = site(URI.create(home.baseUrl()));

    assertThatThrownBy(() -> site.reader().fetcher().fetch(home.baseUrl() + "/an-article", Validators.NONE))
        .isInstanceOf(UnusableResponseException.class).hasMessageContaining("redirected off the site");
    assertThat(heard).isEmpty();
    moved.verify(0, getRequestedFor(urlPathEqualTo("/an-article")));
  }

  @Test
  void aDetourThatBecomesPermanentIsAMove() throws Exception {
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(302).withHeader("Location", moved.baseUrl() + LISTING)));
    Site site = site(URI.create(home.baseUrl()));
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    assertThat(heard).isEmpty();

    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(301).withHeader("Location", moved.baseUrl() + LISTING)));
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(heard).containsExactly(new SiteMove(home.baseUrl(), moved.baseUrl(), 301));
    assertThat(site.movedTo()).contains(moved.baseUrl());
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 308})
  void aRedirectToADeeperPathOfTheSameOriginIsNoMoveAndGivesNoSecondSlug(int status) throws Exception {
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(status).withHeader("Location", home.baseUrl() + "/en" + LISTING)));
    home.stubFor(get(urlEqualTo("/en" + LISTING)).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody("<a href=\"" + home.baseUrl() + "/foo\">foo</a>")));
    Site site = site(URI.create(home.baseUrl()));

    FetchResult page = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(page.body()).contains("foo");
    assertThat(heard).isEmpty();
    assertThat(site.movedTo()).isEmpty();
    assertThat(site.reader().urls().slugOf(home.baseUrl() + "/foo")).contains("foo");
    assertThat(site.reader().urls().article("foo")).isEqualTo(home.baseUrl() + "/foo");
    assertThat(site.reader().urls().isListing(home.baseUrl() + "/en/search?regions=1")).as("no detour below /en").isFalse();
    home.verify(2, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void aMoveWhoseRecordingFailedIsRecordedAtTheNextRequest() throws Exception {
    URI old = redirecting(URI.create(moved.baseUrl()), 301);
    Site site = site(old);
    java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    // The database was busy the first time.
    site.onMove(move -> attempts.incrementAndGet() > 1 && heard.add(move));

    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);
    assertThat(heard).isEmpty();
    assertThat(site.movedTo()).as("followed all the same").contains(moved.baseUrl());
    clock.advance(Duration.ofSeconds(59));
    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);
    assertThat(attempts).as("a failing database is not asked at every request").hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);

    assertThat(heard).containsExactly(new SiteMove(old.toString(), moved.baseUrl(), 301));
    assertThat(attempts).as("recorded once, then no more attempts").hasValue(2);
  }

  @Test
  void theConfiguredBaseAnsweringASitePageItselfEndsTheMovesRecordedBefore() throws Exception {
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(HOME_LISTING)));
    home.stubFor(get("/an-article").willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<p>text</p>")));
    // A process started after a brief 301: the base answers for itself.
    Site site = site(URI.create(home.baseUrl()));

    site.reader().fetcher().fetch(home.baseUrl() + "/an-article", Validators.NONE);
    assertThat(ended).as("an article is no site page").isEmpty();
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(ended).as("once per process").containsExactly(home.baseUrl());
    assertThat(heard).isEmpty();
  }

  @Test
  void theConfiguredBaseIsAskedAgainHourlyAndAMoveItNoLongerMakesEnds() throws Exception {
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(301).withHeader("Location", moved.baseUrl() + LISTING)));
    Site site = site(URI.create(home.baseUrl()));
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    home.verify(1, getRequestedFor(urlEqualTo(LISTING)));

    // The 301 was a CDN's mistake, put right since.
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(HOME_LISTING)));
    clock.advance(Duration.ofMinutes(59));
    assertThat(site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE).body()).contains("An article");
    clock.advance(Duration.ofMinutes(2));
    FetchResult asked = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    FetchResult after = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(asked.body()).contains("home again");
    assertThat(after.body()).contains("home again");
    assertThat(site.movedTo()).isEmpty();
    assertThat(site.reader().urls().article("an-article")).isEqualTo(home.baseUrl() + "/an-article");
    assertThat(ended).containsExactly(home.baseUrl());
    assertThat(heard).hasSize(1);
    home.verify(3, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void aMoveStillInForceWhenTheConfiguredBaseIsAskedAgainStays() throws Exception {
    URI old = redirecting(URI.create(moved.baseUrl()), 301);
    Site site = site(old);
    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);
    clock.advance(Duration.ofMinutes(61));

    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(old + LISTING, Validators.NONE);

    assertThat(site.movedTo()).contains(moved.baseUrl());
    assertThat(heard).as("seen again: recorded as seen (another node may have ended it), no second alert there")
        .containsExactly(new SiteMove(old.toString(), moved.baseUrl(), 301), new SiteMove(old.toString(), moved.baseUrl(), 301));
    assertThat(ended).isEmpty();
    moved.verify(3, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void aSiteOnAHostNameSentToALoopbackAddressIsNotFollowedAndNoRobotsTxtIsAskedThere() throws Exception {
    // The site's public name answers on this machine through the client's own resolver: no DNS is asked.
    OkHttpClient named = client.newBuilder().dns(host -> host.equals("www.industriall-union.org")
        ? List.of(java.net.InetAddress.getLoopbackAddress()) : okhttp3.Dns.SYSTEM.lookup(host)).build();
    String base = "http://www.industriall-union.org:" + home.getPort();
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(302).withHeader("Location",
        "http://127.0.0.1:" + moved.getPort() + LISTING)));
    String yaml = "site:\n  base_url: " + base + "\n  request_delay: 0s\n  retries: 0\ncountries: [{name: Kyrgyzstan, region: 364}]\n";
    Site site = new Site(new ConfigLoader(name -> null).parse(Path.of("monitor.yaml"), yaml).site(), named, clock);

    assertThatThrownBy(() -> site.reader().fetcher().fetch(base + LISTING, Validators.NONE))
        .isInstanceOf(UnusableResponseException.class).hasMessageContaining("redirected off the site");

    home.verify(1, getRequestedFor(urlEqualTo(LISTING)));
    moved.verify(0, getRequestedFor(urlEqualTo("/robots.txt")));
    moved.verify(0, getRequestedFor(urlPathEqualTo("/search")));
    assertThat(site.reader().urls().isOnSite("http://127.0.0.1:" + moved.getPort() + "/an-article")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 503})
  void aConfiguredBaseThatFailsWhenAskedAgainCostsTheFetchNothing(int status) throws Exception {
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(301).withHeader("Location", moved.baseUrl() + LISTING)));
    Site site = site(URI.create(home.baseUrl()));
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    // The old host is being taken down.
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(status)));
    clock.advance(Duration.ofMinutes(61));

    FetchResult page = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(page.body()).contains("An article");
    assertThat(site.movedTo()).contains(moved.baseUrl());
    assertThat(ended).isEmpty();
    home.verify(2, getRequestedFor(urlEqualTo(LISTING)));
    moved.verify(2, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void anEndWhoseRecordingFailsIsToldAgainAtMostOnceAMinute() throws Exception {
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(HOME_LISTING)));
    Site site = site(URI.create(home.baseUrl()));
    java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    site.onMove(new SiteMove.Listener() {
      @Override
      public boolean moved(SiteMove move) {
        return heard.add(move);
      }

      @Override
      public boolean ended(String from) {
        return attempts.incrementAndGet() > 1 && ended.add(from); // the database was busy the first time
      }
    });

    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    assertThat(attempts).hasValue(1);
    clock.advance(Duration.ofMinutes(1));
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(attempts).hasValue(2);
    assertThat(ended).containsExactly(home.baseUrl());
  }

  /** The site moved from the configured base (home) to {@code moved} an hour and a minute ago. */
  private Site movedAnHourAgo() throws Exception {
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(301).withHeader("Location", moved.baseUrl() + LISTING)));
    Site site = site(URI.create(home.baseUrl()));
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    assertThat(site.movedTo()).contains(moved.baseUrl());
    return site;
  }

  @ParameterizedTest
  @ValueSource(strings = {"503", "disallow"})
  void theHourlyRequestGoesWhereTheSiteMovedWhenTheOldHostsRobotsTxtFailsOrShutsItOut(String robots) throws Exception {
    Site site = movedAnHourAgo();
    // The retired host: its robots.txt fails or shuts everyone out; the cached one (a day) has expired.
    home.stubFor(get(urlEqualTo("/robots.txt")).willReturn(robots.equals("503") ? aResponse().withStatus(503)
        : aResponse().withHeader("Content-Type", "text/plain").withBody("User-agent: *\nDisallow: /\n")));
    clock.advance(Duration.ofDays(1).plusMinutes(61));

    FetchResult page = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(page.body()).contains("An article");
    assertThat(site.movedTo()).contains(moved.baseUrl());
    assertThat(ended).isEmpty();
    home.verify(1, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void aParkingPageAtTheOldBaseDoesNotEndTheMove() throws Exception {
    Site site = movedAnHourAgo();
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody("<html><body><h1>industriall-union.org is for sale</h1><p>We have moved.</p></body></html>")));
    clock.advance(Duration.ofMinutes(61));

    FetchResult page = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    FetchResult next = site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);

    assertThat(page.body()).as("the parking page is no answer of the site's: asked where it moved").contains("An article");
    assertThat(next.body()).contains("An article");
    assertThat(site.movedTo()).contains(moved.baseUrl());
    assertThat(ended).isEmpty();
    assertThat(site.reader().urls().article("an-article")).isEqualTo(moved.baseUrl() + "/an-article");
    home.verify(2, getRequestedFor(urlEqualTo(LISTING)));
  }

  @Test
  void theHourlyRequestSendsNoValidatorsAndANotModifiedThereEndsNothing() throws Exception {
    Site site = movedAnHourAgo();
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(304)));
    clock.advance(Duration.ofMinutes(61));

    FetchResult page = site.reader().fetcher().fetch(home.baseUrl() + LISTING, new Validators("\"v1\"", "Mon, 07 Dec 2026 08:00:00 GMT"));

    assertThat(page.body()).contains("An article");
    assertThat(site.movedTo()).contains(moved.baseUrl());
    assertThat(ended).isEmpty();
    home.verify(0, getRequestedFor(urlEqualTo(LISTING)).withHeader("If-None-Match", matching(".*")));
    home.verify(0, getRequestedFor(urlEqualTo(LISTING)).withHeader("If-Modified-Since", matching(".*")));
    home.verify(2, getRequestedFor(urlEqualTo(LISTING)));
    moved.verify(1, getRequestedFor(urlEqualTo(LISTING)).withHeader("If-None-Match", equalTo("\"v1\"")));
  }

  @Test
  void aRequestThatFailsAtTheNewHostDoesNotTakeTheHourlySlot() throws Exception {
    // The hour runs out while a request to the new host is under way.
    java.util.concurrent.atomic.AtomicBoolean slowly = new java.util.concurrent.atomic.AtomicBoolean();
    OkHttpClient slow = client.newBuilder().addInterceptor(chain -> {
      if (slowly.get() && chain.request().url().port() == moved.getPort() && chain.request().url().encodedPath().equals("/search")) {
        clock.advance(Duration.ofMinutes(31));
      }
      return chain.proceed(chain.request());
    }).build();
    home.stubFor(get(urlEqualTo(LISTING)).willReturn(aResponse().withStatus(301).withHeader("Location", moved.baseUrl() + LISTING)));
    String yaml = "site:\n  base_url: " + home.baseUrl() + "\n  request_delay: 0s\n  retries: 0\ncountries: [{name: Kyrgyzstan, region: 364}]\n";
    Site site = new Site(new ConfigLoader(name -> null).parse(Path.of("monitor.yaml"), yaml).site(), slow, clock);
    site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE);
    clock.advance(Duration.ofMinutes(30));
    moved.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(503)));
    slowly.set(true);

    assertThatThrownBy(() -> site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE))
        .isInstanceOf(org.industriallmonitor.fetch.HttpStatusException.class);
    home.verify(1, getRequestedFor(urlEqualTo(LISTING)));

    // The hourly slot is still there for the next request.
    assertThatThrownBy(() -> site.reader().fetcher().fetch(home.baseUrl() + LISTING, Validators.NONE));
    home.verify(2, getRequestedFor(urlEqualTo(LISTING)));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theOldBasesFeedEndsTheMoveOnlyWithItems(boolean withItems) throws Exception {
    home.stubFor(get(urlEqualTo("/rss.xml")).willReturn(aResponse().withStatus(301).withHeader("Location", moved.baseUrl() + "/rss.xml")));
    moved.stubFor(get(urlEqualTo("/rss.xml")).willReturn(aResponse().withHeader("Content-Type", "application/rss+xml")
        .withBody("<rss version=\"2.0\"><channel><title>moved</title><item><title>An article</title></item></channel></rss>")));
    Site site = site(URI.create(home.baseUrl()));
    site.reader().fetcher().fetch(home.baseUrl() + "/rss.xml", Validators.NONE, org.industriallmonitor.fetch.Accepts.FEED);
    assertThat(site.movedTo()).contains(moved.baseUrl());
    // The old host answers its feed again: a real one, or an empty shell left behind.
    home.stubFor(get(urlEqualTo("/rss.xml")).willReturn(aResponse().withHeader("Content-Type", "application/rss+xml")
        .withBody("<rss version=\"2.0\"><channel><title>home</title>" + (withItems ? "<item><title>Home</title></item>" : "")
            + "</channel></rss>")));
    clock.advance(Duration.ofMinutes(61));

    FetchResult feed = site.reader().fetcher().fetch(home.baseUrl() + "/rss.xml", Validators.NONE, org.industriallmonitor.fetch.Accepts.FEED);

    assertThat(new String(feed.bytes(), java.nio.charset.StandardCharsets.UTF_8)).contains(withItems ? "Home" : "moved");
    assertThat(site.movedTo().isEmpty()).isEqualTo(withItems);
    assertThat(ended).hasSize(withItems ? 1 : 0);
  }
}
