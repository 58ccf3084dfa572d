package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.http.JdkHttpServers;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.MutableClock;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 30, hostile clients: connections that send half a request and wait, a Host header of
 * another name, a sign-in guessed at speed, sessions without end.
 */
class ConsoleHardeningTest {
  private static final Duration REQUEST_LIMIT = Duration.ofSeconds(JdkHttpServers.MAX_REQUEST_SECONDS);
  /** The server checks its request time limit once a second. */
  private static final Duration TIMER = Duration.ofSeconds(1);
  private static final Duration MARGIN = Duration.ofSeconds(2);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private final List<Socket> sockets = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void closeSockets() {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // closed already
      }
    }
  }

  private Path config(String web) throws IOException {
    TestConfig config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364);
    return (web == null ? config : config.web(web)).writeTo(dir);
  }

  @Test
  void aFewSilentConnectionsDoNotDelayHealthzAndAreClosedByTheServer() throws Exception {
    int silent = 8; // twice the threads the console once had
    try (ConsoleFixture fixture = ConsoleFixture.start(config(null))) {
      long opened = System.nanoTime();
      openSilent(fixture, silent);
      await().atMost(Duration.ofSeconds(5)).until(() -> fixture.console.busyThreads() == Math.min(silent, ConsoleServer.THREADS));

      // Answered before the silent connections time out: it waited for none of them.
      HttpResponse<String> health = healthz(fixture, REQUEST_LIMIT.minus(elapsed(opened)));
      assertThat(health.statusCode()).isEqualTo(200);
      assertClosedByServerWithin(REQUEST_LIMIT.plus(TIMER).plus(MARGIN), opened);
    }
  }

  @Test
  void moreSilentConnectionsThanThreadsDelayHealthzOnlyUntilTheServerCutsThem() throws Exception {
    int silent = ConsoleServer.THREADS + 2;
    try (ConsoleFixture fixture = ConsoleFixture.start(config(null))) {
      long opened = System.nanoTime();
      openSilent(fixture, silent);
      await().atMost(Duration.ofSeconds(5)).until(() -> fixture.console.busyThreads() == ConsoleServer.THREADS);

      // A health checker asks again when an answer is slow: within the request limit and a tick it is answered.
      Duration bound = REQUEST_LIMIT.plus(TIMER).plus(MARGIN);
      AtomicReference<Integer> status = new AtomicReference<>();
      await().atMost(bound.minus(elapsed(opened))).pollInterval(Duration.ofMillis(100)).until(() -> {
        try {
          status.set(healthz(fixture, Duration.ofSeconds(2)).statusCode());
          return true;
        } catch (IOException e) {
          return false;
        }
      });
      assertThat(status.get()).isEqualTo(200);
      assertClosedByServerWithin(bound, opened);
    }
  }

  @Test
  void onlyTheListenAddressLocalhostAndWebHostsAreAnsweredAgainstDnsRebinding() throws Exception {
    try (ConsoleFixture fixture = ConsoleFixture.start(config("{listen: \"127.0.0.1:0\", hosts: [monitor.example.org]}"))) {
      int port = fixture.console.url().getPort();
      int otherPort = port == 65535 ? port - 1 : port + 1;
      for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port,
          "monitor.example.org", "monitor.example.org:8443")) {
        assertThat(raw(fixture, "GET / HTTP/1.1\r\nHost: " + host + "\r\n")).as(host).startsWith("HTTP/1.1 200");
      }
      for (String host : List.of("rebound.example:" + port, "rebound.example", "localhost:" + otherPort, "127.0.0.1",
          "localhost.:" + port, "127.0.0.2:" + port, "[::1]", "monitor.example.org.evil.example", "", "localhost:" + port + ":" + port)) {
        String answer = raw(fixture, "GET / HTTP/1.1\r\nHost: " + host + "\r\n");
        assertThat(answer).as(host).startsWith("HTTP/1.1 421").contains("does not answer to this host name").doesNotContain("csrf");
      }
      assertThat(raw(fixture, "GET / HTTP/1.0\r\n")).as("no Host").startsWith("HTTP/1.1 421");
      assertThat(raw(fixture, "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nHost: rebound.example:" + port + "\r\n"))
          .as("two Hosts").startsWith("HTTP/1.1 421");
      // Every path, before authentication, but the health check (it tells a rebound page nothing).
      for (String path : List.of("/api/status", "/static/console.css", "/login", "/feeds/all.atom", "/metrics")) {
        assertThat(raw(fixture, "GET " + path + " HTTP/1.1\r\nHost: rebound.example:" + port + "\r\n")).as(path)
            .startsWith("HTTP/1.1 421");
      }
      assertThat(raw(fixture, "GET /healthz HTTP/1.1\r\nHost: rebound.example:" + port + "\r\n")).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void aWildcardListenAnswersAddressesOfItsPortButNamesOnlyFromWebHosts() {
    HostCheck wildcard = new HostCheck("0.0.0.0", 8470, List.of("console.example.org"));
    assertThat(wildcard.allows(List.of("192.0.2.7:8470"))).isTrue();
    assertThat(wildcard.allows(List.of("[2001:db8::1]:8470"))).isTrue();
    assertThat(wildcard.allows(List.of("Console.Example.org"))).isTrue();
    assertThat(wildcard.allows(List.of("192.0.2.7:8471"))).isFalse();
    assertThat(wildcard.allows(List.of("rebound.example:8470"))).isFalse();
    assertThat(wildcard.allows(List.of())).isFalse();
    HostCheck v6 = new HostCheck("::1", 80, List.of());
    assertThat(v6.allows(List.of("[::1]"))).isTrue();
    assertThat(v6.allows(List.of("192.0.2.7"))).isFalse();
  }

  @Test
  void webHostsTakesNamesWithoutPorts() throws Exception {
    Path file = config("{listen: \"127.0.0.1:0\", hosts: [\"monitor.example.org:8443\"]}");
    assertThatThrownBy(() -> ConfigLoader.withSystemEnvironment().load(file)).hasMessageContaining("web.hosts")
        .hasMessageContaining("expected a host name without port");
  }

  @Test
  void onlyHttpAndHttpsAddressesFromTheSiteBecomeLinks() throws Exception {
    publishBidiArticle();
    try (ConsoleFixture fixture = ConsoleFixture.start(config(null)).crawlAll()) {
      Path sidecar = sidecarOf(BIDI);
      ObjectNode json = (ObjectNode) new ObjectMapper().readTree(sidecar.toFile());
      ArrayNode translations = json.putArray("translations");
      List<String> hostile = List.of("javascript:alert(document.cookie)", " JavaScript:alert(1)", "java\tscript:alert(1)",
          "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//rebound.example/x", "https:", "http://a b/");
      hostile.forEach(url -> translations.addObject().put("lang", "es").put("url", url));
      translations.addObject().put("lang", "fr").put("url", "https://www.industriall-union.org/fr/une-page");
      Files.writeString(sidecar, json.toString());
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/monitor.db"));
          PreparedStatement update = db.prepareStatement("UPDATE articles SET url = ? WHERE slug = ?")) {
        update.setString(1, "javascript:alert('original')");
        update.setString(2, BIDI);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }

      Document page = Jsoup.parse(fixture.get("/articles/" + BIDI).body());
      assertThat(page.select("a[href]").eachAttr("href")).as("links of the page")
          .allSatisfy(href -> assertThat(href).matches("(https?://\\S+|/([^/].*)?)"))
          .contains("https://www.industriall-union.org/fr/une-page");
      String shown = page.select("dl.article, ul.translations").text();
      assertThat(shown).contains("javascript:alert(document.cookie)", "javascript:alert('original')", "vbscript:msgbox(1)");

      String feed = fixture.get("/feeds/all.atom").body();
      assertThat(feed).doesNotContain("href=\"javascript:");
      SyndFeed atom = new SyndFeedInput().build(new StringReader(feed));
      assertThat(atom.getEntries()).allSatisfy(entry -> {
        assertThat(entry.getLink()).matches("https?://\\S+");
        entry.getLinks().forEach(link -> assertThat(link.getHref()).matches("https?://\\S+"));
      });
    }
  }

  @Test
  void bidiControlsFromTheSiteAreNeutralisedWhereverItsTextIsShown() throws Exception {
    publishBidiArticle();
    try (ConsoleFixture fixture = ConsoleFixture.start(config(null)).crawlAll()) {
      Path sidecar = sidecarOf(BIDI);
      ObjectNode json = (ObjectNode) new ObjectMapper().readTree(sidecar.toFile());
      json.putArray("themes").addObject().put("name", "Theme \u202Eamehtfo\u202C");
      json.putArray("translations").addObject().put("lang", "e\u202Es").put("url", "https://www.industriall-union.org/es/\u202Egnp.exe");
      Files.writeString(sidecar, json.toString());
      // A crawl error that quotes the site.
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/monitor.db"));
          PreparedStatement update = db.prepareStatement("UPDATE crawl_runs SET error = ? WHERE id = (SELECT MAX(id) FROM crawl_runs)")) {
        update.setString(1, "the listing links to \u202Egnp.exe\u202C");
        assertThat(update.executeUpdate()).isEqualTo(1);
      }

      var article = fixture.get("/articles/" + BIDI);
      var search = fixture.get("/search?q=zanzibarite");
      var feed = fixture.get("/feeds/all.atom");
      var dashboard = fixture.get("/");
      assertThat(Jsoup.parse(dashboard.body()).select("#countries").text()).contains("failed: the listing links to \uFFFDgnp.exe\uFFFD");
      for (var answer : List.of(article, search, feed, dashboard)) {
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(bidiControls(answer.body())).as(answer.uri().getPath()).isEmpty();
      }
      Document page = Jsoup.parse(article.body());
      Element reader = page.selectFirst("article.reader");
      assertThat(reader.select("div.body p").eachText()).hasSize(2) // paragraphs stay paragraphs
          .first().asString().contains("\uFFFDzanzibarite\uFFFD");
      assertThat(reader.selectFirst("p.lede").text()).contains("\uFFFDan isolate\uFFFD and \uFFFDmarks.");
      assertThat(Jsoup.parse(search.body()).select("#hits li p.snippet").text()).contains("\uFFFDzanzibarite");
      SyndFeed atom = new SyndFeedInput().build(new StringReader(feed.body()));
      SyndEntry entry = atom.getEntries().stream().filter(e -> e.getUri().endsWith(BIDI)).findFirst().orElseThrow();
      assertThat(entry.getTitle()).isEqualTo("Bidi \uFFFDgnp.exe\uFFFD title");
    }
  }

  private static final String TOKEN = "correct-horse-battery-staple";
  private static final String WITH_TOKEN = "{listen: \"127.0.0.1:0\", token: " + TOKEN + "}";

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    try (ConsoleFixture fixture = ConsoleFixture.start(config(WITH_TOKEN))) {
      for (String scheme : List.of("Bearer", "bearer", "BEARER", "bEaReR")) {
        assertThat(fixture.get("/api/status", "Authorization", scheme + " " + TOKEN).statusCode()).as(scheme).isEqualTo(200);
      }
      assertThat(fixture.get("/api/status", "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);
      assertThat(fixture.get("/api/status", "Authorization", "bearer").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void failedSignInsAreLoggedAndThrottledPerAddressWithRetryAfter() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(ConsoleAuth.class);
    log.start();
    logger.addAppender(log);
    try (ConsoleFixture fixture = ConsoleFixture.start(config(WITH_TOKEN), clock)) {
      String session = sessionCookie(fixture.post("/login", "token=" + TOKEN));
      for (int i = 1; i <= SignInLimiter.BURST; i++) {
        assertThat(fixture.post("/login", "token=guess-number-" + i).statusCode()).as("guess " + i).isEqualTo(401);
      }
      // Over the limit: refused unread, the right token too, by the form and by the header alike.
      var form = fixture.post("/login", "token=" + TOKEN);
      assertThat(form.statusCode()).isEqualTo(429);
      assertThat(form.headers().firstValue("Retry-After")).hasValue(String.valueOf(SignInLimiter.REFILL.toSeconds()));
      var header = fixture.get("/api/status", "Authorization", "Bearer " + TOKEN);
      assertThat(header.statusCode()).isEqualTo(429);
      assertThat(header.headers().firstValue("Retry-After")).isPresent();
      // A session signed in before goes on; another address is not held back.
      assertThat(fixture.get("/api/status", "Cookie", session).statusCode()).isEqualTo(200);
      assertThat(rawFrom("127.0.0.2", fixture, "POST /login HTTP/1.1\r\nHost: 127.0.0.1:" + fixture.console.url().getPort()
          + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + ("token=" + TOKEN).length() + "\r\n",
          "token=" + TOKEN)).startsWith("HTTP/1.1 303");

      clock.advance(SignInLimiter.REFILL.minusSeconds(1));
      assertThat(fixture.post("/login", "token=" + TOKEN).statusCode()).isEqualTo(429);
      assertThat(fixture.post("/login", "token=" + TOKEN).headers().firstValue("Retry-After")).hasValue("1");
      clock.advance(Duration.ofSeconds(1));
      assertThat(fixture.post("/login", "token=" + TOKEN).statusCode()).isEqualTo(303);
      // One attempt came back: a wrong Bearer header spends it.
      assertThat(fixture.get("/api/status", "Authorization", "bearer header-guess").statusCode()).isEqualTo(401);
      assertThat(fixture.post("/login", "token=" + TOKEN).statusCode()).isEqualTo(429);
    } finally {
      logger.detachAppender(log);
    }
    List<String> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings).filteredOn(w -> w.contains("failed sign-in from 127.0.0.1")).hasSize(SignInLimiter.BURST + 1);
    assertThat(warnings).filteredOn(w -> w.contains("throttled")).hasSize(2);
    assertThat(warnings).noneMatch(w -> w.contains("guess")).noneMatch(w -> w.contains(TOKEN));
  }

  @Test
  void anIpv6AddressIsLimitedByItsSlash64() throws Exception {
    String one = SignInLimiter.key(InetAddress.getByName("2001:db8:0:0:1::1"));
    assertThat(SignInLimiter.key(InetAddress.getByName("2001:db8::ffff:ffff:ffff:ffff"))).isEqualTo(one);
    assertThat(SignInLimiter.key(InetAddress.getByName("2001:db8:0:1::1"))).isNotEqualTo(one);
    assertThat(SignInLimiter.key(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
  }

  @Test
  void sessionsEndWhenUnusedOrOldAndTheLeastRecentlyUsedGoBeyondTheCap() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    try (ConsoleFixture fixture = ConsoleFixture.start(config(WITH_TOKEN), clock)) {
      String idle = sessionCookie(fixture.post("/login", "token=" + TOKEN));
      String busy = sessionCookie(fixture.post("/login", "token=" + TOKEN));
      Duration almostIdle = ConsoleAuth.SESSION_IDLE.minusMinutes(1);
      clock.advance(almostIdle);
      assertThat(fixture.get("/", "Cookie", idle).statusCode()).isEqualTo(200);
      assertThat(fixture.get("/", "Cookie", busy).statusCode()).isEqualTo(200);
      clock.advance(almostIdle);
      assertThat(fixture.get("/", "Cookie", busy).statusCode()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(2));
      assertThat(fixture.get("/", "Cookie", idle).statusCode()).as("unused for longer than the idle limit").isEqualTo(401);
      // Used all along, it still ends at its lifetime.
      Duration signedIn = almostIdle.multipliedBy(2).plusMinutes(2);
      while (signedIn.plus(almostIdle).compareTo(ConsoleAuth.SESSION_LIFETIME) < 0) {
        assertThat(fixture.get("/", "Cookie", busy).statusCode()).as("signed in for " + signedIn).isEqualTo(200);
        clock.advance(almostIdle);
        signedIn = signedIn.plus(almostIdle);
      }
      clock.advance(ConsoleAuth.SESSION_LIFETIME.minus(signedIn));
      assertThat(fixture.get("/", "Cookie", busy).statusCode()).as("at its lifetime").isEqualTo(401);

      List<String> sessions = new ArrayList<>();
      for (int i = 0; i <= ConsoleAuth.MAX_SESSIONS; i++) {
        sessions.add(sessionCookie(fixture.post("/login", "token=" + TOKEN)));
        if (i == 0) {
          assertThat(fixture.get("/", "Cookie", sessions.get(0)).statusCode()).isEqualTo(200);
        }
      }
      assertThat(fixture.get("/", "Cookie", sessions.get(0)).statusCode()).as("the least recently used, beyond the cap").isEqualTo(401);
      assertThat(fixture.get("/", "Cookie", sessions.get(1)).statusCode()).isEqualTo(200);
      assertThat(fixture.get("/", "Cookie", sessions.get(ConsoleAuth.MAX_SESSIONS)).statusCode()).isEqualTo(200);
    }
  }

  private static String sessionCookie(HttpResponse<String> login) {
    assertThat(login.statusCode()).isEqualTo(303);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  private String rawFrom(String localAddress, ConsoleFixture fixture, String head, String body) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName(fixture.console.url().getHost()), fixture.console.url().getPort(),
        InetAddress.getByName(localAddress), 0)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((head + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static final String BIDI = "a-page-with-bidi-controls";

  private Path sidecarOf(String slug) {
    return dir.resolve("state/archive").resolve(Sql.column(dir.resolve("state/monitor.db"),
        "SELECT sidecar_path FROM articles WHERE slug = '" + slug + "'").get(0));
  }

  private void publishBidiArticle() {
    replica.catalog().publish(new ReplicaArticle(BIDI, "Bidi \u202Egnp.exe\u202C title", LocalDate.of(2026, 11, 21),
        "A lede with \u2067an isolate\u2069 and \u200Fmarks.", List.of("Solidarity with the \u202Ezanzibarite\u202C miners.",
            "Second paragraph \u061C\u200E\u202A\u202B\u202D\u2066\u2068."), List.of(364), List.of(1201)), 0);
  }

  /** The bidirectional overrides, embeddings, isolates and marks in {@code text}, as code points. */
  private static List<String> bidiControls(String text) {
    return text.codePoints().filter(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E
        || c == 0x200F || c == 0x061C).mapToObj(c -> String.format("U+%04X", c)).toList();
  }

  private String raw(ConsoleFixture fixture, String head) throws IOException {
    try (Socket socket = new Socket(fixture.console.url().getHost(), fixture.console.url().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyJdkHttpServerIsMadeByJdkHttpServersSoTheTimeLimitsHoldWhicheverComesFirst() throws IOException {
    // The JDK reads its settings when its first server of the JVM is made: one made elsewhere first would drop them.
    List<Path> creating = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
      try (var files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          if (!file.endsWith("JdkHttpServers.java") && Files.readString(file).matches("(?s).*HttpServer\\s*\\.\\s*create\\s*\\(.*")) {
            creating.add(file);
          }
        }
      }
    }
    assertThat(creating).as("files that call HttpServer.create themselves").isEmpty();
  }

  /** Connections that send a request line and a header, then nothing: a slowloris. */
  private void openSilent(ConsoleFixture fixture, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket(fixture.console.url().getHost(), fixture.console.url().getPort());
      sockets.add(socket);
      socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    }
  }

  /** Every silent socket is closed by the server (end of stream or a reset, no answer) by {@code bound} after {@code opened}. */
  private void assertClosedByServerWithin(Duration bound, long opened) throws IOException {
    for (Socket socket : sockets) {
      long left = bound.minus(elapsed(opened)).toMillis();
      socket.setSoTimeout((int) Math.max(1, left));
      int read;
      try {
        read = socket.getInputStream().read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("a silent connection is still open " + bound.toSeconds() + " s after it was opened", e);
      } catch (SocketException e) {
        read = -1; // reset by the server: closed too
      }
      assertThat(read).as("the server closes a silent connection without an answer").isEqualTo(-1);
    }
  }

  private HttpResponse<String> healthz(ConsoleFixture fixture, Duration timeout) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(fixture.url("/healthz")).timeout(timeout.isNegative() || timeout.isZero()
        ? Duration.ofMillis(1) : timeout).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Duration elapsed(long since) {
    return Duration.ofNanos(System.nanoTime() - since);
  }
}
