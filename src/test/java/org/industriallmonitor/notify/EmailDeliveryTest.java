package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.config.EmailChannelConfig;
import org.industriallmonitor.config.SmtpConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Alerts by mail through a real SMTP server (GreenMail). */
class EmailDeliveryTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {
      onLoopback(ServerSetup.PROTOCOL_SMTP), onLoopback(ServerSetup.PROTOCOL_SMTPS)})
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("monitor", "pw"))
      .withPerMethodLifecycle(true);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  /**
   * A server on a free loopback port. GreenMail gives a server 2 s to start by default, which a loaded
   * two-core machine running two test JVMs overran ("Could not start mail server smtps"); a start is
   * not what these tests measure.
   */
  private static ServerSetup onLoopback(String protocol) {
    ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol).dynamicPort();
    setup.setServerStartupTimeout(15_000);
    return setup;
  }

  private Path config(String digest) {
    // Walks only for a digest: the early warning records each new item in a transaction of its own, and a tick of
    // a two-second digest may fall between two of them and rightly make two digests (4 mails for 2, seen under load).
    TestConfig site = digest == null ? TestConfig.site(replica.baseUrl()) : TestConfig.site(replica.baseUrl()).walksOnly();
    return site.country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n    - id: team-mail\n      type: email\n"
            + "      smtp: {host: 127.0.0.1, port: " + mail.getSmtp().getPort() + ", starttls: false, username: monitor, password: pw}\n"
            + "      from: monitor@example.org\n      to: [team@example.org, desk@example.org]\n"
            + (digest == null ? "" : "      digest: \"" + digest + "\"\n"))
        .writeTo(dir);
  }

  @Test
  void aNewArticleIsOneMultipartMail() throws Exception {
    Path config = config(null);
    CliRun.of("once", "--config", config.toString());
    assertThat(mail.getReceivedMessages()).as("the baseline sends nothing").isEmpty();

    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 0);
    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.out()).contains("deliveries: 1 delivered");
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2).as("one copy per recipient");
    MimeMessage message = received[0];
    assertThat(message.getSubject()).isEqualTo("[IndustriALL] Kyrgyzstan: " + fresh.title());
    assertThat(message.getFrom()[0].toString()).isEqualTo("monitor@example.org");
    assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("team@example.org", "desk@example.org");
    assertThat(message.getHeader("X-Monitor-Event")[0]).isEqualTo("article.new");
    assertThat(message.getMessageID()).isEqualTo("<" + message.getHeader("X-Monitor-Delivery")[0] + "@industriall-monitor>");
    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain; charset=UTF-8");
    assertThat((String) text.getContent()).contains(fresh.title()).contains(fresh.lede()).contains(replica.baseUrl() + "/" + fresh.slug());
    assertThat(html.getContentType()).startsWith("text/html; charset=UTF-8");
    assertThat((String) html.getContent()).contains("<a href=\"" + replica.baseUrl() + "/" + fresh.slug() + "\">");
  }

  @Test
  void aDigestChannelSendsOneMailForSeveralArticles() throws Exception {
    Path config = config("*/2 * * * * ?");
    CliRun.of("once", "--config", config.toString());

    ReplicaArticle first = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 0);
    // On the same listing page, so recorded in one transaction, and due together (ArticleRepository.recordAll): on
    // two pages, a tick of the two-second digest could fall between the two batches and rightly make two digests.
    ReplicaArticle second = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 24), 1);
    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.out()).contains("deliveries: 2 delivered");
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2).as("one digest per recipient");
    assertThat(received[0].getSubject()).isEqualTo("[IndustriALL] 2 new articles: Kyrgyzstan");
    String body = (String) ((MimeMultipart) received[0].getContent()).getBodyPart(0).getContent();
    assertThat(body).contains(first.title()).contains(second.title());
  }

  @Test
  void aHostileTitleIsEscapedInHtmlAndCannotInjectHeaders() throws Exception {
    Path config = config(null);
    CliRun.of("once", "--config", config.toString());
    String hostile = "<script>alert('x')</script> Bcc: victim@example.org \u202Egnp.exe \uD83D\uDE80";
    replica.catalog().publish(new ReplicaArticle("hostile-title", hostile, LocalDate.of(2026, 11, 24), "Lede & <b>bold</b>",
        List.of("Body."), List.of(364), List.of(1201)), 0);

    CliRun.of("once", "--config", config.toString());

    MimeMessage message = mail.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("[IndustriALL] Kyrgyzstan: " + hostile);
    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getAllRecipients()).hasSize(2);
    String html = (String) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("Lede &amp; &lt;b&gt;bold&lt;/b&gt;");
  }

  @Test
  void subjectsInEveryScriptAreEncodedWordsThatReadBack() throws Exception {
    Path config = config(null);
    CliRun.of("once", "--config", config.toString());
    String russian = "Кыргызстан: шахтёры требуют выплаты долгов по зарплате";
    replica.catalog().publish(new ReplicaArticle("kyrgyz-miners-ru", russian, LocalDate.of(2026, 11, 24), "Лид.",
        List.of("Текст."), List.of(364), List.of(1201)), 0);

    CliRun.of("once", "--config", config.toString());

    MimeMessage message = mail.getReceivedMessages()[0];
    String raw = message.getHeader("Subject")[0];
    // RFC 2047: the header itself is ASCII, its words encoded in UTF-8, and reads back as written.
    assertThat(raw).startsWith("=?UTF-8?").matches("[\\x20-\\x7E\\r\\n\\t]+");
    assertThat(message.getSubject()).isEqualTo("[IndustriALL] Kyrgyzstan: " + russian);
  }

  @Test
  void lineBreaksInASubjectNeverReachTheHeaders() throws Exception {
    EmailChannel channel = new EmailChannel(new EmailChannelConfig("m", smtp(false), "monitor@example.org",
        List.of("team@example.org"), null));
    String payload = "{\"event\":\"article.new\",\"delivery_id\":\"d1\",\"url\":\"https://x/a\",\"title\":\"Hi\\r\\nBcc: victim@example.org\\r\\n\\r\\nbody\","
        + "\"countries\":[\"Kyrgyzstan\\nX-Evil: 1\"],\"published\":\"2026-01-01\",\"lede\":\"l\",\"archive_path\":\"a\"}";

    channel.send(List.of(row("d1", payload)));

    MimeMessage message = mail.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("[IndustriALL] Kyrgyzstan X-Evil: 1: Hi Bcc: victim@example.org body");
    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getHeader("X-Evil")).isNull();
    assertThat(message.getAllRecipients()).hasSize(1);
  }

  @Test
  void sslFromTheStartWorks() throws Exception {
    EmailChannel channel = new EmailChannel(new EmailChannelConfig("m", smtp(true), "monitor@example.org",
        List.of("team@example.org"), null), new DummySSLSocketFactory());

    String outcome = channel.send(List.of(row("d2", Payloads.write(Payloads.test("d2", "m", Instant.now())))));

    assertThat(outcome).contains("accepted by 127.0.0.1:" + mail.getSmtps().getPort());
    await().atMost(Duration.ofSeconds(5)).until(() -> mail.getReceivedMessages().length == 1);
    assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("[IndustriALL] test message for channel m");
  }

  @Test
  void wrongPasswordIsADeliveryError() {
    SmtpConfig wrong = new SmtpConfig("127.0.0.1", mail.getSmtp().getPort(), false, false, "monitor", "nope", Duration.ofSeconds(5));
    EmailChannel channel = new EmailChannel(new EmailChannelConfig("m", wrong, "monitor@example.org", List.of("team@example.org"), null));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> channel.send(List.of(row("d3", Payloads.write(Payloads.test("d3", "m", Instant.now()))))))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("SMTP 127.0.0.1:" + mail.getSmtp().getPort());
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  private SmtpConfig smtp(boolean ssl) {
    return new SmtpConfig("127.0.0.1", ssl ? mail.getSmtps().getPort() : mail.getSmtp().getPort(), false, ssl, "monitor", "pw",
        Duration.ofSeconds(5));
  }

  private static Delivery row(String id, String payload) {
    return new Delivery(id, Event.of(Payloads.parse(payload)), "s", payload, 1);
  }
}
