package org.industriallmonitor.site;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import org.industriallmonitor.fetch.Redirects;
import org.industriallmonitor.parse.SiteUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the site at one configured base answers, as its redirects showed, for as long as the process keeps
 * that base. A permanent redirect (301, 308, every hop of its chain) to the same page below another base is a
 * move: the requests below the configured base go straight to the new one from then on (one hop saved per
 * request, the new host's robots.txt and pacing applied), and the {@link SiteMove.Listener} hears of it once
 * (again at each request until it could record it: the switch is not undone by a failed write).
 * A temporary one (302, 303, 307) is a detour: followed, its host's links taken as the site's, nothing
 * switched or reported. Only the site's own pages (its listings, search pages and feed) move the site or send
 * it on a detour; an article's redirect is followed to a base the site already went to, else only on the
 * site's own origins, as is a redirect that does not keep the page (a login page, another site's home). The configured base is never forgotten: a permanent
 * redirect back to it ends the move, and so does the configured base answering a site page itself, which it is asked
 * again once an hour ({@link #ASK_CONFIGURED_EVERY}) while the site is moved: a 301 answered by mistake (a CDN, a
 * captive portal) is not followed for the life of the process; the listener hears of the end too
 * ({@link SiteMove.Listener#ended}). A permanent redirect of the new base elsewhere is a move of its own.
 */
final class HostMoves implements Redirects {
  private static final Logger log = LoggerFactory.getLogger(HostMoves.class);
  /** Detours are few (a load balancer, a maintenance host): a site that sends us to ever new hosts is not followed further. */
  private static final int MAX_DETOURS = 8;
  /**
   * How often a site page is asked at the configured base although the site moved: a 301 a CDN or a captive portal
   * answered by mistake is not followed for the life of the process, and the move ends when the base answers itself.
   */
  static final Duration ASK_CONFIGURED_EVERY = Duration.ofHours(1);

  private final String configured;
  private final SiteUrls urls;
  private final List<String> detours = new CopyOnWriteArrayList<>();
  private volatile String movedTo;
  /** The move in force that the listener has not recorded yet: told again at each request until it is. */
  private volatile SiteMove unrecorded;
  private volatile SiteMove.Listener listener;
  private final Clock clock;
  /** When a site page is next asked at the configured base although the site moved. */
  private Instant askConfiguredAt = Instant.MIN;
  /** The listener heard that the configured base answers for itself (no move in force): it need not hear it again. */
  private volatile boolean configuredAnswers;

  HostMoves(URI configuredBase, SiteMove.Listener listener, Clock clock) {
    this.urls = new SiteUrls(configuredBase, this::elsewhere);
    this.configured = urls.base();
    this.listener = listener;
    this.clock = clock;
  }

  void listener(SiteMove.Listener next) {
    listener = next;
  }

  /** Where the site answers besides its configured base, for the {@link SiteUrls} of each reader. */
  SiteUrls.Elsewhere elsewhere() {
    return new SiteUrls.Elsewhere(movedTo, detours);
  }

  /** The base the site moved to for good in this process, if it did. */
  Optional<String> movedTo() {
    return Optional.ofNullable(movedTo);
  }

  @Override
  public HttpUrl route(HttpUrl url) {
    SiteMove pending = unrecorded;
    if (pending != null) {
      record(pending);
    }
    String to = movedTo;
    if (to == null) {
      return url;
    }
    if (urls.isSitePage(url.toString()) && urls.isBelowConfiguredBase(url.toString()) && askConfiguredNow()) {
      return url; // does the configured base still redirect? Its answer (follow, or answered) tells.
    }
    return urls.rebase(url.toString(), to).map(HttpUrl::parse).orElse(url);
  }

  @Override
  public boolean follow(Hop hop) {
    Optional<SiteUrls.Swap> swap = urls.swap(hop.from().toString(), hop.target().toString());
    // Within one origin the base does not change (a page sent to /en/search is no move to /en): followed as ever, below.
    if (swap.isPresent() && !SiteUrls.sameOrigin(swap.get().from(), swap.get().to())) {
      String to = swap.get().to();
      String moved = movedTo;
      boolean permanent = hop.permanent() && hop.permanentSoFar();
      if (SiteUrls.sameBase(to, configured)) {
        if (permanent && moved != null && SiteUrls.sameBase(swap.get().from(), moved)) {
          movedBack(moved, hop.status());
        }
        return true;
      }
      if (moved != null && SiteUrls.sameBase(to, moved)) {
        return true;
      }
      if (urls.isSitePage(hop.from().toString())) {
        if (permanent) {
          moved(new SiteMove(configured, to, hop.status()));
          return true;
        }
        return addDetour(to, hop);
      }
      // An article sent elsewhere with its path kept: followed only where the site already answers, below.
    }
    // The site's own origins (and those it moved or detoured to), as ever; a page that is not kept, or an article sent
    // to an unknown host (a login wall, another site), is refused: only the listings and the feed move the site.
    return urls.isOnSite(hop.target().toString());
  }

  @Override
  public void answered(HttpUrl start, HttpUrl at) {
    String asked = start.toString();
    if (start.equals(at) && urls.isSitePage(asked) && urls.isBelowConfiguredBase(asked)) {
      configuredAnswered();
    }
  }

  private synchronized boolean askConfiguredNow() {
    Instant now = clock.instant();
    if (now.isBefore(askConfiguredAt)) {
      return false;
    }
    askConfiguredAt = now.plus(ASK_CONFIGURED_EVERY);
    return true;
  }

  /** The configured base answered a site page itself: a move in force is over, and so is any recorded before. */
  private synchronized void configuredAnswered() {
    String from = movedTo;
    if (from != null) {
      movedTo = null;
      unrecorded = null;
      configuredAnswers = false;
      log.warn("site.base_url {} answers for itself again: the move to {} is over, requests go there again", configured, from);
    }
    if (!configuredAnswers) {
      configuredAnswers = listener.ended(configured);
    }
  }

  /** Follows a temporary redirect of a site page to {@code base}; false when there are too many detours already. */
  private synchronized boolean addDetour(String base, Hop hop) {
    if (detours.stream().anyMatch(d -> SiteUrls.sameBase(d, base))) {
      return true;
    }
    if (detours.size() >= MAX_DETOURS) {
      return false;
    }
    detours.add(base);
    log.info("{} redirects for now (HTTP {}) to {}: followed, site.base_url stays", hop.from(), hop.status(), hop.target());
    return true;
  }

  private synchronized void movedBack(String from, int status) {
    if (movedTo != null && SiteUrls.sameBase(movedTo, from)) {
      movedTo = null;
      unrecorded = null;
      log.warn("{} redirects back to site.base_url {} (HTTP {}): requests go there again", from, configured, status);
      configuredAnswers = listener.ended(configured);
    }
  }

  private synchronized void moved(SiteMove move) {
    if (movedTo != null && SiteUrls.sameBase(movedTo, move.to())) {
      return; // two requests met the redirect at once: one move
    }
    movedTo = move.to();
    unrecorded = move;
    configuredAnswers = false;
    askConfiguredAt = clock.instant().plus(ASK_CONFIGURED_EVERY);
    log.warn("the site moved: {}", move.problem());
    record(move);
  }

  /** Tells the listener of {@code move} unless it was recorded meanwhile or another move took its place. */
  private synchronized void record(SiteMove move) {
    if (move.equals(unrecorded) && listener.moved(move)) {
      unrecorded = null;
    }
  }
}
