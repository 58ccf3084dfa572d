package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.StateLock;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the console, the one form that changes something, and a console that cannot start. */
class ConsoleSecurityTest {
  private static final String TOKEN = "correct-horse-battery-staple";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  private TestConfig config() {
    return TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364);
  }

  @Test
  void withATokenEveryRequestNeedsItOrTheSessionOfTheLoginForm() throws Exception {
    Path file = config().web("{listen: \"127.0.0.1:0\", token: " + TOKEN + "}").writeTo(dir);
    try (ConsoleFixture fixture = ConsoleFixture.start(file)) {
      for (String path : List.of("/", "/api/status", "/metrics", "/search?q=x", "/feeds/all.atom", "/feeds/search.atom?q=x",
          "/feeds/channel/x.atom", "/healthz")) {
        var anonymous = fixture.get(path);
        assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain(TOKEN).doesNotContain("wrong").doesNotContain("invalid");
      }
      // The archived files are behind the same door as the pages that link to them.
      assertThat(fixture.get("/archived/any-article").statusCode()).isEqualTo(401);
      assertThat(fixture.get("/archived/any-article", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
      var wrong = fixture.get("/api/status", "Authorization", "Bearer not-" + TOKEN);
      assertThat(wrong.statusCode()).isEqualTo(401);
      // A wrong token gets the page that no token gets: nothing tells a guess from no attempt.
      assertThat(withoutTime(wrong.body())).isEqualTo(withoutTime(fixture.get("/api/status").body()));
      assertThat(fixture.get("/api/status", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

      assertThat(fixture.post("/login", "token=nope").statusCode()).isEqualTo(401);
      var login = fixture.post("/login", "token=" + TOKEN);
      assertThat(login.statusCode()).isEqualTo(303);
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").startsWith(ConsoleAuth.COOKIE + "=");
      String session = cookie.substring(0, cookie.indexOf(';'));
      assertThat(fixture.get("/", "Cookie", session).statusCode()).isEqualTo(200);
      assertThat(fixture.get("/", "Cookie", ConsoleAuth.COOKIE + "=forged").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void deadDeliveriesAreRetriedByAPostWithTheCsrfTokenOnly() throws Exception {
    int deadPort;
    try (ServerSocket closed = new ServerSocket(0)) {
      deadPort = closed.getLocalPort();
    }
    Path file = config().topLevel("notifications:\n  max_attempts: 1\n  channels:\n"
        + "    - {id: dead-hook, type: webhook, url: \"http://127.0.0.1:" + deadPort + "/hook\"}\n").writeTo(dir);
    Path db = dir.resolve("state/monitor.db");
    try (ConsoleFixture fixture = ConsoleFixture.start(file).crawlAll()) {
      replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 0);
      fixture.crawlAll();
      fixture.parts.dispatcher().start();
      await().atMost(Duration.ofSeconds(20)).until(() -> Sql.count(db, "SELECT count(*) FROM outbox WHERE status = 'dead'") == 1);

      var dashboard = Jsoup.parse(fixture.get("/").body());
      assertThat(dashboard.select("#dead tbody tr")).hasSize(1);
      String csrf = dashboard.selectFirst("#dead form input[name=csrf]").val();
      String delivery = dashboard.selectFirst("#dead form input[name=delivery]").val();
      assertThat(delivery).isEqualTo(Sql.column(db, "SELECT delivery_id FROM outbox").get(0));

      assertThat(fixture.post("/outbox/retry", "delivery=" + delivery).statusCode()).isEqualTo(403);
      assertThat(fixture.post("/outbox/retry", "csrf=forged&delivery=" + delivery).statusCode()).isEqualTo(403);
      assertThat(Sql.count(db, "SELECT count(*) FROM outbox WHERE status = 'dead'")).isEqualTo(1);

      fixture.parts.dispatcher().close();
      var retried = fixture.post("/outbox/retry", "csrf=" + csrf + "&delivery=" + delivery);
      assertThat(retried.statusCode()).isEqualTo(200);
      assertThat(Jsoup.parse(retried.body()).selectFirst("#retried").text()).isEqualTo("1 dead delivery put back in line.");
      assertThat(Sql.column(db, "SELECT status || ' ' || delivery_id FROM outbox")).containsExactly("pending " + delivery);
    }
  }

  @Test
  @Timeout(60) // a run that is not refused would not return
  void aListenBeyondThisMachineWithoutATokenIsRefusedByValidateAndRun() throws Exception {
    Path file = config().web("{listen: \"0.0.0.0:8470\"}").writeTo(dir);

    for (String command : List.of("validate", "run")) {
      CliRun run = CliRun.of(command, "--config", file.toString());
      assertThat(run.exitCode()).as(command).isEqualTo(3);
      assertThat(run.err()).as(command).contains("configuration error: " + file + ":").contains("web.listen: listens beyond this machine (0.0.0.0)")
          .contains("token: ${WEB_TOKEN}");
    }
    // status needs no console: it works on such a file.
    assertThat(CliRun.of("status", "--config", file.toString()).exitCode()).isZero();

    String yaml = java.nio.file.Files.readString(file).replace("{listen: \"0.0.0.0:8470\"}", "{listen: \"0.0.0.0:8470\", token: \"${WEB_TOKEN}\"}");
    MonitorConfig withToken = new ConfigLoader(Map.of("WEB_TOKEN", TOKEN)::get).parse(file, yaml);
    assertThat(withToken.web().refusalIfAny()).isEmpty();
    assertThat(withToken.web().token()).isEqualTo(TOKEN);
    MonitorConfig unset = new ConfigLoader(name -> null).parse(file, yaml);
    assertThat(unset.web().refusalIfAny()).hasValueSatisfying(r -> assertThat(r).contains("its variable WEB_TOKEN is not set"));
    MonitorConfig written = new ConfigLoader(name -> null).parse(file, yaml.replace("\"${WEB_TOKEN}\"", "written-here"));
    assertThat(written.warnings()).anySatisfy(w -> assertThat(w).contains("web.token: is written in the file"));
  }

  private static String withoutTime(String html) {
    return html.replaceAll("Shown at [^<]*", "");
  }

  @Test
  void aPortInUseIsLoggedAndShownInStatusAndTheMonitorGoesOn() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file = config().web("{listen: \"127.0.0.1:" + taken.getLocalPort() + "\"}").writeTo(dir);
      MonitorConfig config = ConfigLoader.withSystemEnvironment().load(file);
      Path lockFile = StateLock.fileFor(config.storage().database());
      java.nio.file.Files.createDirectories(lockFile.getParent());
      try (StateLock lock = StateLock.tryAcquire(lockFile, "run").orElseThrow();
          Components parts = Components.builder(config).consoleMetrics(true).build()) {
        Optional<ConsoleServer> console = ConsoleServer.startOrReport(config.web(), () -> config, () -> null, parts.store(),
            parts.archive(), parts.metrics().orElseThrow(), Clock.systemUTC());

        assertThat(console).isEmpty();
        assertThat(parts.monitor().crawl(config.countries().get(0)).succeeded()).isTrue();
        CliRun status = CliRun.of("status", "--config", file.toString());
        assertThat(status.out()).contains("Web console: not serving on 127.0.0.1:" + taken.getLocalPort() + ": the address is in use");
        CliRun json = CliRun.of("status", "--json", "--config", file.toString());
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("web").get("serving").asBoolean()).isFalse();
      }
    }
  }
}
