package org.industriallmonitor.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaPages;
import org.industriallmonitor.replica.ReplicaServer;

/**
 * What tests do to the replica besides publishing: count its requests, slow it down, serve
 * another robots.txt, and serve article pages wrongly, as hostile or broken servers do.
 */
public final class ReplicaTweaks implements ReplicaServer.Interceptor {
  private final AtomicInteger requests = new AtomicInteger();
  private final java.util.Queue<String> requested = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Map<String, Misbehaviour> misbehaviours = new ConcurrentHashMap<>();
  private volatile String robotsTxt;
  private volatile boolean trickleFeed;
  private volatile Duration latency = Duration.ZERO;
  private final java.util.Set<Integer> goneListings = ConcurrentHashMap.newKeySet();
  private final Map<String, Runnable> onRequest = new ConcurrentHashMap<>();
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private static final String BODY_START = "<div class=\"article-body field--name-body\">\n";
  private static final String BODY_END = "          </div>\n          <div class=\"article-translations\"";

  /** Ways an article page can be served wrongly. */
  public enum Misbehaviour {
    /** Bytes that are not UTF-8, sent as UTF-8. */
    INVALID_UTF8,
    /** UTF-8 bytes (and a UTF-8 meta tag) sent with {@code charset=ISO-8859-1}. */
    LYING_CHARSET,
    /** The page, one byte a second. */
    TRICKLE,
    /** 503 Service Unavailable, every time. */
    SERVER_ERROR
  }

  /** Number of requests the replica received so far. */
  public int requestCount() {
    return requests.get();
  }

  /** Number of requests for {@code pathAndQuery} (such as {@code /rss.xml} or {@code /search?language=en&from=10}) so far. */
  public int requestsFor(String pathAndQuery) {
    return (int) requested.stream().filter(pathAndQuery::equals).count();
  }

  /** Serves the page of the article {@code slug} rightly again. */
  public void behave(String slug) {
    misbehaviours.remove(slug);
  }

  /** Answers every request {@code latency} later, like a distant server. */
  public void latency(Duration latency) {
    this.latency = latency;
  }

  public void robotsTxt(String content) {
    robotsTxt = content;
  }

  /** Serves {@code /rss.xml} one byte a second from now on, a feed that never quite arrives. */
  public void trickleFeed() {
    trickleFeed = true;
  }

  /** Answers 404 for the listings of {@code region} from now on, as a CMS may for an id it no longer has. */
  public void goneListing(int region) {
    goneListings.add(region);
  }

  /**
   * Runs {@code action} once, when {@code path} is next requested, before it is answered: something that
   * happens elsewhere (another node, say) while the monitor waits for that page.
   */
  public void onRequest(String path, Runnable action) {
    onRequest.put(path, action);
  }

  /** Serves the page of the article {@code slug} wrongly from now on. */
  public void misbehave(String slug, Misbehaviour how) {
    misbehaviours.put(slug, how);
  }

  /**
   * Serves the page of the article {@code slug} with {@code html} as its body (lists, quotes, headings: the
   * contract's markup, which the replica's own paragraphs do not have), in the replica's default markup.
   */
  public void body(String slug, String html) {
    bodies.put(slug, html);
  }

  @Override
  public boolean intercept(HttpExchange exchange, ReplicaServer replica) throws IOException {
    requests.incrementAndGet();
    String query = exchange.getRequestURI().getRawQuery();
    requested.add(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    String path = exchange.getRequestURI().getRawPath();
    Runnable action = onRequest.remove(path);
    if (action != null) {
      action.run();
    }
    if (path.equals("/robots.txt") && robotsTxt != null) {
      write(exchange, 200, "text/plain", robotsTxt.getBytes(StandardCharsets.UTF_8));
      return true;
    }
    if (path.endsWith("/search") && query != null
        && goneListings.stream().anyMatch(region -> ("&" + query + "&").contains("&regions=" + region + "&"))) {
      write(exchange, 404, "text/html; charset=utf-8", "<h1>Page not found</h1>".getBytes(StandardCharsets.UTF_8));
      return true;
    }
    if (path.equals("/rss.xml") && trickleFeed) {
      byte[] feed = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>" + " ".repeat(4096)
          + "</channel></rss>\n").getBytes(StandardCharsets.UTF_8);
      trickle(exchange, "application/rss+xml; charset=utf-8", feed);
      return true;
    }
    Optional<ReplicaArticle> article = replica.catalog().articleAt(path);
    String body = article.map(a -> bodies.get(a.slug())).orElse(null);
    if (body != null) {
      String page = ReplicaPages.article(replica.catalog(), article.get());
      int start = page.indexOf(BODY_START) + BODY_START.length();
      String rich = page.substring(0, start) + body + "\n" + page.substring(page.indexOf(BODY_END, start));
      write(exchange, 200, "text/html; charset=utf-8", rich.getBytes(StandardCharsets.UTF_8));
      return true;
    }
    Misbehaviour how = article.map(a -> misbehaviours.get(a.slug())).orElse(null);
    if (how == null) {
      return false;
    }
    byte[] utf8 = ReplicaPages.article(replica.catalog(), article.get()).getBytes(StandardCharsets.UTF_8);
    switch (how) {
      case INVALID_UTF8 -> {
        byte[] broken = Arrays.copyOf(utf8, utf8.length + 2);
        broken[broken.length - 2] = (byte) 0xC3;
        broken[broken.length - 1] = (byte) 0x28;
        write(exchange, 200, "text/html; charset=utf-8", broken);
      }
      case LYING_CHARSET -> write(exchange, 200, "text/html; charset=ISO-8859-1", utf8);
      case TRICKLE -> trickle(exchange, "text/html; charset=utf-8", utf8);
      case SERVER_ERROR -> write(exchange, 503, "text/html; charset=utf-8", "<h1>Service Unavailable</h1>".getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalStateException(how.toString());
    }
    return true;
  }

  private static void trickle(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (byte b : body) {
        out.write(b);
        out.flush();
        Thread.sleep(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The monitor gave up on the page (its timeout): that is the point.
    }
  }

  private static void write(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
