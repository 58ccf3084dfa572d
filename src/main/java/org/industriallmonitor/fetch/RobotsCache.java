package org.industriallmonitor.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robots.txt of each host, fetched when first needed and kept for a day, obeyed for our
 * User-Agent's product token. A {@code Crawl-delay} longer than {@code request_delay} raises the
 * host's pacing. A missing robots.txt (4xx) allows everything; one that cannot be read (5xx,
 * network) stops the crawl of that host until it can be, as RFC 9309 asks.
 */
public final class RobotsCache implements RobotsRules {
  private static final Logger log = LoggerFactory.getLogger(RobotsCache.class);
  static final Duration TTL = Duration.ofDays(1);
  /** After a failed fetch of robots.txt, how long before trying again. */
  static final Duration RETRY_FAILED = Duration.ofMinutes(1);
  private static final int MAX_BYTES = 512 * 1024;

  private final OkHttpClient client;
  private final HostPacer pacer;
  private final String userAgent;
  private final List<String> robotNames;
  private final Clock clock;
  private final Map<String, Entry> byOrigin = new ConcurrentHashMap<>();

  public RobotsCache(OkHttpClient client, HostPacer pacer, String userAgent, Clock clock) {
    this.client = client;
    this.pacer = pacer;
    this.userAgent = userAgent;
    this.robotNames = List.of(productToken(userAgent));
    this.clock = clock;
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
      throw new FetchException(url.toString(), entry.failure, false, null);
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
    synchronized (byOrigin) {
      cached = byOrigin.get(origin);
      if (cached != null && cached.expires.isAfter(clock.instant())) {
        return cached;
      }
      Entry fresh = fetch(url);
      byOrigin.put(origin, fresh);
      return fresh;
    }
  }

  private Entry fetch(HttpUrl pageUrl) throws InterruptedException {
    HttpUrl robotsUrl = pageUrl.newBuilder().encodedPath("/robots.txt").query(null).fragment(null).build();
    Instant now = clock.instant();
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    HttpUrl url = robotsUrl;
    try {
      for (int redirects = 0; redirects <= 5; redirects++) {
        Request request = new Request.Builder().url(url).header("User-Agent", userAgent).build();
        try (HostPacer.Permit permit = pacer.acquire(url.host()); Response response = client.newCall(request).execute()) {
          int code = response.code();
          if (code >= 300 && code < 400 && response.header("Location") != null && url.resolve(response.header("Location")) != null) {
            url = url.resolve(response.header("Location"));
            continue;
          }
          if (code >= 500 || code == 429) {
            return failed(robotsUrl, "robots.txt answered HTTP " + code + "; not crawling this host until it can be read", now);
          }
          if (code >= 400) {
            log.info("{}: HTTP {}, so everything is allowed", robotsUrl, code);
            return new Entry(parser.failedFetch(code), null, now.plus(TTL));
          }
          ResponseBody body = response.body();
          byte[] bytes = body == null ? new byte[0] : body.source().readByteArray(Math.min(MAX_BYTES, Math.max(0, contentLength(body))));
          BaseRobotRules rules = parser.parseContent(robotsUrl.toString(), bytes, "text/plain", robotNames);
          applyCrawlDelay(pageUrl.host(), rules);
          return new Entry(rules, null, now.plus(TTL));
        }
      }
      return failed(robotsUrl, "robots.txt redirects more than 5 times", now);
    } catch (IOException e) {
      return failed(robotsUrl, "cannot reach " + robotsUrl + " (" + e + "); not crawling this host until robots.txt can be read", now);
    }
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

  private static Entry failed(HttpUrl robotsUrl, String problem, Instant now) {
    log.warn("{}: {}", robotsUrl, problem);
    return new Entry(null, problem, now.plus(RETRY_FAILED));
  }

  private record Entry(BaseRobotRules rules, String failure, Instant expires) {}
}
