package org.industriallmonitor.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.Contract;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline through the command line, against the replica site. */
class CrawlEndToEndTest {
  private static final String STRUGGLE = "kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";
  private static final String SHARED = "young-unionists-from-central-asia-demand-attention-to-youth-policy";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private Path db;
  private Path archive;

  @BeforeEach
  void startReplica() throws Exception {
    db = dir.resolve("state/monitor.db");
    archive = dir.resolve("state/archive");
  }

  @Test
  void baselineThenExactlyTheNewArticleThenNothing() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kyrgyzstan", 364).writeTo(dir);

    CliRun first = CliRun.of("once", "--config", config.toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("Kyrgyzstan (region 364): pages 3, seen 27, new 27, archived 27, errors 0, baseline");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles WHERE baseline = 1")).isEqualTo(27);
    assertThat(articleFiles("txt")).hasSize(27);
    assertThat(articleFiles("json")).hasSize(27);

    // Relevance order: the new article lands on the second page, after articles already known.
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 20), 12);
    CliRun second = CliRun.of("once", "--config", config.toString());

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("pages 3, seen 28, new 1, archived 1, errors 0").doesNotContain("baseline");
    assertThat(Sql.column(db, "SELECT slug FROM articles WHERE baseline = 0")).containsExactly(fresh.slug());
    Path text = archive.resolve("articles/2026/2026-11-20-" + fresh.slug() + ".txt");
    assertThat(Files.readString(text)).isEqualTo("Jump to main content\nIndustriALL logotype\n\n" + fresh.title()
        + "\n\n20 November, 2026" + fresh.lede() + "\n\n" + String.join("\n\n", fresh.paragraphs()));

    CliRun third = CliRun.of("once", "--config", config.toString());

    assertThat(third.out()).contains("new 0, archived 0, errors 0");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(28);
  }

  @Test
  void archivedArticleIsTheSeedTextWithAValidSidecar() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);

    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();

    Path text = archive.resolve("articles/2023/2023-09-06-" + STRUGGLE + ".txt");
    assertThat(Files.readAllBytes(text)).isEqualTo(Contract.bytes(Contract.SEED_STRUGGLE));
    JsonNode sidecar = new ObjectMapper().readTree(archive.resolve("articles/2023/" + STRUGGLE + ".json").toFile());
    assertThat(sidecar.get("url").asText()).isEqualTo(replica.baseUrl() + "/" + STRUGGLE);
    assertThat(sidecar.get("slug").asText()).isEqualTo(STRUGGLE);
    assertThat(sidecar.get("title").asText()).isEqualTo("Kyrgyzstan's ongoing struggle for fundamental workers' rights");
    assertThat(sidecar.get("published").asText()).isEqualTo("2023-09-06");
    assertThat(sidecar.get("lede").asText()).startsWith("Trade unions in Kyrgyzstan have been fighting");
    assertThat(sidecar.get("countries").get(0).get("name").asText()).isEqualTo("Kyrgyzstan");
    assertThat(sidecar.get("themes").get(0).get("name").asText()).isEqualTo("Trade union rights");
    assertThat(sidecar.get("translations")).extracting(t -> t.get("lang").asText()).containsExactly("fr", "es", "ru");
    assertThat(sidecar.get("fetched_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(sidecar.get("sha256").asText()).isEqualTo(Hashes.sha256(Files.readAllBytes(text)));
  }

  @Test
  void articleListedUnderTwoCountriesIsStoredAndArchivedOnceAndLinkedToBoth() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);

    CliRun run = CliRun.of("once", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Kyrgyzstan (region 364): pages 3, seen 27, new 27, archived 27")
        .contains("Kazakhstan (region 169): pages 6, seen 55, new 54, archived 54");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles WHERE slug = '" + SHARED + "'")).isEqualTo(1);
    assertThat(Sql.column(db, "SELECT region FROM article_countries JOIN articles ON id = article_id WHERE slug = '"
        + SHARED + "' ORDER BY region")).containsExactly("169", "364");
    assertThat(articleFiles("txt")).filteredOn(p -> p.getFileName().toString().endsWith(SHARED + ".txt")).hasSize(1);
    assertThat(Sql.column(db, "SELECT countries FROM articles WHERE slug = '" + SHARED + "'")).containsExactly("Kyrgyzstan, Kazakhstan");
  }

  @Test
  void listingFailureMidWalkLeavesTheNextRunAbleToFindEverything() throws Exception {
    WireMockServer proxy = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    try {
      proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
      proxy.stubFor(get(urlEqualTo("/search?regions=364&language=en&sort=relevance&from=10")).atPriority(1)
          .willReturn(aResponse().withStatus(503)));
      Path config = TestConfig.site(URI.create(proxy.baseUrl())).country("Kyrgyzstan", 364).writeTo(dir);

      CliRun failing = CliRun.of("once", "--config", config.toString());

      assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
      assertThat(failing.out()).contains("pages 2, seen 17, new 17, archived 17, errors 1, baseline")
          .contains("error: listing " + proxy.baseUrl() + "/search?regions=364&language=en&sort=relevance&from=10: HTTP 503");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM listing_pages WHERE from_offset = 10")).isZero();

      proxy.resetToDefaultMappings();
      proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
      CliRun recovered = CliRun.of("once", "--config", config.toString());

      assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
      assertThat(recovered.out()).contains("new 10, archived 10, errors 0, baseline");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(27);
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles WHERE baseline = 0")).isZero();
      assertThat(CliRun.of("once", "--config", config.toString()).out()).contains("new 0, archived 0, errors 0");
    } finally {
      proxy.stop();
    }
  }

  @Test
  void articleThatFailsIsNotMarkedSeenAndIsArchivedNextTime() throws Exception {
    WireMockServer proxy = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    try {
      proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
      proxy.stubFor(get(urlEqualTo("/" + STRUGGLE)).atPriority(1).willReturn(aResponse().withStatus(500)));
      Path config = TestConfig.site(URI.create(proxy.baseUrl())).country("Kyrgyzstan", 364).writeTo(dir);

      CliRun failing = CliRun.of("once", "--config", config.toString());

      assertThat(failing.exitCode()).isEqualTo(1);
      assertThat(failing.out()).contains("new 27, archived 26, errors 1").contains("error: article " + proxy.baseUrl() + "/" + STRUGGLE + ": HTTP 500");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles WHERE slug = '" + STRUGGLE + "'")).isZero();
      assertThat(articleFiles("txt")).noneMatch(p -> p.toString().contains(STRUGGLE));

      proxy.resetToDefaultMappings();
      proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(replica.baseUrl().toString())));
      CliRun recovered = CliRun.of("once", "--config", config.toString());

      assertThat(recovered.out()).contains("new 1, archived 1, errors 0, baseline");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles WHERE slug = '" + STRUGGLE + "' AND baseline = 1")).isEqualTo(1);
    } finally {
      proxy.stop();
    }
  }

  @Test
  void listingSnapshotsAreKeptOnlyWhenAPageChanged() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    CliRun.of("once", "--config", config.toString());
    assertThat(snapshots()).hasSize(3);
    Path first = archive.resolve("listings/364/from-0");
    assertThat(Files.readString(Files.list(first).findFirst().orElseThrow()))
        .startsWith("Jump to main content\nIndustriALL logotype\n\n\nShowing 1-10 of 27 results\n\n");

    CliRun.of("once", "--config", config.toString());
    assertThat(snapshots()).as("unchanged pages are not archived again").hasSize(3);

    replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 21), 25);
    CliRun.of("once", "--config", config.toString());
    assertThat(snapshots()).as("every page's summary line now says 28 results").hasSize(6);
    try (Stream<Path> lastPage = Files.list(archive.resolve("listings/364/from-20"))) {
      assertThat(lastPage.map(this::read)).anyMatch(t -> t.contains("Showing 21-28 of 28 results"));
    }
  }

  @Test
  void onceForOneCountryAndUnknownCountry() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);

    CliRun one = CliRun.of("once", "--config", config.toString(), "--country", "kazakhstan");
    CliRun unknown = CliRun.of("once", "--config", config.toString(), "--country", "Narnia");

    assertThat(one.out()).contains("Kazakhstan (region 169)").doesNotContain("Kyrgyzstan");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no country 'Narnia'").contains("configured: Kyrgyzstan, Kazakhstan");
  }

  private List<Path> articleFiles(String extension) throws Exception {
    if (!Files.isDirectory(archive.resolve("articles"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(archive.resolve("articles"))) {
      return files.filter(p -> p.toString().endsWith("." + extension)).toList();
    }
  }

  private String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<Path> snapshots() throws Exception {
    try (Stream<Path> files = Files.walk(archive.resolve("listings"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
