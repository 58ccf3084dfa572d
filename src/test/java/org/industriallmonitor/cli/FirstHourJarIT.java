package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.industriallmonitor.testing.HmacSha256;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets in the first hour, from the packaged jar: a terminal, init elsewhere, own logging, the replica. */
class FirstHourJarIT {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  /** Runs the jar in a pseudo-terminal, as a person at a shell does (util-linux's script), and returns what the terminal showed. */
  private String onATerminal(String... args) throws Exception {
    String command = JarProcess.java() + " -Xmx256m -jar " + JarProcess.jar() + " " + String.join(" ", args);
    try (JarProcess terminal = JarProcess.command(dir, Map.of(), List.of("script", "-qefc", command, "/dev/null"))) {
      assertThat(terminal.waitFor(90)).as(terminal.toString()).isZero();
      return terminal.out();
    }
  }

  @Test
  void onATerminalOnceShowsProgressBarsAndEachResultLineOnceWithoutLogLines() throws Exception {
    TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);

    String shown = onATerminal("once");

    assertThat(shown).contains("\r").containsPattern("Kyrgyzstan +\\[#*-*\\] +\\d+%  listing page 1 of 3");
    assertThat(occurrences(shown, "Kyrgyzstan (region 364): pages 3, seen 27, new 27, archived 27, errors 0, baseline")).isEqualTo(1);
    assertThat(occurrences(shown, "Kazakhstan (region 169): pages 6")).isEqualTo(1);
    assertThat(shown).doesNotContain(" INFO ").doesNotContain("archived Kyrgyzstan's ongoing struggle");
    assertThat(Files.readString(dir.resolve("logs/monitor.log"))).contains("archived Kyrgyzstan's ongoing struggle")
        .contains("crawl Kyrgyzstan (region 364)");
  }

  @Test
  void withVerboseTheTerminalShowsTheLogLines() throws Exception {
    TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);

    String shown = onATerminal("once", "--verbose");

    assertThat(shown).contains(" INFO ").contains("archived Kyrgyzstan's ongoing struggle").doesNotContain("listing page 1 of 3");
  }

  @Test
  void initElsewhereNamesTheJarThatWroteIt() throws Exception {
    Path opt = Files.createDirectories(dir.resolve("opt"));
    Path jar = Files.copy(JarProcess.jar(), opt.resolve("industriall-monitor.jar"));
    Path service = Files.createDirectories(dir.resolve("service"));

    try (JarProcess init = JarProcess.start(service, Map.of(), List.of(), jar, "init")) {
      assertThat(init.waitFor(60)).as(init.toString()).isZero();
      assertThat(init.out()).contains("java -jar " + jar + " validate");
    }
    String written = Files.readString(service.resolve("config/monitor.yaml"));
    assertThat(written).contains("# Check this file with:   java -jar " + jar + " validate").doesNotContain("target/industriall-monitor.jar").doesNotContain("bin/industriall-monitor");
  }

  @Test
  void aLogbackConfigurationFileOfTheUsersWins() throws Exception {
    TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    Path logback = dir.resolve("my-logback.xml");
    Files.writeString(logback, """
        <configuration>
          <appender name="MINE" class="ch.qos.logback.core.FileAppender">
            <file>%s</file>
            <encoder><pattern>MINE %%level %%msg%%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="MINE"/></root>
        </configuration>
        """.formatted(dir.resolve("mine.log")));

    List<String> command = List.of(JarProcess.java(), "-Dlogback.configurationFile=" + logback, "-jar", JarProcess.jar().toString(), "once");
    try (JarProcess once = JarProcess.command(dir, Map.of(), command)) {
      assertThat(once.waitFor(60)).as(once.toString()).isZero();
      assertThat(once.err()).doesNotContain(" INFO ");
    }

    assertThat(Files.readString(dir.resolve("mine.log"))).contains("MINE INFO crawl Kyrgyzstan (region 364)");
    assertThat(dir.resolve("logs/monitor.log")).as("the user's file decides where lines go").doesNotExist();
  }

  @Test
  void theReplicasWebhookReceiverPrintsEachDelivery() throws Exception {
    try (JarProcess served = JarProcess.start(dir, "replica", "--webhook-receiver", "test-secret")) {
      await().atMost(Duration.ofSeconds(30)).until(() -> served.out().contains("Webhook receiver at "));
      Matcher url = Pattern.compile("Webhook receiver at (\\S+)").matcher(served.out());
      assertThat(url.find()).isTrue();
      byte[] body = "{\"event\":\"test\",\"delivery_id\":\"kat-1\",\"title\":\"Miners strike\"}".getBytes(StandardCharsets.UTF_8);
      OkHttpClient client = new OkHttpClient();
      for (String signature : List.of(HmacSha256.hex("test-secret", body), "0".repeat(64))) {
        Request post = new Request.Builder().url(url.group(1) + "/desk").header("X-Monitor-Event", "test").header("X-Monitor-Delivery", "kat-1")
            .header("X-Monitor-Signature", "sha256=" + signature).post(RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response response = client.newCall(post).execute()) {
          assertThat(response.code()).isIn(204, 401);
        }
      }
      client.dispatcher().executorService().shutdown();

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(served.out())
          .contains("webhook 1 on /hook/desk: test \"Miners strike\", X-Monitor-Delivery kat-1, signature verified")
          .contains("webhook 2 on /hook/desk: test \"Miners strike\", X-Monitor-Delivery kat-1, signature INVALID"));
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
