package org.industriallmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path FILE = Path.of("config/monitor.yaml");
  private final ConfigLoader loader = new ConfigLoader(Map.of("UA_CONTACT", "ops@solidarity.network")::get);

  private static final String VALID = """
      site:
        base_url: https://www.industriall-union.org
        user_agent: "industriall-monitor/0.1 (+mailto:${UA_CONTACT})"
        request_delay: 2s
        max_pages: 20
      countries:
        - name: Kyrgyzstan
          region: 364
        - {name: Kazakhstan, region: 169}
      storage:
        database: state/monitor.db
        archive: state/archive
      """;

  @Test
  void readsTheDocumentedKeys() {
    MonitorConfig config = loader.parse(FILE, VALID);

    assertThat(config.site().base()).isEqualTo("https://www.industriall-union.org");
    assertThat(config.site().userAgent()).isEqualTo("industriall-monitor/0.1 (+mailto:ops@solidarity.network)");
    assertThat(config.site().requestDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.site().maxPages()).isEqualTo(20);
    assertThat(config.countries()).containsExactly(new CountryConfig("Kyrgyzstan", 364), new CountryConfig("Kazakhstan", 169));
    assertThat(config.storage()).isEqualTo(new StorageConfig(Path.of("state/monitor.db"), Path.of("state/archive")));
    assertThat(config.site().selectors()).isEqualTo(Selectors.defaults());
  }

  @Test
  void aCountrysAliasesAreOtherNamesItAnswersToAndNameNoOtherCountry() {
    MonitorConfig config = loader.parse(FILE, VALID.replace("    region: 364\n", "    region: 364\n    aliases: [Kirguistán, Kyrgyz Republic]\n"));

    CountryConfig kyrgyzstan = config.countries().get(0);
    assertThat(kyrgyzstan.aliases()).containsExactly("Kirguistán", "Kyrgyz Republic");
    assertThat(kyrgyzstan.answersTo("KIRGUISTAN")).as("case and accents aside").isTrue();
    assertThat(kyrgyzstan.answersTo(" kyrgyzstan ")).isTrue();
    assertThat(kyrgyzstan.answersTo("Kazakhstan")).isFalse();
    assertThat(config.countries().get(1).aliases()).isEmpty();
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("    region: 364\n", "    region: 364\n    aliases: [kazakhstán]\n")))
        .hasMessage("config/monitor.yaml:10: countries[1].name: 'Kazakhstan' is an alias of another country (line 9);"
            + " an alias names one country only");
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("    region: 364\n", "    region: 364\n    aliases: [Kirgizia, KIRGIZIA]\n")))
        .hasMessage("config/monitor.yaml:9: countries[0].aliases[1]: the name 'KIRGIZIA' already names a country (line 9);"
            + " an alias names one country only");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Kyrgyzstan", "Korea, Republic of", "Côte d'Ivoire", "Bosnia: Herzegovina", "#1 \"quoted\" {x} [y] \\"})
  void theLineToWriteForAMovedCountryReadsBackAsThatCountry(String name) {
    String line = new CountryConfig(name, 364).yamlLine(9364);

    MonitorConfig config = loader.parse(FILE, VALID.replace("  - name: Kyrgyzstan\n    region: 364\n", "  " + line + "\n"));

    assertThat(config.countries().get(0).name()).isEqualTo(name);
    assertThat(config.countries().get(0).region()).isEqualTo(9364);
  }

  @Test
  void aPostgresqlDatabaseTakesItsUserAndPasswordFromTheEnvironment() {
    ConfigLoader withPg = new ConfigLoader(Map.of("UA_CONTACT", "ops@x.network", "PGUSER", "monitor", "PGPASSWORD", "pw",
        "DB_PASSWORD", "other")::get);
    StorageConfig storage = withPg.parse(FILE, VALID.replace("database: state/monitor.db", "database: postgresql://db.lan:5433/watch"))
        .storage();
    assertThat(storage.postgres()).isEqualTo(new PostgresTarget("db.lan", 5433, "watch", "monitor", "pw"));
    assertThat(storage.describeDatabase()).isEqualTo("postgresql://monitor@db.lan:5433/watch").doesNotContain("pw");
    assertThat(storage.hasDatabase()).isTrue();
    assertThat(withPg.parse(FILE, VALID.replace("database: state/monitor.db", "database: postgresql://ops:${DB_PASSWORD}@db.lan/watch"))
        .storage().postgres()).isEqualTo(new PostgresTarget("db.lan", 5432, "watch", "ops", "other"));
    assertThatThrownBy(() -> withPg.parse(FILE, VALID.replace("database: state/monitor.db", "database: postgresql://ops:hunter2@db.lan/watch")))
        .hasMessageContaining("config/monitor.yaml:11")
        .hasMessageContaining("storage.database")
        .hasMessageContaining("PGPASSWORD")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThatThrownBy(() -> withPg.parse(FILE, VALID.replace("database: state/monitor.db", "database: postgresql://db.lan:99999")))
        .hasMessageContaining("storage.database").hasMessageContaining("postgresql://HOST:PORT/DATABASE");
  }

  @Test
  void storageMinFreeIsAByteSizeThatDefaultsTo200MbAndZeroTurnsTheCheckOff() {
    assertThat(loader.parse(FILE, VALID).storage().minFree()).isEqualTo(200L * 1024 * 1024);
    assertThat(loader.parse(FILE, VALID + "  min_free: 1GB\n").storage().minFree()).isEqualTo(1024L * 1024 * 1024);
    assertThat(loader.parse(FILE, VALID + "  min_free: 0\n").storage().minFree()).isZero();
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "  min_free: lots\n"))
        .hasMessage("config/monitor.yaml:13: storage.min_free: expected a size such as 500KB or 5MB, got 'LOTS'");
  }

  @Test
  void storageRetentionAndPruneEveryAreDurationsThatDefaultTo180DaysAndOneHour() {
    StorageConfig defaults = loader.parse(FILE, VALID).storage();
    assertThat(defaults.retention()).isEqualTo(Duration.ofDays(180));
    assertThat(defaults.pruneEvery()).isEqualTo(Duration.ofHours(1));
    StorageConfig set = loader.parse(FILE, VALID + "  retention: 30d\n  prune_every: 2s\n").storage();
    assertThat(set.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(set.pruneEvery()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "  retention: 0s\n")).hasMessageContaining("storage.retention");
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "  prune_every: soon\n")).hasMessageContaining("storage.prune_every");
  }

  @Test
  void clusterKeysAreReadAndDefaultToTheHostAndPid() {
    MonitorConfig config = loader.parse(FILE, VALID + "cluster: {node_id: monitor-a, checkin_interval: 5s}\n");
    assertThat(config.cluster()).isEqualTo(new ClusterConfig("monitor-a", Duration.ofSeconds(5)));
    assertThat(config.cluster().deadAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(loader.parse(FILE, VALID).cluster().nodeId()).endsWith("-" + ProcessHandle.current().pid());
    assertThat(loader.parse(FILE, VALID).cluster().checkinInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "cluster: {node: a}\n")).hasMessageContaining("cluster.node");
  }

  @Test
  void earlyWarningDefaultsToTheFeedEveryTwoMinutesAndIsChecked() {
    assertThat(loader.parse(FILE, VALID).site().earlyWarning())
        .isEqualTo(new EarlyWarningConfig(EarlyWarningConfig.Source.RSS, Duration.ofMinutes(2)));
    assertThat(loader.parse(FILE, VALID.replace("  max_pages: 20", "  max_pages: 20\n  early_warning: {source: latest, every: 30s}"))
        .site().earlyWarning()).isEqualTo(new EarlyWarningConfig(EarlyWarningConfig.Source.LATEST, Duration.ofSeconds(30)));
    assertThat(loader.parse(FILE, VALID.replace("  max_pages: 20", "  max_pages: 20\n  early_warning:\n    source: off"))
        .site().earlyWarning().enabled()).isFalse();

    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("  max_pages: 20", "  max_pages: 20\n  early_warning: {source: atom}")))
        .hasMessage("config/monitor.yaml:6: site.early_warning.source: expected rss, latest or off, got 'atom'");
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("  max_pages: 20", "  max_pages: 20\n  early_warning:\n    every: 300ms")))
        .hasMessage("config/monitor.yaml:7: site.early_warning.every: must be at least 1s: the source is polled at most once a second");
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("  max_pages: 20", "  max_pages: 20\n  early_warning:\n    evry: 2m")))
        .hasMessage("config/monitor.yaml:7: site.early_warning.evry: unknown key 'evry' (did you mean 'every'?)");
  }

  @Test
  void oneConnectionToASiteWithARequestDelayFourWithout() {
    assertThat(loader.parse(FILE, VALID).site().maxConnectionsPerHost()).isEqualTo(1);
    assertThat(loader.parse(FILE, VALID.replace("request_delay: 2s", "request_delay: 0ms")).site().maxConnectionsPerHost()).isEqualTo(4);
    assertThat(loader.parse(FILE, VALID.replace("request_delay: 2s", "request_delay: 0ms\n  max_connections_per_host: 2"))
        .site().maxConnectionsPerHost()).isEqualTo(2);
  }

  @Test
  void loggingDefaultsToTodaysRollingAndReadsItsKeys() {
    assertThat(loader.parse(FILE, VALID).logging()).isEqualTo(LoggingConfig.DEFAULT)
        .isEqualTo(new LoggingConfig(true, 10L * 1024 * 1024, 30, 200L * 1024 * 1024));
    assertThat(loader.parse(FILE, VALID + "logging: {}\n").logging()).isEqualTo(LoggingConfig.DEFAULT);
    MonitorConfig config = loader.parse(FILE, VALID + """
        logging:
          file: false
          max_file_size: 512KB
          max_history: 7
          total_size_cap: 1GB
        """);
    assertThat(config.logging()).isEqualTo(new LoggingConfig(false, 512L * 1024, 7, 1024L * 1024 * 1024));
    assertThat(loader.parse(FILE, VALID + "logging: {max_file_size: 300MB, total_size_cap: 1GB}\n").logging().maxHistory())
        .isEqualTo(30);
  }

  @Test
  void theTemplatesLoggingBlockUncommentedIsTheDefaults() throws Exception {
    java.util.List<String> lines = Files.readAllLines(Path.of("config/monitor.yaml"));
    int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("# logging:")).findFirst().orElseThrow());
    String block = lines.subList(start, lines.size()).stream().takeWhile(l -> l.startsWith("#"))
        .map(l -> l.substring(2)).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    assertThat(block).contains("file:", "max_file_size:", "max_history:", "total_size_cap:");
    assertThat(loader.parse(FILE, VALID + block).logging()).isEqualTo(LoggingConfig.DEFAULT);
  }

  @Test
  void loggingSizesAndHistoryAreCheckedWithFileLineAndKey() {
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  max_file_size: 0\n"))
        .hasMessage("config/monitor.yaml:14: logging.max_file_size: must be larger than 0");
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  total_size_cap: 0KB\n"))
        .hasMessage("config/monitor.yaml:14: logging.total_size_cap: must be larger than 0");
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  max_file_size: 20MB\n  total_size_cap: 10MB\n"))
        .hasMessageStartingWith("config/monitor.yaml:14: logging.max_file_size: max_file_size (20971520 bytes) is larger than"
            + " total_size_cap (10485760 bytes)");
    // The default max_file_size (10MB) with a smaller cap: the cap written is what is wrong.
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  total_size_cap: 1MB\n"))
        .hasMessageStartingWith("config/monitor.yaml:14: logging.total_size_cap: max_file_size");
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  max_history: 0\n"))
        .hasMessage("config/monitor.yaml:14: logging.max_history: must be between 1 and 3650, got 0");
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  max_history: 3651\n"))
        .hasMessageContaining("logging.max_history: must be between 1 and 3650");
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  max_file_size: lots\n"))
        .hasMessageContaining(":14: logging.max_file_size: expected a size such as 500KB or 5MB");
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  file: maybe\n"))
        .hasMessageContaining(":14: logging.file: expected true or false");
    assertThatThrownBy(() -> loader.parse(FILE, VALID + "logging:\n  max_size: 5MB\n"))
        .hasMessageContaining(":14: logging.max_size: unknown key");
  }

  @Test
  void unknownKeyNamesFileLineAndKeyAndSuggestsTheRightOne() {
    String yaml = VALID.replace("  max_pages: 20", "  max_page: 20");

    assertThatThrownBy(() -> loader.parse(FILE, yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config/monitor.yaml:5: site.max_page: unknown key 'max_page' (did you mean 'max_pages'?)")
        .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(5));
  }

  @Test
  void wrongTypeNamesTheKey() {
    String yaml = VALID.replace("region: 364", "region: kyrgyz");

    assertThatThrownBy(() -> loader.parse(FILE, yaml))
        .hasMessage("config/monitor.yaml:8: countries[0].region: expected a whole number, got 'kyrgyz'");
  }

  @Test
  void wrongDurationNamesTheKey() {
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("request_delay: 2s", "request_delay: soon")))
        .hasMessageContaining(":4: site.request_delay: expected a duration such as 300ms, 2s, 30m, 12h or 1d");
  }

  @Test
  void missingRegionIsAnError() {
    String yaml = VALID.replace("  - {name: Kazakhstan, region: 169}", "  - {name: Kazakhstan}");

    assertThatThrownBy(() -> loader.parse(FILE, yaml))
        .hasMessage("config/monitor.yaml:9: countries[1]: missing required key 'region'");
  }

  @Test
  void missingNameIsAnError() {
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("  - {name: Kazakhstan, region: 169}", "  - {region: 169}")))
        .hasMessage("config/monitor.yaml:9: countries[1]: missing required key 'name'");
  }

  @Test
  void duplicateCountryByNameOrRegionIsAnError() {
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("{name: Kazakhstan, region: 169}", "{name: kyrgyzstan, region: 1}")))
        .hasMessage("config/monitor.yaml:9: countries[1].name: the country 'kyrgyzstan' is listed twice (first at line 7)");
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("{name: Kazakhstan, region: 169}", "{name: Kazakhstan, region: 364}")))
        .hasMessage("config/monitor.yaml:9: countries[1].region: region 364 is listed twice (first at line 7)");
  }

  @Test
  void duplicateKeyIsAnErrorWithItsLine() {
    String yaml = VALID.replace("  max_pages: 20", "  max_pages: 20\n  max_pages: 30");

    assertThatThrownBy(() -> loader.parse(FILE, yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config/monitor.yaml:6:")
        .hasMessageContaining("duplicate key max_pages");
  }

  @Test
  void unsetEnvironmentVariableIsAnError() {
    ConfigLoader noEnvironment = new ConfigLoader(name -> null);

    assertThatThrownBy(() -> noEnvironment.parse(FILE, VALID))
        .hasMessage("config/monitor.yaml:3: site.user_agent: environment variable UA_CONTACT is not set (the value refers to ${UA_CONTACT})");
  }

  @Test
  void environmentVariableDefaultIsUsedWhenUnset() {
    ConfigLoader noEnvironment = new ConfigLoader(name -> null);

    MonitorConfig config = noEnvironment.parse(FILE, VALID.replace("${UA_CONTACT}", "${UA_CONTACT:-nobody@example.org}"));

    assertThat(config.site().userAgent()).endsWith("(+mailto:nobody@example.org)");
  }

  @Test
  void selectorsCanBeOverriddenAndAreChecked() {
    String yaml = VALID.replace("  max_pages: 20", "  max_pages: 20\n  selectors:\n    article_title: \"h1.title\"");

    assertThat(loader.parse(FILE, yaml).site().selectors().articleTitle()).isEqualTo("h1.title");
    assertThat(loader.parse(FILE, yaml).site().selectors().listingItem()).isEqualTo("article.search-result");
    assertThatThrownBy(() -> loader.parse(FILE, yaml.replace("h1.title", "h1[[")))
        .hasMessageStartingWith("config/monitor.yaml:7: site.selectors.article_title: not a valid CSS selector");
  }

  @Test
  void syntaxErrorNamesTheLine() {
    assertThatThrownBy(() -> loader.parse(FILE, VALID.replace("  max_pages: 20", "  max_pages: [20")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config/monitor.yaml:")
        .hasMessageContaining("invalid YAML");
  }

  @Test
  void aQuoteNeverClosedNamesTheLineWhereItOpens() {
    String yaml = "site:\n  base_url: https://www.industriall-union.org\n  user_agent: 'monitor (+mailto:a@b.org)\n"
        + "countries:\n  - {name: Kyrgyzstan, region: 364}\n";
    assertThatThrownBy(() -> loader.parse(FILE, yaml))
        .hasMessageStartingWith("config/monitor.yaml:3: invalid YAML: the quote that opens at column 15 is never closed (")
        .hasMessageEndingWith("): close it, or write the value without quotes");
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder yaml = new StringBuilder(VALID).append("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 12; i++) {
      yaml.append("x").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    assertThatThrownBy(() -> loader.parse(FILE, yaml.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("values through its aliases");
  }

  @Test
  void missingFileSaysHowToCreateOne(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir.resolve("monitor.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(": no such file");
  }

  @Test
  void oversizedFileIsRefusedBeforeParsing(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("monitor.yaml");
    Files.writeString(big, VALID + "#" + "x".repeat((int) ConfigLoader.MAX_FILE_BYTES) + "\n");

    assertThatThrownBy(() -> loader.load(big)).hasMessageContaining("a configuration may be at most 1024 KB");
  }

  @Test
  void loadsAFileFromDisk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, VALID);

    assertThat(loader.load(file).source()).isEqualTo(file);
  }

  @Test
  void scheduleDefaultsToEvery30mAndCountriesCanOverrideIt() {
    String yaml = VALID.replace("  - {name: Kazakhstan, region: 169}", "  - {name: Kazakhstan, region: 169, schedule: {every: 2h}}");

    MonitorConfig config = loader.parse(FILE, yaml);

    assertThat(config.schedule()).isEqualTo(new Schedule(Duration.ofMinutes(30), null, Duration.ofMinutes(5)));
    assertThat(config.countries().get(0).schedule()).isEqualTo(config.schedule());
    assertThat(config.countries().get(1).schedule()).isEqualTo(new Schedule(Duration.ofHours(2), null, Duration.ofMinutes(5)));
  }

  @Test
  void scheduleTakesEveryOrCronButNotBoth() {
    String cron = VALID.replace("countries:", "schedule:\n  cron: \"0 0 8 * * ?\"\n  jitter: 30s\ncountries:");
    assertThat(loader.parse(FILE, cron).schedule()).isEqualTo(new Schedule(null, "0 0 8 * * ?", Duration.ofSeconds(30)));

    String both = VALID.replace("countries:", "schedule:\n  every: 1h\n  cron: \"0 0 8 * * ?\"\ncountries:");
    assertThatThrownBy(() -> loader.parse(FILE, both)).hasMessage("config/monitor.yaml:8: schedule.cron: give either every or cron, not both");

    String badCron = VALID.replace("countries:", "schedule:\n  cron: \"every morning\"\ncountries:");
    assertThatThrownBy(() -> loader.parse(FILE, badCron)).hasMessageStartingWith("config/monitor.yaml:7: schedule.cron: not a valid Quartz cron expression");
  }

  @Test
  void anEmptyCountryListAndAPlaceholderContactAreWarnedOf() {
    MonitorConfig config = loader.parse(FILE, """
        site:
          base_url: https://www.industriall-union.org
          user_agent: "industriall-monitor/0.1 (+https://example.org/contact)"
        countries: []
        """);

    assertThat(config.warnings()).containsExactly(
        FILE + ":3: site.user_agent: \"industriall-monitor/0.1 (+https://example.org/contact)\" still has the template's "
            + "placeholder contact: put yours there (an e-mail address or a web page), so that the site's operators can reach you",
        FILE + ":4: countries: is empty: nothing will be crawled (`countries` lists the site's countries with their region ids)");
    assertThat(loader.parse(FILE, VALID).warnings()).isEmpty();
  }
}
