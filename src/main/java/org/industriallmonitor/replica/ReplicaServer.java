package org.industriallmonitor.replica;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.http.JdkHttpServers;

/**
 * Serves a {@link ReplicaCatalog} over HTTP on loopback with the site's URLs and markup, answers
 * conditional requests, and lets the demo, users and tests publish new articles
 * ({@code POST /_replica/publish?region=364&position=3}), list them ({@code GET /_replica/articles}),
 * change the markup ({@code POST /_replica/theme?name=wordpress}, see {@link ReplicaTheme}) and renumber
 * the countries as a new CMS would ({@code POST /_replica/renumber?from=364&to=9364}, repeatable). {@link
 * #redirecting} answers from a second address with a redirect to the first, as a site that moved host.
 */
public final class ReplicaServer implements AutoCloseable {
  private final ReplicaCatalog catalog;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Interceptor interceptor;
  private final AtomicReference<ReplicaTheme> theme = new AtomicReference<>(ReplicaTheme.CONTRACT);
  private final AtomicReference<ReplicaSidebar> sidebar = new AtomicReference<>(ReplicaSidebar.NONE);

  /**
   * Sees every request before the replica answers it, and may answer it itself (tests serve
   * broken pages this way); returns true when it did.
   */
  @FunctionalInterface
  public interface Interceptor {
    Interceptor NONE = (exchange, replica) -> false;

    boolean intercept(HttpExchange exchange, ReplicaServer replica) throws IOException;
  }

  private ReplicaServer(ReplicaCatalog catalog, HttpServer server, ExecutorService executor, Interceptor interceptor) {
    this.catalog = catalog;
    this.server = server;
    this.executor = executor;
    this.interceptor = interceptor;
  }

  /** Starts serving on 127.0.0.1; {@code port} 0 picks a free port. */
  public static ReplicaServer start(ReplicaCatalog catalog, int port) throws IOException {
    return start(catalog, port, Interceptor.NONE);
  }

  /** Starts serving on 127.0.0.1, letting {@code interceptor} see (and answer) each request first. */
  public static ReplicaServer start(ReplicaCatalog catalog, int port, Interceptor interceptor) throws IOException {
    // With TCP_NODELAY (the JDK server's separate header and body writes would meet delayed ACKs: 40 ms a page),
    // and the console's time limits: the JDK reads its settings once, for every server of the JVM.
    HttpServer server = JdkHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "replica-http");
      t.setDaemon(true);
      return t;
    });
    ReplicaServer replica = new ReplicaServer(catalog, server, executor, interceptor);
    server.createContext("/", replica::handle);
    server.setExecutor(executor);
    server.start();
    return replica;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public ReplicaCatalog catalog() {
    return catalog;
  }

  /** Serves every page in {@code next}'s markup from now on (as a site changing its CMS does). */
  public void theme(ReplicaTheme next) {
    theme.set(next);
  }

  public ReplicaTheme theme() {
    return theme.get();
  }

  /** Adds (or takes away) a sidebar widget on every article page, whatever the theme (see {@link ReplicaSidebar}). */
  public void sidebar(ReplicaSidebar next) {
    sidebar.set(next);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (interceptor.intercept(exchange, this)) {
        return;
      }
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath();
      if (path.equals("/_replica/publish") && exchange.getRequestMethod().equals("POST")) {
        publish(exchange, uri);
        return;
      }
      if (path.equals("/_replica/theme") && exchange.getRequestMethod().equals("POST")) {
        switchTheme(exchange, uri);
        return;
      }
      if (path.equals("/_replica/renumber") && exchange.getRequestMethod().equals("POST")) {
        renumber(exchange, uri);
        return;
      }
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        send(exchange, 405, "text/plain", "method not allowed\n");
        return;
      }
      if (path.equals("/_replica/articles")) {
        send(exchange, 200, "text/plain; charset=utf-8", String.join("\n", catalog.slugs()) + "\n");
      } else if (path.equals("/robots.txt")) {
        send(exchange, 200, "text/plain", "User-agent: *\nAllow: /\n");
      } else if (path.equals("/search")) {
        searchPage(exchange, uri, "en");
      } else if (path.matches("/(es|fr|ru)/search")) {
        searchPage(exchange, uri, path.substring(1, 3));
      } else if (path.equals("/rss.xml")) {
        sendWithEtag(exchange, "application/rss+xml; charset=utf-8", ReplicaFeed.rss(baseUrl(), catalog.newest(ReplicaFeed.ITEMS)));
      } else {
        contentPage(exchange, path);
      }
    }
  }

  /**
   * A search page: a country's listing in {@code language} (its translations: slugs LANG/...), its
   * facets naming the countries in that language; without a country, the search for {@code query=}'s words
   * (see {@link ReplicaCatalog#search}), or else every article newest first.
   */
  private void searchPage(HttpExchange exchange, URI uri, String language) throws IOException {
    Integer region = intParameter(uri, "regions");
    int from = Optional.ofNullable(intParameter(uri, "from")).orElse(0);
    List<String> query = parameters(uri, "query");
    ListingSlice slice = !query.isEmpty() && region == null ? catalog.search(query.get(0), from)
        : region == null ? catalog.listingOfAll(from) : catalog.listing(region, from, language);
    sendHtml(exchange, theme.get().listing(catalog, region, slice, language));
  }

  private void contentPage(HttpExchange exchange, String rawPath) throws IOException {
    Optional<ReplicaArticle> article = catalog.articleAt(rawPath);
    if (article.isPresent()) {
      sendHtml(exchange, sidebar.get().apply(theme.get().article(catalog, article.get()), catalog, article.get()));
      return;
    }
    String path = URLDecoder.decode(rawPath.substring(1), StandardCharsets.UTF_8);
    int slash = path.indexOf('/');
    if (slash == 2) {
      Optional<ReplicaArticle> original = catalog.article(path.substring(3));
      if (original.isPresent()) {
        sendHtml(exchange, ReplicaPages.translation(original.get(), path.substring(0, 2)));
        return;
      }
    }
    send(exchange, 404, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html><body><h1>Page not found</h1></body></html>\n");
  }

  private void switchTheme(HttpExchange exchange, URI uri) throws IOException {
    List<String> names = parameters(uri, "name");
    try {
      theme(ReplicaTheme.named(names.isEmpty() ? "" : names.get(0)));
      send(exchange, 200, "text/plain; charset=utf-8", "theme " + theme.get().id() + "\n");
    } catch (IllegalArgumentException e) {
      send(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
    }
  }

  private void renumber(HttpExchange exchange, URI uri) throws IOException {
    List<String> from = parameters(uri, "from");
    List<String> to = parameters(uri, "to");
    java.util.Map<Integer, Integer> oldToNew = new java.util.LinkedHashMap<>();
    try {
      for (int i = 0; i < from.size() && i < to.size(); i++) {
        oldToNew.put(Integer.parseInt(from.get(i)), Integer.parseInt(to.get(i)));
      }
      if (oldToNew.isEmpty() || from.size() != to.size()) {
        throw new IllegalArgumentException("give from=ID&to=ID pairs");
      }
      catalog.renumberRegions(oldToNew);
    } catch (IllegalArgumentException e) {
      send(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
      return;
    }
    send(exchange, 200, "text/plain; charset=utf-8", "renumbered " + oldToNew + "\n");
  }

  /**
   * A second address of the site, on a free loopback port: every request is answered {@code status} (301, 308:
   * a move; 302, 307: a temporary detour) with the same path and query on {@code target}. Close it to stop.
   */
  public static Redirect redirecting(URI target, int status) throws IOException {
    HttpServer server = JdkHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "replica-redirect");
      t.setDaemon(true);
      return t;
    });
    String base = target.toString().endsWith("/") ? target.toString().substring(0, target.toString().length() - 1) : target.toString();
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("Location", base + exchange.getRequestURI().toString());
        exchange.sendResponseHeaders(status, -1);
      }
    });
    server.setExecutor(executor);
    server.start();
    return new Redirect(server, executor);
  }

  /** The second address of {@link #redirecting}: where it serves, and its stop. */
  public record Redirect(HttpServer server, ExecutorService executor) implements AutoCloseable {
    public URI baseUrl() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void publish(HttpExchange exchange, URI uri) throws IOException {
    List<Integer> regions = new ArrayList<>();
    for (String value : parameters(uri, "region")) {
      regions.add(Integer.parseInt(value));
    }
    if (regions.isEmpty()) {
      send(exchange, 400, "text/plain", "give at least one region=ID\n");
      return;
    }
    Integer position = intParameter(uri, "position");
    ReplicaArticle article = catalog.publishNew(regions, LocalDate.now(), position == null ? 3 : position);
    String json = "{\"slug\":\"" + article.slug() + "\",\"title\":\"" + article.title().replace("\"", "\\\"") + "\",\"url\":\""
        + baseUrl() + "/" + article.slug() + "\"}\n";
    send(exchange, 200, "application/json", json);
  }

  private static void sendHtml(HttpExchange exchange, String html) throws IOException {
    sendWithEtag(exchange, "text/html; charset=utf-8", html);
  }

  private static void sendWithEtag(HttpExchange exchange, String type, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    String etag = "\"" + Hashes.sha256(body).substring(0, 20) + "\"";
    exchange.getResponseHeaders().set("ETag", etag);
    exchange.getResponseHeaders().set("Content-Type", type);
    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    write(exchange, 200, body);
  }

  private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    write(exchange, status, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Integer intParameter(URI uri, String name) {
    List<String> values = parameters(uri, name);
    if (values.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(values.get(0));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<String> parameters(URI uri, String name) {
    List<String> values = new ArrayList<>();
    String query = uri.getRawQuery();
    if (query == null) {
      return values;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

}
