package org.industriallmonitor.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channel filters through the replica, end to end: three webhooks of one country (match, exclude, none) and a
 * digest mail with match; two new articles, each channel gets exactly the articles its filters let through.
 */
class FilteredChannelsTest {
  @RegisterExtension
  static WireMockExtension hooks = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(onLoopback())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("monitor", "pw")).withPerMethodLifecycle(true);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  private static ServerSetup onLoopback() {
    ServerSetup setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
    setup.setServerStartupTimeout(15_000);
    return setup;
  }

  @Test
  void eachChannelGetsExactlyTheArticlesItsFiltersLetThroughAndTheDigestShowsWhatMatched() throws Exception {
    for (String path : List.of("/match", "/exclude", "/plain")) {
      hooks.stubFor(post(path).willReturn(aResponse().withStatus(204)));
    }
    // Walks only: both articles are on the first listing page, recorded in one transaction, in one digest.
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n"
            + "    - {id: cobalt, type: webhook, url: \"" + hooks.baseUrl() + "/match\", match: cobalt}\n"
            + "    - {id: no-cobalt, type: webhook, url: \"" + hooks.baseUrl() + "/exclude\", exclude: cobalt}\n"
            + "    - {id: everything, type: webhook, url: \"" + hooks.baseUrl() + "/plain\"}\n"
            + "    - id: desk\n      type: email\n"
            + "      smtp: {host: 127.0.0.1, port: " + mail.getSmtp().getPort() + ", starttls: false, username: monitor, password: pw}\n"
            + "      from: monitor@example.org\n      to: [desk@example.org]\n"
            + "      digest: \"*/2 * * * * ?\"\n      match: \"cobalt OR Kumtor\"\n")
        .writeTo(dir);
    CliRun baseline = CliRun.of("once", "--config", config.toString());
    assertThat(baseline.exitCode()).as(baseline.toString()).isZero();

    ReplicaArticle a = new ReplicaArticle("cobalt-miners-in-kyrgyzstan-strike", "Miners in Kyrgyzstan strike for safety",
        LocalDate.of(2026, 12, 2), "A strike at a mine.", List.of("The cobalt miners stopped work after an accident."), List.of(364),
        List.of(1201));
    ReplicaArticle b = new ReplicaArticle("kumtor-gold-miners-win-a-wage-agreement", "Gold miners at Kumtor win a wage agreement",
        LocalDate.of(2026, 12, 1), "An agreement at a mine.", List.of("The union signed a new agreement on wages."), List.of(364),
        List.of(1201));
    replica.catalog().publish(a, 0);
    replica.catalog().publish(b, 1);
    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("deliveries: 6 delivered");
    assertThat(slugs("/match")).containsExactly(a.slug());
    assertThat(slugs("/exclude")).containsExactly(b.slug());
    assertThat(slugs("/plain")).containsExactlyInAnyOrder(a.slug(), b.slug());
    assertThat(bodies("/match").get(0).get("snippet").asText()).containsIgnoringCase("**cobalt**");
    assertThat(bodies("/exclude").get(0).has("snippet")).as("no match, no snippet").isFalse();
    assertThat(bodies("/plain").get(0).has("snippet")).isFalse();

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).as("one digest of both").hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("[IndustriALL] 2 new articles: Kyrgyzstan");
    MimeMultipart parts = (MimeMultipart) received[0].getContent();
    String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(text).startsWith("Kyrgyzstan\n==========\n\n" + a.title()).as("under its country, the newest first").contains(a.title()).contains(b.title()).containsIgnoringCase("**cobalt**").contains("**Kumtor**");
    assertThat(html).containsIgnoringCase("<b>cobalt</b>").contains("<b>Kumtor</b>");
  }

  private static List<JsonNode> bodies(String path) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (var request : hooks.findAll(postRequestedFor(urlEqualTo(path)))) {
      bodies.add(new ObjectMapper().readTree(request.getBodyAsString()));
    }
    return bodies;
  }

  private static List<String> slugs(String path) throws Exception {
    return bodies(path).stream().map(b -> b.get("slug").asText()).toList();
  }
}
