package org.industriallmonitor.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robots.txt of each origin, fetched when first needed (paced and retried like any page)
 * and kept for a day, obeyed for our User-Agent's product token. A {@code Crawl-delay} longer
 * than {@code request_delay} raises the host's pacing. A missing robots.txt (4xx) allows
 * everything; one that cannot be read (5xx, 429, network, after retries) stops the crawl of that
 * origin until it can be, as RFC 9309 asks. Lives as long as the process: a new configuration
 * keeps what was learned unless the User-Agent's product token changed.
 */
public final class RobotsCache implements RobotsRules {
  private static final Logger log = LoggerFactory.getLogger(RobotsCache.class);
  static final Duration TTL = Duration.ofDays(1);
  /** After a failed fetch of robots.txt, how long before trying again. */
  static final Duration RETRY_FAILED = Duration.ofMinutes(1);
  private static final int MAX_BYTES = 512 * 1024;
  private static final int MAX_REDIRECTS = 5;

  private final HostPacer pacer;
  private final Clock clock;
  private final Map<String, Entry> byOrigin = new ConcurrentHashMap<>();
  /** One lock per origin: a slow robots.txt of one origin never holds up the others. */
  private final Map<String, ReentrantLock> fetching = new ConcurrentHashMap<>();
  private final Sleeper sleeper;
  private volatile Settings settings;

  public RobotsCache(OkHttpClient client, HostPacer pacer, String userAgent, RetryPolicy retries, Clock clock) {
    this(client, pacer, userAgent, retries, clock, Sleeper.REAL);
  }

  /** {@code sleeper} waits between attempts: real time, or a test's record of the waits. */
  public RobotsCache(OkHttpClient client, HostPacer pacer, String userAgent, RetryPolicy retries, Clock clock, Sleeper sleeper) {
    this.pacer = pacer;
    this.clock = clock;
    this.sleeper = sleeper;
    this.settings = new Settings(client, userAgent, productToken(userAgent), retries);
  }

  private record Settings(OkHttpClient client, String userAgent, String robotName, RetryPolicy retries) {}

  /** Uses a new client, User-Agent and retry policy; the rules learned stay unless the product token changed. */
  public void configure(OkHttpClient client, String userAgent, RetryPolicy retries) {
    Settings next = new Settings(client, userAgent, productToken(userAgent), retries);
    boolean otherRobot = !next.robotName().equals(settings.robotName());
    settings = next;
    if (otherRobot) {
      byOrigin.clear();
    }
  }

  /** {@code industriall-monitor} of {@code industriall-monitor/0.1 (+https://...)}. */
  static String productToken(String userAgent) {
    String token = userAgent.trim().split("[/\\s]", 2)[0].toLowerCase(Locale.ROOT);
    return token.isEmpty() ? "*" : token;
  }

  @Override
  public void check(HttpUrl url) throws FetchException, InterruptedException {
    Entry entry = entryFor(url);
    if (entry.failure != null) {
      throw new RobotsUnavailableException(url.toString(), entry.failure);
    }
    if (!entry.rules.isAllowed(asUrl(url))) {
      throw new RobotsDisallowedException(url.toString());
    }
  }

  /** The URL the rules match, made from parts already parsed instead of parsing the text again. */
  private static URL asUrl(HttpUrl url) throws FetchException {
    String query = url.encodedQuery();
    try {
      return new URL(url.scheme(), url.host(), url.port(), url.encodedPath() + (query == null ? "" : "?" + query));
    } catch (MalformedURLException e) {
      throw new FetchException(url.toString(), "not a usable address (" + e.getMessage() + ")", false, e);
    }
  }

  private Entry entryFor(HttpUrl url) throws InterruptedException {
    String origin = url.scheme() + "://" + url.host() + ":" + url.port();
    Entry cached = byOrigin.get(origin);
    if (cached != null && cached.expires.isAfter(clock.instant())) {
      return cached;
    }
    ReentrantLock lock = fetching.computeIfAbsent(origin, k -> new ReentrantLock());
    lock.lockInterruptibly();
    try {
      cached = byOrigin.get(origin);
      if (cached != null && cached.expires.isAfter(clock.instant())) {
        return cached;
      }
      Entry fresh = fetch(url, settings);
      byOrigin.put(origin, fresh);
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  /** Fetches robots.txt with the page retry policy: network errors, 5xx and 429 are tried again. */
  private Entry fetch(HttpUrl pageUrl, Settings s) throws InterruptedException {
    HttpUrl robotsUrl = pageUrl.newBuilder().encodedPath("/robots.txt").query(null).fragment(null).build();
    for (int attempt = 1; ; attempt++) {
      Answer answer = fetchOnce(robotsUrl, pageUrl.host(), s);
      if (answer.entry() != null) {
        return answer.entry();
      }
      if (attempt > s.retries().retries()) {
        log.warn("{}: {}", robotsUrl, answer.problem());
        return new Entry(null, answer.problem(), clock.instant().plus(RETRY_FAILED));
      }
      Duration wait = s.retries().backoff(attempt, answer.retryAfter());
      log.warn("{}: {} (attempt {} of {}); retrying in {} ms", robotsUrl, answer.problem(), attempt, s.retries().retries() + 1,
          wait.toMillis());
      sleeper.sleep(wait);
    }
  }

  /** Either the rules ({@code entry}), or a problem worth another attempt. */
  private record Answer(Entry entry, String problem, Duration retryAfter) {}

  private Answer fetchOnce(HttpUrl robotsUrl, String pageHost, Settings s) throws InterruptedException {
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    Instant now = clock.instant();
    HttpUrl url = robotsUrl;
    try {
      for (int redirects = 0; redirects <= MAX_REDIRECTS; redirects++) {
        Request request = new Request.Builder().url(url).header("User-Agent", s.userAgent()).build();
        try (HostPacer.Permit permit = pacer.acquire(url.host()); Response response = s.client().newCall(request).execute()) {
          int code = response.code();
          HttpUrl target = code >= 300 && code < 400 && response.header("Location") != null ? url.resolve(response.header("Location")) : null;
          if (target != null) {
            String refused = Hosts.refusal(url, target);
            if (refused != null) {
              // As RFC 9309 treats a robots.txt past its redirect limit: unavailable, so nothing is disallowed; and
              // nothing is asked at an address the site has no business sending us to.
              log.warn("{}: redirects to {}, not followed ({}); robots.txt taken as unavailable", robotsUrl, target, refused);
              return new Answer(new Entry(parser.failedFetch(404), null, now.plus(TTL)), null, null);
            }
            url = target;
            continue;
          }
          if (code >= 500 || code == 429) {
            return new Answer(null, "robots.txt answered HTTP " + code + "; not crawling this host until it can be read",
                RetryAfter.parse(response.header("Retry-After")));
          }
          if (code >= 400) {
            log.info("{}: HTTP {}, so everything is allowed", robotsUrl, code);
            return new Answer(new Entry(parser.failedFetch(code), null, now.plus(TTL)), null, null);
          }
          ResponseBody body = response.body();
          byte[] bytes = body == null ? new byte[0] : body.source().readByteArray(Math.min(MAX_BYTES, Math.max(0, contentLength(body))));
          BaseRobotRules rules = parser.parseContent(robotsUrl.toString(), bytes, "text/plain", List.of(s.robotName()));
          applyCrawlDelay(pageHost, rules);
          return new Answer(new Entry(rules, null, now.plus(TTL)), null, null);
        }
      }
      return new Answer(new Entry(null, "robots.txt redirects more than " + MAX_REDIRECTS + " times", now.plus(RETRY_FAILED)), null, null);
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted while fetching " + robotsUrl);
      }
      return unreachable(robotsUrl, e);
    } catch (IOException e) {
      return unreachable(robotsUrl, e);
    }
  }

  private static Answer unreachable(HttpUrl robotsUrl, IOException e) {
    return new Answer(null, "cannot reach " + robotsUrl + " (" + e + "); not crawling this host until robots.txt can be read", null);
  }

  private static long contentLength(ResponseBody body) throws IOException {
    long declared = body.contentLength();
    if (declared >= 0) {
      return declared;
    }
    body.source().request(MAX_BYTES);
    return body.source().getBuffer().size();
  }

  private void applyCrawlDelay(String host, BaseRobotRules rules) {
    long delayMillis = rules.getCrawlDelay();
    if (delayMillis != BaseRobotRules.UNSET_CRAWL_DELAY && delayMillis > 0) {
      Duration wanted = Duration.ofMillis(delayMillis);
      if (wanted.compareTo(pacer.delayFor(host)) > 0) {
        log.info("robots.txt of {} asks for a Crawl-delay of {} s: requests to it start at least that far apart", host,
            wanted.toMillis() / 1000.0);
        pacer.requireDelay(host, wanted);
      }
    }
  }

  private record Entry(BaseRobotRules rules, String failure, Instant expires) {}
}
