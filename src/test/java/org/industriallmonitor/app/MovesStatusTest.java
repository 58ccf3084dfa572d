package org.industriallmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** status and status --json show the recorded moves of configured countries and of the configured base URL, and only those. */
class MovesStatusTest {
  private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");
  private static final URI OLD = URI.create("http://127.0.0.1:9/");
  private static final String NEW = "http://127.0.0.2:9";

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  private Store store(Databases database) {
    Store s = stores.open(database, dir.resolve("db"), new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    s.regionMoves().record(new RegionMove(364, "Kyrgyzstan", 9364, "Kyrgyzstan", AT), List::of);
    // A country the configuration no longer names (its user removed it): nothing to tell.
    s.regionMoves().record(new RegionMove(366, "Uzbekistan", 9366, "Uzbekistan", AT), List::of);
    s.siteMoves().record("http://127.0.0.1:9", NEW, 301, AT, List::of);
    s.siteMoves().record("http://elsewhere.example", "http://further.example", 308, AT, List::of);
    return s;
  }

  private MonitorConfig config(URI base, String name) {
    Path file = TestConfig.site(base).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir.resolve(name));
    return new ConfigLoader(System::getenv).load(file);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void statusSaysWhereAMovedCountryAndAMovedSiteAreAndWhatToWrite(Databases database) throws Exception {
    Store s = store(database);
    MonitorConfig config = config(OLD, "a");

    MonitorStatus.Status status = MonitorStatus.gather(config, Optional.of(s));
    String text = StatusText.of(status, config.source());

    Path file = config.source().toAbsolutePath();
    assertThat(text).contains("Kyrgyzstan (364): moved: the site lists it as region 9364 (\"Kyrgyzstan\") since 2026-12-07 09:00:00Z;"
            + " the monitor follows it and keeps its state; write  - { name: Kyrgyzstan, region: 9364 }  in " + file + "\n")
        .contains("site: http://127.0.0.1:9 moved permanently (301) to " + NEW + " since 2026-12-07 09:00:00Z; write base_url: " + NEW
            + " in " + file + "\n")
        .doesNotContain("Kazakhstan (169): moved").doesNotContain("Uzbekistan").doesNotContain("elsewhere.example");

    JsonNode json = new ObjectMapper().readTree(MonitorStatus.json(status));
    JsonNode kyrgyzstan = json.get("countries").get(0);
    assertThat(kyrgyzstan.get("region").asInt()).isEqualTo(364);
    assertThat(kyrgyzstan.get("moved").get("site_region").asInt()).isEqualTo(9364);
    assertThat(kyrgyzstan.get("moved").get("site_name").asText()).isEqualTo("Kyrgyzstan");
    assertThat(kyrgyzstan.get("moved").get("since").asText()).isEqualTo("2026-12-07T09:00:00Z");
    assertThat(kyrgyzstan.get("moved").get("yaml").asText()).isEqualTo("- { name: Kyrgyzstan, region: 9364 }");
    assertThat(json.get("countries").get(1).get("moved").isNull()).as("Kazakhstan has not moved").isTrue();
    assertThat(json.get("countries")).hasSize(2);
    JsonNode site = json.get("site_moved");
    assertThat(site.get("from").asText()).isEqualTo("http://127.0.0.1:9");
    assertThat(site.get("to").asText()).isEqualTo(NEW);
    assertThat(site.get("status").asInt()).isEqualTo(301);
    assertThat(site.get("since").asText()).isEqualTo("2026-12-07T09:00:00Z");
    assertThat(site.get("last_seen").asText()).isEqualTo("2026-12-07T09:00:00Z");
    assertThat(site.get("yaml").asText()).isEqualTo("base_url: " + NEW);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void onceTheUserWroteTheNewAddressAndIdNothingIsShown(Databases database) throws Exception {
    Store s = store(database);
    Path file = TestConfig.site(URI.create(NEW)).country("Kyrgyzstan", 9364).writeTo(dir.resolve("b"));
    MonitorConfig config = new ConfigLoader(System::getenv).load(file);

    MonitorStatus.Status status = MonitorStatus.gather(config, Optional.of(s));

    assertThat(StatusText.of(status, config.source())).doesNotContain("moved");
    JsonNode json = new ObjectMapper().readTree(MonitorStatus.json(status));
    assertThat(json.get("site_moved").isNull()).isTrue();
    assertThat(json.get("countries").get(0).get("moved").isNull()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aSiteMoveThatEndedIsNoLongerShown(Databases database) throws Exception {
    Store s = store(database);
    s.siteMoves().end("http://127.0.0.1:9", NEW, AT.plusSeconds(60));
    MonitorConfig config = config(OLD, "d");

    MonitorStatus.Status status = MonitorStatus.gather(config, Optional.of(s));

    assertThat(status.siteMoves()).isEmpty();
    assertThat(StatusText.of(status, config.source())).doesNotContain("site: http://127.0.0.1:9 moved");
    assertThat(new ObjectMapper().readTree(MonitorStatus.json(status)).get("site_moved").isNull()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void theSitesWordsCannotRewriteTheTerminal(Databases database) {
    Store s = stores.open(database, dir.resolve("db"), new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    s.regionMoves().record(new RegionMove(364, "Kyrgyzstan", 9364, "Kyrg\u001b[2Jyz\u202Estan", AT), List::of);
    MonitorConfig config = config(OLD, "c");

    String text = StatusText.of(MonitorStatus.gather(config, Optional.of(s)), config.source());

    assertThat(text).contains("as region 9364 (\"Kyrg\uFFFD[2Jyz\uFFFDstan\")").doesNotContain("\u001b").doesNotContain("\u202E");
  }
}
