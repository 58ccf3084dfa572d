package org.industriallmonitor.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import org.industriallmonitor.fetch.Redirects.Hop;
import org.industriallmonitor.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which redirects of a site on a public host name are followed, decided without a request (no name is resolved):
 * no downgrade to http, no address of the machine's own networks, detours only within the site's domain, for a while.
 */
class HostMovesTest {
  private static final String BASE = "https://www.industriall-union.org";
  private static final String PAGE = "/search?regions=364&language=en&sort=relevance&from=0";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
  private final List<SiteMove> heard = new CopyOnWriteArrayList<>();
  private final HostMoves moves = new HostMoves(URI.create(BASE), heard::add, clock, (url, page) -> true);

  private static Hop hop(String fromBase, String toBase, int status) {
    HttpUrl from = HttpUrl.get(fromBase + PAGE);
    return new Hop(from, from, HttpUrl.get(toBase + PAGE), status, status == 301 || status == 308);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080", "https://127.0.0.1", "https://10.0.0.5", "https://192.168.1.1", "https://172.16.0.1",
      "https://169.254.169.254", "https://[::1]", "https://[fe80::1]", "https://localhost", "https://db.localhost", "https://203.0.113.7"})
  void aSitePageSentToAnAddressOfItsOwnOrAnyIpLiteralIsRefused(String target) {
    for (int status : new int[] {301, 302, 307, 308}) {
      assertThat(moves.follow(hop(BASE, target, status))).as(status + " to " + target).isFalse();
    }
    assertThat(heard).isEmpty();
    assertThat(moves.movedTo()).isEmpty();
    assertThat(moves.elsewhere().detours()).isEmpty();
  }

  @Test
  void aSitePageSentFromHttpsToHttpElsewhereIsRefused() {
    assertThat(moves.follow(hop(BASE, "http://new.industriall-union.org", 301))).isFalse();
    assertThat(moves.follow(hop(BASE, "http://maintenance.industriall-union.org", 302))).isFalse();
    assertThat(heard).isEmpty();
    assertThat(moves.follow(hop(BASE, "https://new.industriall-union.org", 301))).as("the same move over https").isTrue();
    assertThat(heard).containsExactly(new SiteMove(BASE, "https://new.industriall-union.org", 301));
  }

  @Test
  void aPermanentMoveMayGoToAnotherDomainADetourOnlyWithinTheSitesOwn() {
    assertThat(moves.follow(hop(BASE, "https://cdn.example.net", 302))).isFalse();
    assertThat(moves.follow(hop(BASE, "https://maintenance.industriall-union.org", 307))).isTrue();
    assertThat(moves.elsewhere().detours()).containsExactly("https://maintenance.industriall-union.org");

    assertThat(moves.follow(hop(BASE, "https://industriall.example.org", 308))).isTrue();
    assertThat(moves.movedTo()).contains("https://industriall.example.org");
  }

  @Test
  void aDetourIsForgottenAnHourAfterTheSiteLastSentThere() {
    moves.follow(hop(BASE, "https://maintenance.industriall-union.org", 302));
    clock.advance(Duration.ofMinutes(50));
    moves.follow(hop(BASE, "https://maintenance.industriall-union.org", 302));
    clock.advance(Duration.ofMinutes(50));
    assertThat(moves.elsewhere().detours()).as("met again 50 minutes ago").hasSize(1);
    assertThat(moves.follow(new Hop(HttpUrl.get(BASE + "/an-article"), HttpUrl.get(BASE + "/an-article"),
        HttpUrl.get("https://maintenance.industriall-union.org/an-article"), 302, false))).as("an article sent to the detour").isTrue();

    clock.advance(Duration.ofMinutes(11));

    assertThat(moves.elsewhere().detours()).isEmpty();
    assertThat(moves.follow(new Hop(HttpUrl.get(BASE + "/an-article"), HttpUrl.get(BASE + "/an-article"),
        HttpUrl.get("https://maintenance.industriall-union.org/an-article"), 302, false))).isFalse();
  }

  @Test
  void detoursAreFewTheLeastRecentlyMetMakingRoom() {
    for (int i = 1; i <= 9; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(moves.follow(hop(BASE, "https://n" + i + ".industriall-union.org", 302))).as("detour " + i).isTrue();
    }

    assertThat(moves.elsewhere().detours()).hasSize(8).doesNotContain("https://n1.industriall-union.org")
        .contains("https://n9.industriall-union.org");
  }

  @Test
  void aMoveNeedsEveryHopPermanent() {
    HttpUrl from = HttpUrl.get(BASE + PAGE);
    assertThat(moves.follow(new Hop(from, from, HttpUrl.get("https://new.industriall-union.org" + PAGE), 301, false))).isTrue();

    assertThat(heard).as("a 302 then a 301: a detour").isEmpty();
    assertThat(moves.elsewhere().detours()).containsExactly("https://new.industriall-union.org");
  }

  @Test
  void aSiteOnALoopbackAddressMayBeSentToAnotherOfIts() {
    HostMoves local = new HostMoves(URI.create("http://127.0.0.1:8080"), heard::add, clock, (url, page) -> true);

    assertThat(local.follow(hop("http://127.0.0.1:8080", "http://127.0.0.1:9090", 302))).isTrue();
    assertThat(local.follow(hop("http://127.0.0.1:8080", "http://localhost:9091", 301))).isTrue();
    assertThat(heard).containsExactly(new SiteMove("http://127.0.0.1:8080", "http://localhost:9091", 301));
  }

  @Test
  void afterAMoveToAnotherDomainADetourWithinThatDomainIsFollowed() {
    moves.follow(hop(BASE, "https://www.industriall.example.org", 301));

    assertThat(moves.follow(hop("https://www.industriall.example.org", "https://maintenance.industriall.example.org", 302))).isTrue();
    assertThat(moves.follow(hop("https://www.industriall.example.org", "https://cdn.example.net", 302))).isFalse();
    assertThat(moves.elsewhere().detours()).containsExactly("https://maintenance.industriall.example.org");
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void aSlowRecordingHoldsNoOtherRequestUp() throws Exception {
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    // The database is slow (a busy timeout): the move's recording waits.
    HostMoves slow = new HostMoves(URI.create(BASE), move -> {
      writing.countDown();
      try {
        return release.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, clock, (url, page) -> true);
    Thread meeting = new Thread(() -> slow.follow(hop(BASE, "https://new.industriall-union.org", 301)));
    meeting.start();
    try {
      writing.await();

      java.util.concurrent.CompletableFuture<HttpUrl> other = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> slow.route(HttpUrl.get(BASE + PAGE)));

      assertThat(other.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("routed while the move is being written")
          .isEqualTo(HttpUrl.get("https://new.industriall-union.org" + PAGE));
    } finally {
      release.countDown();
      meeting.join();
    }
  }
}
