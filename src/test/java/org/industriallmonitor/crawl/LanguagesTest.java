package org.industriallmonitor.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
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

/** A country followed in English and Spanish: both listings walked, both archived, each channel hearing its languages. */
class LanguagesTest {
  static final String ORIGINAL = "kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";
  static final String SPANISH = "es/la-lucha-continua-de-kirguistan-por-los-derechos-fundamentales";
  static final String FRENCH = "fr/la-lutte-continue-du-kirghizistan";

  @RegisterExtension
  static WireMockExtension hooks = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path db;

  @BeforeEach
  void spanishPages() {
    hooks.stubFor(post("/es").willReturn(aResponse().withStatus(204)));
    hooks.stubFor(post("/en").willReturn(aResponse().withStatus(204)));
    replica.catalog().publishTranslation(ORIGINAL, new ReplicaArticle(SPANISH,
        "La lucha continua de Kirguistán por los derechos fundamentales de los trabajadores", LocalDate.of(2023, 9, 6),
        "Los sindicatos de Kirguistán luchan por la libertad sindical.", List.of("Un primer párrafo.", "Un segundo párrafo."),
        List.of(364), List.of(1201)), 0);
    replica.catalog().publishTranslation(ORIGINAL, new ReplicaArticle(FRENCH,
        "La lutte continue du Kirghizistan pour les droits fondamentaux des travailleurs", LocalDate.of(2023, 9, 6),
        "Les syndicats du Kirghizistan luttent.", List.of("Un paragraphe."), List.of(364), List.of(1201)), 0);
    for (int i = 1; i <= 11; i++) {
      replica.catalog().publishTranslation(null, new ReplicaArticle("es/noticia-" + i, "Noticia " + i, LocalDate.of(2022, 1, i),
          "Una noticia.", List.of("Texto."), List.of(364), List.of(1201)), 1);
    }
    db = dir.resolve("state/monitor.db");
  }

  private Path config(String languages) {
    return TestConfig.site(replica.baseUrl()).walksOnly().topLevel("notifications:\n  channels:\n"
        + "    - {id: spanish, type: webhook, url: \"" + hooks.baseUrl() + "/es\", languages: [es]}\n"
        + "    - {id: english, type: webhook, url: \"" + hooks.baseUrl() + "/en\", languages: [en]}\n")
        .topLevel("languages: " + languages).country("Kyrgyzstan", 364).writeTo(dir);
  }

  @Test
  void aBaselineInEnglishAndSpanishArchivesBothAndEachLanguageAlertsItsChannelsOnly() throws Exception {
    Path config = config("[en, es]");

    CliRun baseline = CliRun.of("once", "--config", config.toString());

    assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
    // The English listing's 3 pages (27 articles), then the Spanish one's 2 (12), each page once.
    assertThat(replica.tweaks().requestsFor("/es/search?regions=364&language=es&sort=relevance&from=0")).isEqualTo(1);
    assertThat(replica.tweaks().requestsFor("/es/search?regions=364&language=es&sort=relevance&from=10")).isEqualTo(1);
    assertThat(baseline.out()).contains("pages 5, seen 39, new 39, archived 39, errors 0, baseline");
    Path archive = dir.resolve("state/archive");
    assertThat(Files.readString(archive.resolve("articles/2023/es/2023-09-06-la-lucha-continua-de-kirguistan-por-los-derechos-fundamentales.txt"),
        StandardCharsets.UTF_8)).isEqualTo("Jump to main content\nIndustriALL logotype\n\n"
        + "La lucha continua de Kirguistán por los derechos fundamentales de los trabajadores\n\n"
        + "6 septiembre, 2023Los sindicatos de Kirguistán luchan por la libertad sindical.\n\nUn primer párrafo.\n\nUn segundo párrafo.");
    // The English text is the seed's, byte for byte, where it always was.
    assertThat(Files.readString(archive.resolve("articles/2023/2023-09-06-" + ORIGINAL + ".txt"), StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(Path.of("src/test/resources/contract/001_f6c06a6f515aba8c.txt"), StandardCharsets.UTF_8));
    // French is not among the languages: its listing is not walked, its article not archived.
    assertThat(replica.tweaks().requestsFor("/fr/search?regions=364&language=fr&sort=relevance&from=0")).isZero();
    JsonNode english = new ObjectMapper().readTree(archive.resolve("articles/2023/" + ORIGINAL + ".json").toFile());
    assertThat(english.get("language").asText()).isEqualTo("en");
    assertThat(english.get("translations").findValuesAsText("url"))
        .containsExactlyInAnyOrder(replica.baseUrl() + "/" + SPANISH, replica.baseUrl() + "/" + FRENCH);
    JsonNode sidecar = new ObjectMapper().readTree(archive.resolve("articles/2023/es/la-lucha-continua-de-kirguistan-por-los-derechos-fundamentales.json").toFile());
    assertThat(sidecar.get("language").asText()).isEqualTo("es");
    assertThat(sidecar.get("translations").get(0).get("lang").asText()).isEqualTo("en");
    assertThat(sidecar.get("translations").get(0).get("url").asText()).isEqualTo(replica.baseUrl() + "/" + ORIGINAL);
    assertThat(Sql.column(db, "SELECT language || ' ' || count(*) FROM articles GROUP BY language ORDER BY language"))
        .containsExactly("en 27", "es 12");
    assertThat(hooks.findAll(postRequestedFor(urlEqualTo("/es")))).isEmpty();
    assertThat(Sql.column(db, "SELECT language || ' ' || count(*) FROM listing_pages GROUP BY language ORDER BY language"))
        .containsExactly("en 3", "es 2");

    ReplicaArticle spanishOnly = new ReplicaArticle("es/huelga-en-una-mina-de-oro", "Huelga en una mina de oro en Kirguistán",
        LocalDate.of(2026, 11, 30), "Los mineros exigen sus salarios.", List.of("Texto."), List.of(364), List.of(1201));
    replica.catalog().publishTranslation(null, spanishOnly, 0);
    CliRun next = CliRun.of("once", "--config", config.toString());

    assertThat(next.out()).as(next.toString()).contains("new 1, archived 1").contains("deliveries: 1 delivered");
    List<LoggedRequest> spanish = hooks.findAll(postRequestedFor(urlEqualTo("/es")));
    assertThat(spanish).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(spanish.get(0).getBodyAsString());
    assertThat(event.get("language").asText()).isEqualTo("es");
    assertThat(event.get("title").asText()).isEqualTo("Huelga en una mina de oro en Kirguistán");
    assertThat(event.get("archive_path").asText()).isEqualTo("articles/2026/es/2026-11-30-huelga-en-una-mina-de-oro.txt");
    assertThat(event.get("translations")).isEmpty();
    assertThat(hooks.findAll(postRequestedFor(urlEqualTo("/en")))).as("the English-only channel").isEmpty();
  }

  @Test
  void frenchIsWalkedWithItsOwnWordsAndDates() throws Exception {
    CliRun run = CliRun.of("once", "--config", config("[fr]").toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Files.readString(dir.resolve("state/archive/articles/2023/fr/2023-09-06-la-lutte-continue-du-kirghizistan.txt"),
        StandardCharsets.UTF_8)).isEqualTo("Jump to main content\nIndustriALL logotype\n\n"
        + "La lutte continue du Kirghizistan pour les droits fondamentaux des travailleurs\n\n"
        + "6 septembre, 2023Les syndicats du Kirghizistan luttent.\n\nUn paragraphe.");
    assertThat(Sql.column(db, "SELECT language || ' ' || count(*) FROM articles GROUP BY language")).containsExactly("fr 1");
  }

  @Test
  void aLanguageAddedLaterIsWalkedFirstAsABaselineOfItsOwn() throws Exception {
    assertThat(CliRun.of("once", "--config", config("[en]").toString()).exitCode()).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM articles WHERE language = 'es'")).isZero();

    CliRun added = CliRun.of("once", "--config", config("[en, es]").toString());

    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM articles WHERE language = 'es'")).isEqualTo(12);
    assertThat(Sql.count(db, "SELECT count(*) FROM articles WHERE language = 'es' AND baseline = 1")).isEqualTo(12);
    assertThat(Sql.count(db, "SELECT count(*) FROM outbox")).as("a new language's first walk alerts nothing").isZero();
    assertThat(Sql.column(db, "SELECT language FROM country_languages WHERE baseline_completed_at IS NOT NULL")).containsExactly("es");
  }
}
