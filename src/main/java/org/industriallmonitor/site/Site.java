package org.industriallmonitor.site;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.config.SiteConfig;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.HostPacer;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.fetch.HttpFetcher;
import org.industriallmonitor.fetch.RetryPolicy;
import org.industriallmonitor.fetch.RobotsCache;
import org.industriallmonitor.fetch.Sleeper;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.parse.FallbackExtractor;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingParser;
import org.industriallmonitor.parse.SiteUrls;

/**
 * The watched site, for as long as the process lives: one host pacer and one robots.txt cache
 * shared by every crawl, whatever configuration each crawl started with. A change of
 * {@code site:} reconfigures them in place (limits, User-Agent, timeouts) and gives the next
 * crawls a new {@link SiteReader} (selectors, addresses); a crawl in flight keeps its reader
 * but paces with everyone else. Where the site answers when its base address redirects ({@link HostMoves}) is
 * shared alike: once a move is seen, every reader goes straight to the new base.
 */
public final class Site {
  /** The longest wait between retries, whatever {@code retry_backoff} doubles to. */
  private static final Duration MAX_RETRY_WAIT = Duration.ofMinutes(1);
  /** An RSS, RDF or Atom document, and one of its items: what the configured base's feed is when the site is there. */
  private static final Pattern FEED = Pattern.compile("<(rss|rdf:RDF|feed)[\\s>]");
  private static final Pattern FEED_ITEM = Pattern.compile("<(item|entry)[\\s>/]");

  private final OkHttpClient baseClient;
  private final HostPacer pacer;
  private final RobotsCache robots;
  private final Clock clock;
  private SiteMove.Listener moveListener = SiteMove.Listener.NONE;
  private volatile HostMoves moves;
  private SiteConfig config;
  private Map<String, String> learned;
  private volatile SiteReader reader;

  public Site(SiteConfig config, OkHttpClient baseClient, Clock clock) {
    this(config, Map.of(), baseClient, clock);
  }

  /** The site read with {@code learned} selectors (by YAML key) where the configuration sets none. */
  public Site(SiteConfig config, Map<String, String> learned, OkHttpClient baseClient, Clock clock) {
    this.baseClient = baseClient;
    this.clock = clock;
    this.config = config;
    this.learned = Map.copyOf(learned);
    this.pacer = new HostPacer(config.requestDelay(), config.maxConnectionsPerHost());
    OkHttpClient http = client(config);
    this.robots = new RobotsCache(http, pacer, config.userAgent(), retries(config), clock);
    this.moves = new HostMoves(config.baseUrl(), moveListener, clock, this::isSites);
    this.reader = reader(config, http);
  }

  /** The parts a crawl that starts now reads the site with. */
  public SiteReader reader() {
    return reader;
  }

  /** Takes a new {@code site:} section: the same pacer and robots rules, new limits and parsers. */
  public synchronized void reconfigure(SiteConfig next) {
    OkHttpClient http = client(next);
    pacer.configure(next.requestDelay(), next.maxConnectionsPerHost());
    robots.configure(http, next.userAgent(), retries(next));
    if (!next.baseUrl().equals(config.baseUrl())) {
      // Another base_url (the one a move named, say): what the old one redirected to is its own business.
      moves = new HostMoves(next.baseUrl(), moveListener, clock, this::isSites);
    }
    config = next;
    reader = reader(next, http);
  }

  /**
   * Tells {@code listener} when the site's base address redirects permanently to another (once per move and
   * process); until then a move is only logged.
   */
  public synchronized void onMove(SiteMove.Listener listener) {
    moveListener = listener;
    moves.listener(listener);
  }

  /** The base the site moved to in this process (a permanent redirect of {@code site.base_url}), if it did. */
  public Optional<String> movedTo() {
    return moves.movedTo();
  }

  /** Reads the site with newly learned selectors from the next crawl on (the configuration's own still win). */
  public synchronized void learn(Map<String, String> selectors) {
    learned = Map.copyOf(selectors);
    reader = reader(config, client(config));
  }

  /** The selectors in force: the defaults, the learned ones, those the configuration sets. */
  public synchronized Selectors selectors() {
    return config.selectorsWith(learned);
  }

  /** The gap now kept between request starts to the site's host (a robots.txt Crawl-delay included). */
  public Duration delayFor(String host) {
    return pacer.delayFor(host);
  }

  /**
   * Whether the configured base's answer to a site page is the site's own, light as it is: a listing page the listing
   * parser reads (a summary line or results), or a feed with at least one item. A parking page or a 304 is not.
   */
  private boolean isSites(String url, FetchResult page) {
    if (page.notModified()) {
      return false;
    }
    if (HttpUrl.get(url).encodedPath().endsWith("/rss.xml")) {
      String text = new String(page.bytes(), StandardCharsets.UTF_8);
      return FEED.matcher(text).find() && FEED_ITEM.matcher(text).find();
    }
    try {
      reader.listingParser().parse(page.body() == null ? "" : page.body(), url);
      return true;
    } catch (LayoutException | RuntimeException e) {
      return false;
    }
  }

  private OkHttpClient client(SiteConfig config) {
    return HttpClients.withTimeouts(baseClient, config.connectTimeout(), config.readTimeout(), config.callTimeout());
  }

  private static RetryPolicy retries(SiteConfig config) {
    return new RetryPolicy(config.retries(), config.retryBackoff(), MAX_RETRY_WAIT);
  }

  private SiteReader reader(SiteConfig config, OkHttpClient http) {
    HostMoves hostMoves = moves;
    SiteUrls urls = new SiteUrls(config.baseUrl(), hostMoves::elsewhere);
    HttpFetcher fetcher = new HttpFetcher(http, pacer, retries(config), config.userAgent(), config.maxBodySize(), hostMoves, robots,
        Sleeper.REAL);
    Selectors selectors = config.selectorsWith(learned);
    return new SiteReader(fetcher, urls, new ListingParser(selectors, urls), new ArticleParser(selectors),
        new FallbackExtractor(urls), config.fallbackArchive(), config.maxPages(), config.maxItemsPerPage());
  }
}
