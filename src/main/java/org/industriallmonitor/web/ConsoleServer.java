package org.industriallmonitor.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.industriallmonitor.app.ConsoleService;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.WebConfig;
import org.industriallmonitor.http.JdkHttpServers;
import org.industriallmonitor.metrics.ConsoleMetrics;
import org.industriallmonitor.query.QuerySyntaxException;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.SearchIndex;
import org.industriallmonitor.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's web console on the JDK's HTTP server: the dashboard, archived articles (a reader's
 * view, and the archived text as it is), search,
 * Atom feeds, metrics, the status JSON and a health check. Read-only but for retrying dead
 * deliveries (a POST with this daemon's CSRF token). Every answer carries a strict
 * Content-Security-Policy: no script runs, no page may frame it. A request for another host name
 * than the console's is refused first ({@link HostCheck}, against DNS rebinding); sign-ins are
 * limited and sessions end ({@link ConsoleAuth}); a client that sends its request slowly is cut
 * off ({@link JdkHttpServers}).
 */
public final class ConsoleServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
  static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'";
  /**
   * Threads that read and answer requests, made as they are needed and ended after a minute
   * unused. A connection holds one while its request arrives (at most {@link
   * JdkHttpServers#MAX_REQUEST_SECONDS} s): fewer silent connections than this never delay an
   * answer, more delay it by that limit at most (the server then closes them).
   */
  static final int THREADS = 32;
  private static final int MAX_FORM_BYTES = 16 * 1024;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final URI url;
  private final HostCheck hosts;
  private final ConsoleAuth auth;
  private final ConsolePages pages;
  private final AtomFeeds feeds;
  private final ConsoleMetrics metrics;
  private final ConsoleService console;
  private final Supplier<MonitorConfig> config;
  private final Clock clock;

  private ConsoleServer(HttpServer server, ThreadPoolExecutor executor, URI url, HostCheck hosts, ConsoleAuth auth, ConsolePages pages,
      AtomFeeds feeds, ConsoleMetrics metrics, ConsoleService console, Supplier<MonitorConfig> config, Clock clock) {
    this.server = server;
    this.executor = executor;
    this.url = url;
    this.hosts = hosts;
    this.auth = auth;
    this.pages = pages;
    this.feeds = feeds;
    this.metrics = metrics;
    this.console = console;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts serving on {@code web.listen}. Throws {@link java.net.BindException} when the port is in
   * use (a second node, a demo): the daemon then logs it and monitors on without a console.
   */
  public static ConsoleServer start(WebConfig web, Supplier<MonitorConfig> config, Supplier<String> configProblem, Store store,
      Archive archive, ConsoleMetrics metrics, Clock clock) throws IOException {
    HttpServer server = JdkHttpServers.create(new InetSocketAddress(web.host(), web.port()), 64);
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "web-console-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    int port = server.getAddress().getPort();
    URI url = URI.create("http://" + (web.host().contains(":") ? "[" + web.host() + "]" : web.host()) + ":" + port + "/");
    ConsoleService reads = new ConsoleService(store);
    ConsoleServer console = new ConsoleServer(server, executor, url, new HostCheck(web.host(), port, web.hosts()),
        new ConsoleAuth(web.tokenIfSet(), clock), new ConsolePages(config, configProblem, reads, archive, clock), new AtomFeeds(archive),
        metrics, reads, config, clock);
    server.createContext("/", console::handle);
    server.start();
    return console;
  }

  /**
   * Starts the console of {@code web}, or says why it cannot (logged, and kept for {@code status}
   * in the database): the console never stops the monitoring.
   */
  public static Optional<ConsoleServer> startOrReport(WebConfig web, Supplier<MonitorConfig> config, Supplier<String> configProblem,
      Store store, Archive archive, ConsoleMetrics metrics, Clock clock) {
    long pid = ProcessHandle.current().pid();
    try {
      ConsoleServer console = start(web, config, configProblem, store, archive, metrics, clock);
      new ConsoleService(store).consoleState(web.listen(), console.url().toString(), null, pid, clock.instant());
      log.info("web console on {}{}", console.url(), web.tokenIfSet().isPresent() ? " (a token is needed)" : "");
      return Optional.of(console);
    } catch (IOException e) {
      String problem = (e instanceof java.net.BindException ? "the address is in use or not of this machine" : e.toString())
          + " (" + e.getMessage() + ")";
      log.warn("web console: cannot listen on {}: {}; the monitor goes on without it (set web.listen to another port)",
          web.listen(), problem);
      new ConsoleService(store).consoleState(web.listen(), null, problem, pid, clock.instant());
      return Optional.empty();
    }
  }

  /** Where the console serves, with the port it got when {@code web.listen} asked for port 0. */
  public URI url() {
    return url;
  }

  /** How many of the console's threads are busy with a connection now (for tests). */
  int busyThreads() {
    return executor.getActiveCount();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      try {
        reply = route(exchange);
      } catch (RuntimeException e) {
        log.error("web console: {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString(), e);
        reply = Reply.html(500, pages.message("Error", "The console could not answer this request; the log says why."));
      }
      send(exchange, reply);
    }
  }

  private Reply route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    // Before anything else, against DNS rebinding; /healthz tells such a page nothing, and health checkers use many names.
    if (!path.equals("/healthz") && !hosts.allows(exchange.getRequestHeaders().get("Host"))) {
      return Reply.text(421, "This console does not answer to this host name (web.hosts lists the names it answers to).\n");
    }
    if (path.equals("/static/console.css")) {
      return Reply.resource("/web/console.css", "text/css; charset=utf-8");
    }
    if (path.equals("/login")) {
      return login(exchange);
    }
    ConsoleAuth.Decision decision = auth.allows(exchange.getRequestHeaders().getFirst("Authorization"),
        exchange.getRequestHeaders().getFirst("Cookie"), exchange.getRemoteAddress().getAddress());
    if (decision.retryAfter().isPresent()) {
      return tooManySignIns(Reply.text(429, "Too many failed sign-ins from this address: try again later.\n"),
          decision.retryAfter().get());
    }
    if (!decision.allowed()) {
      // No hint of why: a missing token and a wrong one look the same.
      return Reply.html(401, pages.login()).header("WWW-Authenticate", "Bearer");
    }
    if (method.equals("POST")) {
      return path.equals("/outbox/retry") ? retry(exchange) : Reply.text(405, "Only GET here.\n").header("Allow", "GET, HEAD");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Reply.text(405, "GET, HEAD or POST only.\n").header("Allow", "GET, HEAD, POST");
    }
    Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
    if (path.equals("/")) {
      return Reply.html(200, pages.dashboard(auth.csrfToken(), null));
    }
    if (path.equals("/api/status")) {
      return new Reply(200, "application/json; charset=utf-8", pages.statusJson().getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }
    if (path.equals("/healthz")) {
      return console.databaseAnswers() ? Reply.text(200, "ok\n") : Reply.text(503, "the database does not answer\n");
    }
    if (path.equals("/metrics")) {
      return new Reply(200, ConsoleMetrics.contentType(), metrics.scrape(), new LinkedHashMap<>());
    }
    if (path.equals("/search")) {
      ConsolePages.Answer answer = pages.search(query.get("q"), blankToNull(query.get("country")), blankToNull(query.get("lang")),
          blankToNull(query.get("theme")), blankToNull(query.get("channel")), page(query.get("page")));
      return Reply.html(answer.status(), answer.html());
    }
    if (path.startsWith("/articles/")) {
      String slug = URLDecoder.decode(path.substring("/articles/".length()), StandardCharsets.UTF_8);
      return pages.article(slug).map(html -> Reply.html(200, html)).orElseGet(this::notFound);
    }
    if (path.startsWith("/archived/")) {
      // The article's archived text exactly as the archive keeps it (found by its slug, never by a path the client gives).
      String slug = URLDecoder.decode(path.substring("/archived/".length()), StandardCharsets.UTF_8);
      String version = query.get("version");
      if (version != null && !version.matches("\\d{1,9}")) {
        return notFound();
      }
      return pages.archivedFile(slug, version == null ? null : Integer.valueOf(version))
          .map(bytes -> new Reply(200, "text/plain; charset=utf-8", bytes, new LinkedHashMap<>()))
          .orElseGet(this::notFound);
    }
    if (path.startsWith("/countries/") && path.substring("/countries/".length()).matches("\\d{1,9}")) {
      return pages.country(Integer.parseInt(path.substring("/countries/".length()))).map(html -> Reply.html(200, html))
          .orElseGet(this::notFound);
    }
    if (path.equals("/feeds/search.atom")) {
      return searchFeed(query, exchange.getRequestURI().getRawQuery());
    }
    if (path.startsWith("/feeds/channel/") && path.endsWith(".atom")) {
      return channelFeed(URLDecoder.decode(path.substring("/feeds/channel/".length(), path.length() - ".atom".length()),
          StandardCharsets.UTF_8));
    }
    if (path.startsWith("/feeds/") && path.endsWith(".atom")) {
      return feed(path.substring("/feeds/".length(), path.length() - ".atom".length()));
    }
    return notFound();
  }

  private Reply feed(String name) {
    String self = url + "feeds/" + name + ".atom";
    if (name.equals("all")) {
      return new Reply(200, AtomFeeds.CONTENT_TYPE, feeds.feed("industriall-monitor: new articles", "all", self, url.toString(),
          console.newest(null, AtomFeeds.ENTRIES)), new LinkedHashMap<>());
    }
    Optional<Integer> region = name.matches("\\d{1,9}") ? Optional.of(Integer.parseInt(name)) : Optional.empty();
    Optional<String> country = region.flatMap(r -> config.get().countries().stream().filter(c -> c.region() == r).findFirst()
        .map(c -> c.name()));
    if (country.isEmpty()) {
      return notFound();
    }
    return new Reply(200, AtomFeeds.CONTENT_TYPE, feeds.feed("industriall-monitor: " + country.get(), "region/" + region.get(), self,
        url.toString(), console.newest(region.get(), AtomFeeds.ENTRIES)), new LinkedHashMap<>());
  }

  /**
   * A search as a feed: its newest {@link AtomFeeds#ENTRIES} articles (q, country, lang, theme and channel as
   * on the search page); a bad query is a 400 saying what is wrong, an unknown channel a 404.
   */
  private Reply searchFeed(Map<String, String> query, String rawQuery) {
    String channelId = blankToNull(query.get("channel"));
    Optional<SearchIndex.Channel> channel = channelId == null ? Optional.empty() : console.channel(config.get(), channelId);
    if (channelId != null && channel.isEmpty()) {
      return unknownChannel(channelId);
    }
    SearchIndex.Query search = new SearchIndex.Query(query.get("q"), blankToNull(query.get("country")), blankToNull(query.get("lang")),
        blankToNull(query.get("theme")), channel.orElse(null), SearchIndex.Order.NEWEST_FIRST, AtomFeeds.ENTRIES, 0);
    if (blankToNull(search.text()) == null && search.country() == null && search.theme() == null && channel.isEmpty()) {
      // A feed reader subscribed to this would wait forever for an entry.
      return Reply.text(400, "a search feed asks something: give q (words), country, theme or channel\n");
    }
    String canonical = ConsolePages.searchQuery(query.get("q"), search.country(), search.language(), search.theme(), channelId);
    return atom("industriall-monitor: " + ConsolePages.searchTitle(query.get("q"), search.country(), search.language(), search.theme(),
        channelId), "search?" + canonical, url + "feeds/search.atom" + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery),
        search);
  }

  /** A channel's search as a feed: the newest articles its filters let through; an unknown channel is a 404. */
  private Reply channelFeed(String id) {
    Optional<SearchIndex.Channel> channel = console.channel(config.get(), id);
    if (channel.isEmpty()) {
      return unknownChannel(id);
    }
    String filters = config.get().notifications().filter(id).describe(config.get().countries());
    return atom("industriall-monitor: channel " + id + (filters.isEmpty() ? "" : " (" + filters + ")"), "channel/" + id,
        url + "feeds/channel/" + ConsolePages.encodePath(id) + ".atom",
        new SearchIndex.Query(null, null, null, null, channel.get(), SearchIndex.Order.NEWEST_FIRST, AtomFeeds.ENTRIES, 0));
  }

  private Reply atom(String title, String feedId, String self, SearchIndex.Query search) {
    List<ArticleRepository.Summary> articles;
    try {
      articles = console.articles(search);
    } catch (QuerySyntaxException e) {
      return Reply.text(400, "not a query: " + e.getMessage() + "\n");
    }
    return new Reply(200, AtomFeeds.CONTENT_TYPE, feeds.feed(title, feedId, self, url.toString(), articles), new LinkedHashMap<>());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private Reply login(HttpExchange exchange) throws IOException {
    if (!auth.required()) {
      return Reply.redirect("/");
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      return Reply.html(200, pages.login());
    }
    ConsoleAuth.SignIn signIn = auth.login(form(exchange).get("token"), exchange.getRemoteAddress().getAddress());
    if (signIn.retryAfter().isPresent()) {
      return tooManySignIns(Reply.html(429, pages.message("Too many failed sign-ins",
          "Too many failed sign-ins from this address: try again later.")), signIn.retryAfter().get());
    }
    return signIn.session().map(s -> Reply.redirect("/").header("Set-Cookie", ConsoleAuth.cookie(s)))
        .orElseGet(() -> Reply.html(401, pages.login()));
  }

  /** A 429 with Retry-After in whole seconds, at least one (ConsoleAuth logs when throttling starts). */
  private static Reply tooManySignIns(Reply reply, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return reply.header("Retry-After", String.valueOf(seconds));
  }

  private Reply retry(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(exchange);
    if (!auth.csrfMatches(form.get("csrf"))) {
      return Reply.html(403, pages.message("Refused", "This form is out of date or did not come from this console: reload the page."));
    }
    String delivery = form.get("delivery");
    int count = console.retryDead(delivery == null || delivery.isBlank() ? null : delivery, clock.instant());
    String retried = Plural.of(count, "dead delivery", "dead deliveries");
    log.info("web console: {} put back in line", retried);
    String done = count == 0 ? "No dead delivery to retry." : retried + " put back in line.";
    return Reply.html(200, pages.dashboard(auth.csrfToken(), done));
  }

  /** A feed of a channel that is not configured: which there are, as the search page says. */
  private Reply unknownChannel(String id) {
    List<String> ids = config.get().notifications().channelIds();
    return Reply.text(404, "no channel has the id '" + DisplayText.of(id) + "'"
        + (ids.isEmpty() ? ": none is configured" : " (channels: " + String.join(", ", ids) + ")") + "\n");
  }

  private Reply notFound() {
    return Reply.html(404, pages.message("Not found", "Nothing here."));
  }

  private static int page(String value) {
    try {
      return value == null ? 1 : Math.max(1, Math.min(10_000, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static Map<String, String> form(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_FORM_BYTES);
      return params(new String(body, StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> params(String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // A malformed escape: the parameter is left out.
      }
    }
    return params;
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", reply.contentType());
    headers.set("Content-Security-Policy", CSP);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-store");
    reply.headers().forEach(headers::set);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length == 0 ? -1 : reply.body().length);
    if (!head && reply.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }

  /** An answer: status, type, body and extra headers. */
  record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Reply html(int status, String html) {
      return new Reply(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    static Reply text(int status, String text) {
      return new Reply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    static Reply redirect(String location) {
      return new Reply(303, "text/plain; charset=utf-8", new byte[0], new LinkedHashMap<>(Map.of("Location", location)));
    }

    static Reply resource(String name, String type) throws IOException {
      try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
        return new Reply(200, type, in.readAllBytes(), new LinkedHashMap<>());
      }
    }

    Reply header(String name, String value) {
      headers.put(name, value);
      return this;
    }
  }
}
