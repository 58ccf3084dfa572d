package org.industriallmonitor.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.internet.MimeUtility;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.config.ConfigException;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** ntfy, Matrix, Discord and Telegram, against local receivers that check each request as the services document them. */
class ChatChannelsTest {
  private static final String HOSTILE = "<b>Bold</b> & *stars* _under_ @everyone [link](http://evil.example)";
  private static final List<String> TOKENS = List.of("ntfy-secret-token", "matrix-secret-token", "discord-secret-token", "telegram-secret-token");

  @RegisterExtension
  static WireMockExtension service = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  private String channels() {
    String base = service.baseUrl();
    // ${VAR:-default}: the tokens come from the environment (here, its defaults), never written as such.
    return "notifications:\n  retry_backoff: 100ms\n  once_timeout: 5s\n  channels:\n"
        + "    - {id: phone, type: ntfy, url: \"" + base + "/alerts-topic\", token: \"${NTFY_T:-ntfy-secret-token}\", priority: high}\n"
        + "    - {id: room, type: matrix, homeserver: \"" + base + "\", room: \"!room1:example.org\", token: \"${MATRIX_T:-matrix-secret-token}\"}\n"
        + "    - {id: server, type: discord, url: \"${DISCORD_URL:-" + base + "/api/webhooks/123/discord-secret-token}\"}\n"
        + "    - {id: bot, type: telegram, token: \"${TELEGRAM_T:-123:telegram-secret-token}\", chat: \"-1001234\", api: \"" + base + "\"}\n";
  }

  private Path baselineThenPublish(String title) {
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364).topLevel(channels()).writeTo(dir);
    assertThat(CliRun.of("once", "--config", config.toString(), "--logs", dir.resolve("logs").toString()).exitCode()).isZero();
    replica.catalog().publish(new ReplicaArticle("a-new-article", title, LocalDate.of(2026, 11, 30), "Workers & unions <meet>.",
        List.of("A paragraph."), List.of(364), List.of(1201)), 0);
    return config;
  }

  private static LoggedRequest only(String method, String pathRegex) {
    List<LoggedRequest> found = service.findAll(anyRequestedFor(urlPathMatching(pathRegex))).stream()
        .filter(r -> r.getMethod().getName().equals(method)).toList();
    assertThat(found).as(method + " " + pathRegex).hasSize(1);
    return found.get(0);
  }

  @Test
  void eachServiceGetsTheRequestItsApiDocumentsWithSiteTextEscapedForItsFormat() throws Exception {
    service.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true,\"event_id\":\"$e\"}")));
    Path config = baselineThenPublish(HOSTILE);

    CliRun run = CliRun.of("once", "--config", config.toString(), "--logs", dir.resolve("logs").toString());

    assertThat(run.out()).as(run.toString()).contains("deliveries: 4 delivered, 0 failed attempts, 0 dead, 0 pending");
    Path db = dir.resolve("state/monitor.db");
    Map<String, String> ids = Map.of("room", Sql.column(db, "SELECT delivery_id FROM outbox WHERE channel = 'room'").get(0));
    ObjectMapper json = new ObjectMapper();
    String url = replica.baseUrl() + "/a-new-article";

    LoggedRequest ntfy = only("POST", "/alerts-topic");
    assertThat(ntfy.getHeader("Title")).isEqualTo("Kyrgyzstan: " + HOSTILE);
    assertThat(ntfy.getHeader("Click")).isEqualTo(url);
    assertThat(ntfy.getHeader("Tags")).isEqualTo("newspaper");
    assertThat(ntfy.getHeader("Priority")).isEqualTo("high");
    assertThat(ntfy.getHeader("Authorization")).isEqualTo("Bearer ntfy-secret-token");
    assertThat(ntfy.getBodyAsString()).isEqualTo("Kyrgyzstan · 2026-11-30\n\nWorkers & unions <meet>.\n\n" + url);

    LoggedRequest matrix = only("PUT", "/_matrix/client/v3/rooms/.*/send/m.room.message/.*");
    assertThat(URLDecoder.decode(matrix.getUrl(), StandardCharsets.UTF_8))
        .isEqualTo("/_matrix/client/v3/rooms/!room1:example.org/send/m.room.message/" + ids.get("room"));
    assertThat(matrix.getHeader("Authorization")).isEqualTo("Bearer matrix-secret-token");
    JsonNode m = json.readTree(matrix.getBodyAsString());
    assertThat(m.get("msgtype").asText()).isEqualTo("m.text");
    assertThat(m.get("format").asText()).isEqualTo("org.matrix.custom.html");
    assertThat(m.get("body").asText()).startsWith("Kyrgyzstan: " + HOSTILE + "\n");
    assertThat(m.get("formatted_body").asText()).startsWith("<b><a href=\"" + url + "\">Kyrgyzstan: &lt;b&gt;Bold&lt;/b&gt; &amp; *stars*")
        .contains("Workers &amp; unions &lt;meet&gt;.").doesNotContain("<meet>").doesNotContain("<b>Bold");

    LoggedRequest discord = only("POST", "/api/webhooks/123/discord-secret-token");
    assertThat(discord.getUrl()).endsWith("?wait=true");
    JsonNode d = json.readTree(discord.getBodyAsString());
    assertThat(d.get("content").asText()).isEqualTo("**Kyrgyzstan: \\<b\\>Bold\\</b\\> & \\*stars\\* \\_under\\_ \\@everyone \\[link\\]\\(http://evil.example\\)**");
    assertThat(d.get("embeds")).hasSize(1);
    assertThat(d.get("embeds").get(0).get("title").asText()).isEqualTo("Kyrgyzstan: " + HOSTILE);
    assertThat(d.get("embeds").get(0).get("url").asText()).isEqualTo(url);
    assertThat(d.get("embeds").get(0).get("description").asText()).isEqualTo("Kyrgyzstan · 2026\\-11\\-30\n\nWorkers & unions \\<meet\\>.");
    assertThat(Instant.parse(d.get("embeds").get(0).get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(d.get("allowed_mentions").get("parse")).isEmpty();

    LoggedRequest telegram = only("POST", "/bot123:telegram-secret-token/sendMessage");
    JsonNode t = json.readTree(telegram.getBodyAsString());
    assertThat(t.get("chat_id").asText()).isEqualTo("-1001234");
    assertThat(t.get("parse_mode").asText()).isEqualTo("HTML");
    assertThat(t.get("text").asText()).isEqualTo("<b><a href=\"" + url + "\">Kyrgyzstan: &lt;b&gt;Bold&lt;/b&gt; &amp; *stars* _under_ @everyone"
        + " [link](http://evil.example)</a></b>\nKyrgyzstan · 2026-11-30\n\nWorkers &amp; unions &lt;meet&gt;.\n\n" + url);
    assertThat(t.get("link_preview_options").get("url").asText()).isEqualTo(url);
  }

  @Test
  void ntfyTitlesOutsideAsciiAreEncodedWords() throws Exception {
    String header = ChatChannels.Ntfy.headerText("Kirghizistan : grève générale ✊");
    assertThat(header).startsWith("=?UTF-8?B?").doesNotContain("\n");
    assertThat(MimeUtility.decodeText(header)).isEqualTo("Kirghizistan : grève générale ✊");
  }

  @Test
  void retriesWaitsAndDeadLettersAsEachServiceAnswersWithoutShowingATokenAnywhere() throws Exception {
    // Matrix: a server error, then success: the retry reuses the transaction id, so the room gets one message.
    service.stubFor(put(urlPathMatching("/_matrix/.*")).inScenario("matrix").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
    service.stubFor(put(urlPathMatching("/_matrix/.*")).inScenario("matrix").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200).withBody("{\"event_id\":\"$1\"}")));
    service.stubFor(post(urlPathMatching("/bot.*")).willReturn(aResponse().withStatus(429)
        .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}")));
    service.stubFor(post(urlPathMatching("/api/webhooks/.*")).willReturn(aResponse().withStatus(404)
        .withBody("{\"message\": \"Unknown Webhook\", \"code\": 10015}")));
    service.stubFor(post(urlPathMatching("/alerts-topic")).willReturn(aResponse().withStatus(403)
        .withBody("{\"code\":40301,\"http\":403,\"error\":\"forbidden\",\"link\":\"https://ntfy.sh/docs/publish/#authentication\"}")));
    Path config = baselineThenPublish("An ordinary title");

    Instant before = Instant.now();
    CliRun run = CliRun.of("once", "--config", config.toString(), "--logs", dir.resolve("logs").toString());

    Path db = dir.resolve("state/monitor.db");
    List<LoggedRequest> puts = service.findAll(anyRequestedFor(urlPathMatching("/_matrix/.*")));
    assertThat(puts).as(run.toString()).hasSize(2);
    assertThat(puts.get(1).getUrl()).isEqualTo(puts.get(0).getUrl());
    assertThat(Sql.column(db, "SELECT status FROM outbox WHERE channel = 'room'")).containsExactly("delivered");

    assertThat(Sql.column(db, "SELECT status || ' ' || attempts FROM outbox WHERE channel = 'bot'")).containsExactly("pending 1");
    Instant next = Instant.parse(Sql.column(db, "SELECT next_attempt_at FROM outbox WHERE channel = 'bot'").get(0));
    assertThat(next).isAfter(before.plusSeconds(6)).isBefore(Instant.now().plusSeconds(60));
    assertThat(Sql.column(db, "SELECT last_error FROM outbox WHERE channel = 'bot'").get(0))
        .contains("HTTP 429").contains("Too Many Requests: retry after 7").contains("/bot***/sendMessage");

    assertThat(Sql.column(db, "SELECT status || ' ' || attempts FROM outbox WHERE channel = 'server'")).containsExactly("dead 1");
    assertThat(Sql.column(db, "SELECT last_error FROM outbox WHERE channel = 'server'").get(0))
        .contains("HTTP 404").contains("Unknown Webhook (code 10015)").contains("/api/webhooks/123/***");
    assertThat(Sql.column(db, "SELECT status || ' ' || attempts FROM outbox WHERE channel = 'phone'")).containsExactly("dead 1");
    assertThat(Sql.column(db, "SELECT last_error FROM outbox WHERE channel = 'phone'").get(0)).contains("HTTP 403").contains("forbidden");

    String shown = run.out() + run.err() + CliRun.of("outbox", "list", "--config", config.toString()).out()
        + CliRun.of("status", "--config", config.toString()).out() + Files.readString(dir.resolve("logs/monitor.log"));
    for (String token : TOKENS) {
      assertThat(shown).doesNotContain(token);
    }
    assertThat(String.join("\n", Sql.column(db, "SELECT coalesce(last_error, '') FROM outbox"))).doesNotContain("secret-token");
  }

  @Test
  void longTextsAreCutWithAnEllipsisWithinEachLimitAndNeverInsideAnEscape() throws Exception {
    service.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
    MonitorConfig config = new ConfigLoader(name -> null).parse(dir.resolve("monitor.yaml"),
        "site: {base_url: \"http://127.0.0.1:9\"}\ncountries: []\n" + channels());
    Channels channels = Channels.from(config.notifications(), HttpClients.create(), "test");
    String title = "Миньоры & <unions> ".repeat(600);
    String payload = Payloads.write(Payloads.articleNew("d-1", new ArticleEvent("http://127.0.0.1:9/long", "long", title, "2026-11-30",
        "A lede & more <text> ".repeat(500), List.of("Kyrgyzstan"), List.of(), "articles/2026/x.txt", false, Instant.now())));
    List<Delivery> rows = List.of(new Delivery("d-1", Event.ARTICLE_NEW, "s", payload, 1));
    for (String id : List.of("phone", "room", "server", "bot")) {
      channels.get(id).orElseThrow().send(rows);
    }
    ObjectMapper json = new ObjectMapper();

    String ntfyBody = only("POST", "/alerts-topic").getBodyAsString();
    assertThat(ntfyBody.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ChatChannels.NTFY_BYTES);
    assertThat(ntfyBody).contains("…").endsWith("http://127.0.0.1:9/long");

    JsonNode d = json.readTree(only("POST", "/api/webhooks/123/discord-secret-token").getBodyAsString());
    assertThat(d.get("content").asText().length()).isLessThanOrEqualTo(ChatChannels.DISCORD_CONTENT);
    assertThat(d.get("content").asText()).endsWith("…**").doesNotEndWith("\\…**");
    assertThat(d.get("embeds").get(0).get("title").asText().length()).isLessThanOrEqualTo(ChatChannels.DISCORD_EMBED_TITLE);
    assertThat(d.get("embeds").get(0).get("description").asText().length()).isLessThanOrEqualTo(ChatChannels.DISCORD_EMBED_DESCRIPTION);

    String telegram = json.readTree(only("POST", "/bot123:telegram-secret-token/sendMessage").getBodyAsString()).get("text").asText();
    assertThat(ChatChannels.Telegram.visibleLength(telegram)).isLessThanOrEqualTo(ChatChannels.TELEGRAM_TEXT);
    assertThat(telegram).endsWith("\n\nhttp://127.0.0.1:9/long").contains("…");
    // Every & starts a whole entity: no escape was cut in two.
    assertThat(telegram).doesNotContainPattern("&(?!amp;|lt;|gt;|quot;|#39;)");
    assertThat(telegram.replaceAll("<[^>]*>", "")).doesNotContain("<").doesNotContain(">");

    JsonNode m = json.readTree(only("PUT", "/_matrix/client/v3/rooms/.*").getBodyAsString());
    assertThat(m.get("formatted_body").asText()).doesNotContainPattern("&(?!amp;|lt;|gt;|quot;|#39;)");
  }

  @Test
  void tokensAreReadFromTheEnvironmentOnly() {
    ConfigLoader loader = new ConfigLoader(name -> null);
    Path file = dir.resolve("monitor.yaml");
    String yaml = "site: {base_url: \"http://127.0.0.1:9\"}\ncountries: []\nnotifications:\n  channels:\n"
        + "    - {id: bot, type: telegram, token: \"123:written-in-the-file\", chat: \"-1\"}\n";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse(file, yaml)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("monitor.yaml:5: notifications.channels[0].token: a token is read from the environment only: write token: ${TELEGRAM_TOKEN}")
        .hasMessageNotContaining("written-in-the-file");
    MonitorConfig unset = loader.parse(file, yaml.replace("\"123:written-in-the-file\"", "\"${TELEGRAM_TOKEN}\""));
    assertThat(unset.notifications().channels().get(0).toString()).contains("TELEGRAM_TOKEN");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse(file, yaml.replace("type: telegram", "type: pigeon")))
        .hasMessageContaining("expected webhook, email, ntfy, matrix, discord or telegram");
  }

  @Test
  void notifyTestReachesAChatChannelAndADigestIsOneMessageListingItsArticles() throws Exception {
    service.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364).topLevel(channels()).writeTo(dir);

    CliRun test = CliRun.of("notify-test", "phone", "--config", config.toString());

    assertThat(test.exitCode()).as(test.toString()).isZero();
    assertThat(only("POST", "/alerts-topic").getHeader("Title")).isEqualTo("test message for channel phone");

    List<Delivery> rows = new java.util.ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      String payload = Payloads.write(Payloads.articleNew("d-" + i, new ArticleEvent("http://127.0.0.1:9/a" + i, "a" + i, "Title " + i, "2026-11-30",
          "Lede.", List.of("Kyrgyzstan"), List.of(), "articles/2026/a.txt", false, Instant.now())));
      rows.add(new Delivery("d-" + i, Event.ARTICLE_NEW, "s", payload, 1));
    }
    ChatMessage digest = ChatChannels.message(rows);
    assertThat(digest.headline()).isEqualTo("2 new articles: Kyrgyzstan");
    // Under a heading per country (since channel filters, issue 35): the country is not repeated on each line.
    assertThat(digest.text()).isEqualTo("Kyrgyzstan\n• Title 1 http://127.0.0.1:9/a1\n• Title 2 http://127.0.0.1:9/a2");
    assertThat(ChatChannels.Matrix.transactionId(rows)).startsWith("digest-").isEqualTo(ChatChannels.Matrix.transactionId(List.copyOf(rows)));
  }
}
