package org.industriallmonitor.site;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.Hosts;
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
 * A temporary one (302, 303, 307) is a detour: followed, its host's links taken as the site's for
 * {@link #DETOUR_KEPT} after it was last met, nothing switched or reported. Within one origin nothing is a move or a
 * detour; a downgrade to http, an address of the machine's own networks and a detour out of the site's domain are
 * refused ({@link #refusal}). Only the site's own pages (its listings, search pages and feed) move the site or send
 * it on a detour; an article's redirect is followed to a base the site already went to, else only on the
 * site's own origins, as is a redirect that does not keep the page (a login page, another site's home). The
 * configured base is never forgotten: a permanent redirect back to it ends the move, and so does the configured base answering a site page itself, which it is asked
 * again once an hour ({@link #ASK_CONFIGURED_EVERY}) while the site is moved: a 301 answered by mistake (a CDN, a
 * captive portal) is not followed for the life of the process; the listener hears of the end too
 * ({@link SiteMove.Listener#ended}). Only an answer that reads as a listing or the feed ({@link SiteAnswers}) is the
 * base answering itself: a parking page, a "we have moved" page or a 304 is not, and the page is asked where the site
 * moved. A permanent redirect of the new base elsewhere is a move of its own. The listener writes to the database:
 * it is called outside the lock, and after a failed write not again before {@link #RETRY_WRITES_EVERY} (a failing
 * database is not written to at every request, nor are all fetches queued behind one write).
 */
final class HostMoves implements Redirects {
  private static final Logger log = LoggerFactory.getLogger(HostMoves.class);
  /** Detours are few (a load balancer, a maintenance host): a site that sends us to ever new hosts keeps the latest only. */
  private static final int MAX_DETOURS = 8;
  /** A detour is forgotten this long after the site last sent a page there: its links are the site's no longer. */
  static final Duration DETOUR_KEPT = Duration.ofHours(1);
  private static final int MAX_REFUSALS_WARNED = 32;
  /**
   * How often a site page is asked at the configured base although the site moved: a 301 a CDN or a captive portal
   * answered by mistake is not followed for the life of the process, and the move ends when the base answers itself.
   */
  static final Duration ASK_CONFIGURED_EVERY = Duration.ofHours(1);
  /** How soon the listener is told again of a move or of its end when it could not record it. */
  static final Duration RETRY_WRITES_EVERY = Duration.ofMinutes(1);

  /** Whether an answer of the configured base to a site page is the site's: a listing, the feed. */
  @FunctionalInterface
  interface SiteAnswers {
    boolean isSites(String url, FetchResult page);
  }

  private final String configured;
  private final SiteUrls urls;
  /** Where temporary redirects sent the site's pages lately, the least recently met first (copied on write, under the lock). */
  private volatile List<Detour> detours = List.of();
  /** The targets refused already, so that each is warned of once (bounded: a site cannot fill the memory with them). */
  private final Set<String> refusedTargets = ConcurrentHashMap.newKeySet();
  /** The configured host is one of the machine's own networks (a test, a mirror on the LAN): so may its redirects be. */
  private final boolean configuredInternal;
  private final String configuredDomain;
  private volatile String movedTo;
  /** The move in force that the listener has not recorded yet: told again at each request until it is. */
  private volatile SiteMove unrecorded;
  private volatile SiteMove.Listener listener;
  private final Clock clock;
  private final SiteAnswers answers;
  /** When the unrecorded move may be told to the listener again (guarded by this). */
  private Instant recordAt = Instant.MIN;
  /** When the end of the move may be told to the listener again (guarded by this). */
  private Instant endAt = Instant.MIN;
  /** When a site page is next asked at the configured base although the site moved. */
  private Instant askConfiguredAt = Instant.MIN;
  /** The listener heard that the configured base answers for itself (no move in force): it need not hear it again. */
  private volatile boolean configuredAnswers;

  HostMoves(URI configuredBase, SiteMove.Listener listener, Clock clock, SiteAnswers answers) {
    this.answers = answers;
    this.urls = new SiteUrls(configuredBase, this::elsewhere);
    this.configured = urls.base();
    this.listener = listener;
    this.clock = clock;
    HttpUrl base = HttpUrl.get(configured);
    this.configuredInternal = Hosts.isInternal(base.host());
    this.configuredDomain = base.topPrivateDomain();
  }

  /** A temporary redirect's base and when the site last sent a page there. */
  private record Detour(String base, Instant lastMet) {}

  void listener(SiteMove.Listener next) {
    listener = next;
  }

  /** Where the site answers besides its configured base, for the {@link SiteUrls} of each reader. */
  SiteUrls.Elsewhere elsewhere() {
    Instant now = clock.instant();
    return new SiteUrls.Elsewhere(movedTo, detours.stream().filter(d -> kept(d, now)).map(Detour::base).toList());
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
  public HttpUrl relocated(HttpUrl url) {
    String to = movedTo;
    return to == null ? url : urls.rebase(url.toString(), to).map(HttpUrl::parse).orElse(url);
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
        if (permanent && urls.isSitePage(hop.from().toString()) && SiteUrls.sameBase(swap.get().from(), configured)) {
          seenAgain(new SiteMove(configured, moved, hop.status())); // the hourly request to the configured base
        }
        return true;
      }
      if (urls.isSitePage(hop.from().toString())) {
        String refused = refusal(hop, permanent, swap.get().from());
        if (refused != null) {
          if (refusedTargets.size() < MAX_REFUSALS_WARNED && refusedTargets.add(to)) {
            log.warn("{} redirects (HTTP {}) to {}: not followed, {}", hop.from(), hop.status(), hop.target(), refused);
          }
          return false;
        }
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
  public boolean answered(HttpUrl start, HttpUrl at, FetchResult page) {
    String asked = start.toString();
    if (!start.equals(at) || !urls.isSitePage(asked) || !urls.isBelowConfiguredBase(asked)) {
      return true;
    }
    boolean moved = movedTo != null;
    if (!moved && !endToTell()) {
      return true; // nothing more to learn from it, or not yet: no page is read twice at every request
    }
    if (!answers.isSites(asked, page)) {
      // A parked domain, a "we have moved" page, a 304: no end of a move; the page is asked where the site moved.
      if (!moved) {
        postponeEnd();
      }
      return !moved;
    }
    configuredAnswered();
    return true;
  }

  /** Whether the listener is to hear that no move is in force: it has not, and no attempt failed within the minute. */
  private synchronized boolean endToTell() {
    return !configuredAnswers && !clock.instant().isBefore(endAt);
  }

  private synchronized void postponeEnd() {
    endAt = clock.instant().plus(RETRY_WRITES_EVERY);
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
  private void configuredAnswered() {
    synchronized (this) {
      String from = movedTo;
      if (from != null) {
        endMove();
        log.warn("site.base_url {} answers for itself again: the move to {} is over, requests go there again", configured, from);
      }
    }
    tellEnded();
  }

  private void endMove() {
    movedTo = null;
    unrecorded = null;
    configuredAnswers = false;
    endAt = Instant.MIN;
  }

  /** Tells the listener that no move is in force, unless it heard so, or failed to record it less than a minute ago. */
  private void tellEnded() {
    SiteMove.Listener told = listener;
    synchronized (this) {
      Instant now = clock.instant();
      if (configuredAnswers || movedTo != null || now.isBefore(endAt)) {
        return;
      }
      endAt = now.plus(RETRY_WRITES_EVERY);
    }
    boolean recorded = told.ended(configured);
    synchronized (this) {
      if (recorded && movedTo == null) {
        configuredAnswers = true;
      }
    }
  }

  /**
   * Why a site page's redirect to a base the site has not been at is not followed, or null when it is: not from
   * https down to http; not to an IP address, loopback or {@code .localhost} name unless the configured host is one
   * (a name that resolves to a private address is not looked up here); a detour only within the configured host's
   * registrable domain, or that of the base it leaves (where the site moved to), as a move may go anywhere: a new
   * domain is what a move is for.
   */
  private String refusal(Hop hop, boolean permanent, String fromBase) {
    if (hop.from().isHttps() && !hop.target().isHttps()) {
      return "a downgrade from https to http";
    }
    if (configuredInternal) {
      return null;
    }
    if (Hosts.isInternal(hop.target().host())) {
      return "an address of its own network or an IP address, while site.base_url names a host";
    }
    String domain = hop.target().topPrivateDomain();
    HttpUrl leaving = HttpUrl.parse(fromBase);
    boolean withinDomain = domain != null
        && (domain.equals(configuredDomain) || leaving != null && domain.equals(leaving.topPrivateDomain()));
    if (!permanent && !withinDomain) {
      return "a temporary redirect out of " + configuredDomain;
    }
    return null;
  }

  private static boolean kept(Detour detour, Instant now) {
    return now.isBefore(detour.lastMet().plus(DETOUR_KEPT));
  }

  /**
   * Follows a temporary redirect of a site page to {@code base}: kept for {@link #DETOUR_KEPT} after it was last met,
   * {@link #MAX_DETOURS} at most, the least recently met making room for a new one.
   */
  private synchronized boolean addDetour(String base, Hop hop) {
    Instant now = clock.instant();
    List<Detour> next = new ArrayList<>();
    boolean known = false;
    for (Detour d : detours) {
      if (SiteUrls.sameBase(d.base(), base)) {
        known = true;
      } else if (kept(d, now)) {
        next.add(d);
      }
    }
    while (next.size() >= MAX_DETOURS) {
      next.remove(0);
    }
    next.add(new Detour(base, now));
    detours = List.copyOf(next);
    if (!known) {
      log.info("{} redirects for now (HTTP {}) to {}: followed, site.base_url stays", hop.from(), hop.status(), hop.target());
    }
    return true;
  }

  private void movedBack(String from, int status) {
    synchronized (this) {
      if (movedTo == null || !SiteUrls.sameBase(movedTo, from)) {
        return;
      }
      endMove();
      log.warn("{} redirects back to site.base_url {} (HTTP {}): requests go there again", from, configured, status);
    }
    tellEnded();
  }

  private void moved(SiteMove move) {
    synchronized (this) {
      if (movedTo != null && SiteUrls.sameBase(movedTo, move.to())) {
        return; // two requests met the redirect at once: one move
      }
      movedTo = move.to();
      unrecorded = move;
      recordAt = Instant.MIN;
      configuredAnswers = false;
      askConfiguredAt = clock.instant().plus(ASK_CONFIGURED_EVERY);
      log.warn("the site moved: {}", move.problem());
    }
    record(move);
  }

  /**
   * The configured base still redirects to where the site moved: the listener records it as seen (another node of a
   * cluster may have seen the configured base answer for itself and ended it), without a second alert.
   */
  private void seenAgain(SiteMove move) {
    synchronized (this) {
      if (movedTo == null || !SiteUrls.sameBase(movedTo, move.to())) {
        return;
      }
      unrecorded = move;
      recordAt = Instant.MIN;
    }
    record(move);
  }

  /**
   * Tells the listener of {@code move} unless it was recorded meanwhile, another move took its place, or its recording
   * failed less than {@link #RETRY_WRITES_EVERY} ago.
   */
  private void record(SiteMove move) {
    SiteMove.Listener told = listener;
    synchronized (this) {
      Instant now = clock.instant();
      if (!move.equals(unrecorded) || now.isBefore(recordAt)) {
        return;
      }
      recordAt = now.plus(RETRY_WRITES_EVERY);
    }
    if (told.moved(move)) {
      synchronized (this) {
        if (move.equals(unrecorded)) {
          unrecorded = null;
        }
      }
    }
  }
}
