package org.industriallmonitor.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An article's later article.updated and article.removed go to the channels that were sent it (recorded with it),
 * not to every channel of its countries; an article archived before the channels were recorded keeps the old rule.
 */
class FilteredChangesTest {
  private static final String SLUG = "copper-miners-in-kyrgyzstan-win-a-wage-agreement";

  @RegisterExtension
  static WireMockExtension hooks = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path config;
  private Path db;

  @BeforeEach
  void baseline() {
    hooks.stubFor(post("/all").willReturn(aResponse().withStatus(204)));
    hooks.stubFor(post("/cobalt").willReturn(aResponse().withStatus(204)));
    // Every archived article of the window is due again at once: each `once` re-checks the fresh one.
    config = TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_every", "1ms").country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n"
            + "    - {id: all, type: webhook, url: \"" + hooks.baseUrl() + "/all\"}\n"
            + "    - {id: cobalt, type: webhook, url: \"" + hooks.baseUrl() + "/cobalt\", match: cobalt}\n")
        .writeTo(dir);
    db = dir.resolve("state/monitor.db");
    replica.catalog().publish(new ReplicaArticle(SLUG, "Copper miners in Kyrgyzstan win a wage agreement", LocalDate.now(),
        "The copper miners' union signed an agreement.", List.of("The agreement raises wages by a tenth."), List.of(364),
        List.of(1201)), 0);
    CliRun baseline = CliRun.of("once", "--config", config.toString());
    assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
    assertThat(Sql.column(db, "SELECT c.channel FROM article_channels c JOIN articles a ON a.id = c.article_id WHERE a.slug = '"
        + SLUG + "'")).as("recorded with the baseline, though no alert was made").containsExactly("all");
  }

  @Test
  void anUpdateAndAWithdrawalGoToTheChannelsThatWereSentTheArticle() throws Exception {
    replica.catalog().edit(SLUG, List.of("The agreement raises wages by a tenth, and cobalt workers join it."));

    CliRun corrected = CliRun.of("once", "--config", config.toString());

    assertThat(corrected.out()).as(corrected.toString()).contains("1 updated").contains("deliveries: 1 delivered");
    assertThat(events("/all")).containsExactly("article.updated");
    assertThat(events("/cobalt")).as("its match passes the new text, but it was never sent the article").isEmpty();

    replica.catalog().withdraw(SLUG);
    CliRun withdrawn = CliRun.of("once", "--config", config.toString());

    assertThat(withdrawn.out()).as(withdrawn.toString()).contains("1 withdrawn");
    assertThat(events("/all")).containsExactly("article.updated", "article.removed");
    assertThat(events("/cobalt")).isEmpty();
  }

  @Test
  void anArticleArchivedBeforeTheChannelsWereRecordedGoesToItsCountriesChannels() throws Exception {
    // As schema 16 finds an article archived before it: no channels recorded.
    Sql.execute(db, "DELETE FROM article_channels", "UPDATE articles SET channels_recorded = 0");
    replica.catalog().edit(SLUG, List.of("A correction: the agreement raises wages by a fifth."));

    CliRun corrected = CliRun.of("once", "--config", config.toString());

    assertThat(corrected.out()).as(corrected.toString()).contains("1 updated").contains("deliveries: 2 delivered");
    assertThat(events("/all")).containsExactly("article.updated");
    assertThat(events("/cobalt")).containsExactly("article.updated");
  }

  private List<String> events(String path) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> events = new java.util.ArrayList<>();
    for (var request : hooks.findAll(postRequestedFor(urlEqualTo(path)))) {
      events.add(json.readTree(request.getBodyAsString()).get("event").asText());
    }
    return events;
  }
}
