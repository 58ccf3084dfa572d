package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaCountry;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** status, status --json and validate --online tell the user a country or the site moved, and what to write. */
class MovesCommandsTest {
  private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  private void renumberOverHttp(int from, int to) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        replica.baseUrl().resolve("/_replica/renumber?from=" + from + "&to=" + to)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private static Path withAliases(Path file, int region, String aliases) throws Exception {
    String yaml = Files.readString(file);
    Files.writeString(file, yaml.replace("    region: " + region + "\n", "    region: " + region + "\n    aliases: " + aliases + "\n"));
    return file;
  }

  @Test
  void validateOnlineNamesTheIdTheSiteListsARenumberedCountryUnder() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
    renumberOverHttp(364, 9364);

    CliRun online = CliRun.of("validate", "--online", "--config", config.toString());

    assertThat(online.exitCode()).as("the configured id is gone: as for any region the site does not list").isEqualTo(1);
    assertThat(online.out())
        .containsPattern("  Kyrgyzstan \\(region 364\\): NOT in the site's list of countries; as region 9364: 27 results, first \".+\"\n")
        .contains("  Kyrgyzstan: region 364 is gone from the site's country list; the site lists Kyrgyzstan as 9364:"
            + " write  - { name: Kyrgyzstan, region: 9364 }  (the monitor follows it until then)\n")
        .containsPattern("  Kazakhstan \\(region 169\\): in the site's list; ")
        .doesNotContain("Kazakhstan: region 169 is gone");
  }

  @Test
  void anIdTheSiteGaveAnotherCountryIsAMoveAsTheDaemonTakesIt() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    replica.catalog().renumberRegions(Map.of(364, 9364, 169, 364));

    CliRun online = CliRun.of("validate", "--online", "--config", config.toString());

    assertThat(online.exitCode()).isEqualTo(1);
    assertThat(online.out())
        .containsPattern("  Kyrgyzstan \\(region 364\\): NOT in the site's list of countries; as region 9364: 27 results, first \".+\"\n")
        .contains("  Kyrgyzstan: region 364 names another country on the site now (\"Kazakhstan\"); the site lists Kyrgyzstan as 9364:"
            + " write  - { name: Kyrgyzstan, region: 9364 }  (the monitor follows it until then)\n");
  }

  @Test
  void aCountryIsFoundAgainByAnAliasAndNotWithoutOne() throws Exception {
    replica.catalog().renumberRegions(Map.of(364, 9364));
    Path bare = TestConfig.site(replica.baseUrl()).country("Kyrgyz Republic", 364).writeTo(dir.resolve("bare"));
    Path aliased = withAliases(TestConfig.site(replica.baseUrl()).country("Kyrgyz Republic", 364).writeTo(dir.resolve("aliased")), 364,
        "[Kirghizia, kyrgyzstan]");

    CliRun without = CliRun.of("validate", "--online", "--config", bare.toString());
    CliRun with = CliRun.of("validate", "--online", "--config", aliased.toString());

    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.out()).contains("  Kyrgyz Republic (region 364): NOT in the site's list of countries; 0 results")
        .doesNotContain("is gone from the site's country list");
    assertThat(with.exitCode()).isEqualTo(1);
    assertThat(with.out()).contains("  Kyrgyz Republic: region 364 is gone from the site's country list; the site lists Kyrgyzstan as 9364:"
        + " write  - { name: Kyrgyz Republic, region: 9364 }");
  }

  @Test
  void aNameInAnotherLanguageOfTheCountryIsLookedForInThatLanguagesList() throws Exception {
    replica.catalog().renumberRegions(Map.of(364, 9364));
    Path file = TestConfig.site(replica.baseUrl()).country("Kirguistan", 364).writeTo(dir);
    Files.writeString(file, Files.readString(file).replace("    region: 364\n", "    region: 364\n    languages: [en, es]\n"));

    CliRun online = CliRun.of("validate", "--online", "--config", file.toString());

    assertThat(online.exitCode()).isEqualTo(1);
    assertThat(online.out()).contains("  Kirguistan: region 364 is gone from the site's country list; the site lists Kirguistán as 9364:"
        + " write  - { name: Kirguistan, region: 9364 }");
    assertThat(replica.tweaks().requestsFor("/es/search?language=es&sort=relevance")).isEqualTo(1);
    assertThat(replica.tweaks().requestsFor("/fr/search?language=fr&sort=relevance")).as("not a language of the country").isZero();
  }

  @Test
  void severalCountriesAnsweringToTheNameAreNamedNoneChosen() throws Exception {
    replica.catalog().addCountry(new ReplicaCountry(400, "KYRGYZSTÁN"), 10);
    replica.catalog().renumberRegions(Map.of(364, 9364));
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);

    CliRun online = CliRun.of("validate", "--online", "--config", config.toString());

    assertThat(online.exitCode()).isEqualTo(1);
    assertThat(online.out()).contains("  Kyrgyzstan (region 364): NOT in the site's list of countries; 0 results")
        .contains("  Kyrgyzstan: region 364 is gone from the site's country list; the site lists 2 countries by that name:"
            + " 400 (\"KYRGYZSTÁN\"), 9364 (\"Kyrgyzstan\"); write the right one's id (`countries` lists them)\n")
        .doesNotContain("region: 9364 }");
  }

  @Test
  void statusJsonAndValidateShowTheRecordedMoves() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
    MonitorConfig loaded = new ConfigLoader(System::getenv).load(config);
    String newBase = "http://127.0.0.2:" + replica.baseUrl().getPort();
    try (Store store = Store.open(loaded.storage(), new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)))) {
      store.regionMoves().record(new RegionMove(364, "Kyrgyzstan", 9364, "Kyrgyzstan", AT), List::of);
      store.siteMoves().record(loaded.site().base(), newBase, 308, AT, List::of);
    }

    CliRun status = CliRun.of("status", "--config", config.toString());
    CliRun json = CliRun.of("status", "--json", "--config", config.toString());
    CliRun online = CliRun.of("validate", "--online", "--config", config.toString());

    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("Kyrgyzstan (364): moved: the site lists it as region 9364 (\"Kyrgyzstan\") since 2026-12-07 09:00:00Z;"
        + " the monitor follows it and keeps its state; write  - { name: Kyrgyzstan, region: 9364 }  in " + config.toAbsolutePath())
        .contains("site: " + loaded.site().base() + " moved permanently (308) to " + newBase + " since 2026-12-07 09:00:00Z; write base_url: "
            + newBase + " in " + config.toAbsolutePath());
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("countries").get(0).get("moved").get("yaml").asText()).isEqualTo("- { name: Kyrgyzstan, region: 9364 }");
    assertThat(root.get("countries").get(1).get("moved").isNull()).isTrue();
    assertThat(root.get("site_moved").get("status").asInt()).isEqualTo(308);
    assertThat(root.get("site_moved").get("yaml").asText()).isEqualTo("base_url: " + newBase);
    assertThat(root.get("early_warning").get("source").asText()).as("the other fields stay").isEqualTo("rss");
    assertThat(online.out()).contains("  site: " + loaded.site().base() + " moved permanently (308) to " + newBase);
    assertThat(online.exitCode()).as("the replica still answers at the configured address").isZero();
  }

  @Test
  void aStateWithoutMovesSaysNothingOfThem() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    CliRun.of("once", "--config", config.toString());

    CliRun status = CliRun.of("status", "--config", config.toString());
    JsonNode root = new ObjectMapper().readTree(CliRun.of("status", "--json", "--config", config.toString()).out());

    assertThat(status.out()).doesNotContain("moved");
    assertThat(root.get("site_moved").isNull()).isTrue();
    assertThat(root.get("countries").get(0).has("moved")).isTrue();
    assertThat(root.get("countries").get(0).get("moved").isNull()).isTrue();
  }
}
