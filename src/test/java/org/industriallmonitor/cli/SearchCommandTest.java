package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
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

/** search and reindex over an archive crawled from the replica. */
class SearchCommandTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path config;

  @BeforeEach
  void crawl() throws Exception {
    replica.catalog().publish(new ReplicaArticle("greve-generale-des-mineurs", "Grève générale des mineurs à Bichkek",
        LocalDate.of(2026, 11, 20), "Les syndicats appellent à la grève.", List.of("Les mineurs de charbon réclament leurs salaires impayés."),
        List.of(364), List.of(1201)), 0);
    replica.catalog().publish(new ReplicaArticle("kazakh-oil-workers-strike", "Kazakh oil workers on strike",
        LocalDate.of(2026, 11, 19), "A strike in the oil fields.", List.of("The miners of the north joined them."),
        List.of(169), List.of(1201)), 0);
    config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
  }

  @Test
  void findsAWordWithoutItsAccentsRankedWithASnippet() throws Exception {
    CliRun run = CliRun.of("search", "greve", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Grève générale des mineurs à Bichkek")
        .contains("[grève]")
        .doesNotContain("\\x0A")
        .contains("articles/2026/2026-11-20-greve-generale-des-mineurs.txt");

    JsonNode json = new ObjectMapper().readTree(CliRun.of("search", "miners", "--json", "--config", config.toString()).out());
    assertThat(json.get("total").asInt()).isGreaterThanOrEqualTo(2);
    // The title weighs more than the text: the article with the word in its title comes first.
    assertThat(json.get("hits").get(0).get("slug").asText()).isIn("kazakh-oil-workers-strike", "miners-in-kyrgyzstan-demand-wage-arrears");
    assertThat(json.get("hits").get(0).get("title").asText()).containsIgnoringCase("miners");
    assertThat(json.get("hits").get(0).get("snippet").asText()).containsIgnoringCase("[miners]");
  }

  @Test
  void filtersByCountryAndSaysWhenNothingMatches() throws Exception {
    JsonNode kazakh = new ObjectMapper().readTree(
        CliRun.of("search", "strike", "--country", "kazakhstan", "--json", "--config", config.toString()).out());
    assertThat(kazakh.get("hits")).isNotEmpty();
    kazakh.get("hits").forEach(hit -> assertThat(hit.get("countries")).extracting(JsonNode::asText).contains("Kazakhstan"));

    JsonNode byRegion = new ObjectMapper().readTree(
        CliRun.of("search", "grève", "--country", "169", "--json", "--config", config.toString()).out());
    assertThat(byRegion.get("total").asInt()).isZero();

    CliRun header = CliRun.of("search", "logotype", "--config", config.toString());
    assertThat(header.out()).as("the two lines every archived page starts with are not indexed").contains("No archived article holds");

    CliRun none = CliRun.of("search", "nowhere-to-be-found", "--config", config.toString());
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).contains("No archived article holds");

    CliRun unbalanced = CliRun.of("search", "\"unbalanced", "AND", "(", "--config", config.toString());
    assertThat(unbalanced.exitCode()).isEqualTo(2);
    assertThat(unbalanced.err()).contains("not a query: a quote is not closed").doesNotContain("Exception");
  }

  @Test
  void beforeAnyCrawlABadQueryIsStillAUsageError() throws Exception {
    Path fresh = dir.resolve("fresh");
    Files.createDirectories(fresh);
    Path untouched = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(fresh);

    CliRun bad = CliRun.of("search", "-coal", "--config", untouched.toString());
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).contains("not a query: the query only excludes");
    CliRun typo = CliRun.of("search", "coal", "--lmit", "5", "--config", untouched.toString());
    assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(2);
    assertThat(typo.err()).contains("unknown option '--lmit'");
    CliRun good = CliRun.of("search", "coal", "-gas", "--config", untouched.toString());
    assertThat(good.exitCode()).as(good.toString()).isZero();
    assertThat(good.out()).contains("No archived article holds coal -gas.");
  }

  @Test
  void anUnknownCountryOrLanguageIsAUsageErrorThatListsTheKnownOnes() {
    CliRun atlantis = CliRun.of("search", "strike", "--country", "Atlantis", "--config", config.toString());

    assertThat(atlantis.exitCode()).as(atlantis.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(atlantis.out()).as(atlantis.toString()).isEmpty();
    assertThat(atlantis.err()).as(atlantis.toString()).hasLineCount(1).contains("'Atlantis'").contains("Kyrgyzstan, Kazakhstan");

    CliRun xx = CliRun.of("search", "strike", "--lang", "xx", "--config", config.toString());

    assertThat(xx.exitCode()).as(xx.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(xx.out()).as(xx.toString()).isEmpty();
    assertThat(xx.err()).as(xx.toString()).hasLineCount(1).contains("'xx'").contains("en, es, fr, ru");
  }

  @Test
  void aCountryOrLanguageIsFoundAsTheUserMayWriteItAndACountryNoLongerConfiguredStillFindsItsArticles() throws Exception {
    CliRun upper = CliRun.of("search", "strike", "--lang", "EN", "--country", "KAZAKHSTAN", "--config", config.toString());
    assertThat(upper.exitCode()).as(upper.toString()).isZero();
    assertThat(upper.out()).as(upper.toString()).contains("Kazakh oil workers on strike");

    Files.writeString(config, Files.readString(config).replace("  - name: Kazakhstan\n    region: 169\n", ""));
    CliRun dropped = CliRun.of("search", "strike", "--country", "Kazakhstan", "--config", config.toString());

    assertThat(dropped.exitCode()).as(dropped.toString()).isZero();
    assertThat(dropped.out()).as(dropped.toString()).contains("Kazakh oil workers on strike");
  }

  @Test
  void jsonGivesAnArticlesCountriesAsAnArrayAsTheWebhookPayloadDoes() throws Exception {
    replica.catalog().publish(new ReplicaArticle("miners-of-two-countries-meet", "Miners of two countries meet in Osh",
        LocalDate.of(2026, 11, 21), "A meeting across the border.", List.of("Miners from both sides met."),
        List.of(364, 169), List.of(1201)), 0);
    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();

    JsonNode json = new ObjectMapper().readTree(CliRun.of("search", "Osh", "--json", "--config", config.toString()).out());

    JsonNode countries = json.get("hits").get(0).get("countries");
    assertThat(countries.isArray()).as(json.toString()).isTrue();
    assertThat(countries).extracting(JsonNode::asText).containsExactly("Kyrgyzstan", "Kazakhstan");
  }

  @Test
  void reindexRebuildsTheIndexFromTheArchive() throws Exception {
    Path db = dir.resolve("state/monitor.db");
    long articles = Sql.count(db, "SELECT count(*) FROM articles");
    assertThat(Sql.count(db, "SELECT count(*) FROM article_search")).isEqualTo(articles);
    // An index emptied (as a state from before the index holds it) finds nothing until reindex.
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
      s.execute("DELETE FROM article_search");
    }
    CliRun before = CliRun.of("search", "greve", "--config", config.toString());
    assertThat(before.out()).contains("No archived article holds");
    assertThat(before.err()).contains(articles + " articles archived before the index existed not searched: `reindex` adds them.");

    Path text = dir.resolve("state/archive/articles/2026/2026-11-19-kazakh-oil-workers-strike.txt");
    Files.delete(text);
    CliRun reindex = CliRun.of("reindex", "--config", config.toString());

    assertThat(reindex.exitCode()).isEqualTo(1);
    assertThat(reindex.out()).contains("Indexed " + (articles - 1) + " articles");
    assertThat(reindex.err()).contains("1 archived text could not be read").contains("2026-11-19-kazakh-oil-workers-strike.txt");
    assertThat(CliRun.of("search", "greve", "--config", config.toString()).out()).contains("Grève générale des mineurs");
  }

  /** The archive crawled above, now configured with two channels: one with text filters, one for Kazakhstan alone. */
  private Path withChannels() {
    return TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364, "notify: [miners]")
        .country("Kazakhstan", 169, "notify: [miners, kz]")
        .topLevel("notifications:\n  channels:\n"
            + "    - {id: miners, type: webhook, url: \"http://127.0.0.1:9/hook\", match: \"miners OR mineurs\", exclude: oil}\n"
            + "    - {id: kz, type: webhook, url: \"http://127.0.0.1:9/hook\"}\n")
        .writeTo(dir);
  }

  @Test
  void aChannelsSearchListsWhatItsFiltersLetThroughNewestFirst() throws Exception {
    Path channels = withChannels();
    ObjectMapper mapper = new ObjectMapper();

    JsonNode kz = mapper.readTree(CliRun.of("search", "--channel", "kz", "--json", "--limit", "500", "--config", channels.toString()).out());
    assertThat(kz.get("channel").asText()).isEqualTo("kz");
    assertThat(kz.get("total").asLong()).isEqualTo(Sql.count(dir.resolve("state/monitor.db"),
        "SELECT count(*) FROM article_countries WHERE region = 169")).isPositive();
    kz.get("hits").forEach(hit -> assertThat(hit.get("countries")).extracting(JsonNode::asText).contains("Kazakhstan"));
    List<String> published = new java.util.ArrayList<>();
    kz.get("hits").forEach(hit -> published.add(hit.get("published").asText()));
    assertThat(published).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    JsonNode miners = mapper.readTree(CliRun.of("search", "--channel", "miners", "--json", "--limit", "500", "--config",
        channels.toString()).out());
    List<String> slugs = new java.util.ArrayList<>();
    miners.get("hits").forEach(hit -> slugs.add(hit.get("slug").asText()));
    assertThat(slugs).contains("greve-generale-des-mineurs")
        .as("its exclude: oil").doesNotContain("kazakh-oil-workers-strike");
    miners.get("hits").forEach(hit -> assertThat(hit.get("snippet").asText()).as("the match: marked")
        .containsPattern("(?i)\\[(miners|mineurs)\\]"));

    CliRun narrowed = CliRun.of("search", "--channel", "miners", "greve", "--config", channels.toString());
    assertThat(narrowed.exitCode()).as(narrowed.toString()).isZero();
    assertThat(narrowed.out()).contains("Channel miners: match: miners OR mineurs, exclude: oil")
        .contains("1 article, best first").contains("Grève générale des mineurs à Bichkek");
    assertThat(CliRun.of("search", "--channel", "miners", "oil", "--config", channels.toString()).out())
        .contains("No archived article holds oil and passes the channel's filters.");
  }

  @Test
  void anUnknownChannelOrNeitherQueryNorChannelIsAUsageError() {
    Path channels = withChannels();
    CliRun unknown = CliRun.of("search", "--channel", "nope", "--config", channels.toString());
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("'nope'").contains("miners, kz").doesNotContain("Exception");

    CliRun nothing = CliRun.of("search", "--config", channels.toString());
    assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(nothing.err()).contains("--channel");
  }
}
