package org.industriallmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.WebhookReceiver;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.PostgresExtension;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A running daemon while the site renumbers every region id (a new CMS): each configured country is
 * followed to its new id by its name, one region_moved alert each, the new article archived and
 * alerted once, nothing archived or alerted twice; then the user writes the new id and the country's
 * state continues under it (no second baseline), alerting what was published while the daemon was down.
 */
class RegionMoveDaemonTest {
  private static final Duration WATCH = Duration.ofMillis(100);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();
  private Components parts;
  private Daemon daemon;
  private WebhookReceiver receiver;
  private Databases database;
  private PostgresTarget pg;
  private Path configFile;

  static Stream<Arguments> cases() {
    return Stream.of(Arguments.of(Databases.SQLITE, true), Arguments.of(Databases.SQLITE, false),
        Arguments.of(Databases.POSTGRESQL, true), Arguments.of(Databases.POSTGRESQL, false));
  }

  @AfterEach
  void stop() {
    stopDaemon();
    if (receiver != null) {
      receiver.close();
    }
  }

  @ParameterizedTest(name = "{0}, early warning {1}")
  @MethodSource("cases")
  void aRenumberedSiteIsFollowedByNameAndTheUsersEditContinuesTheState(Databases database, boolean earlyWarning) throws Exception {
    startAfterItsBaselines(database, earlyWarning, 2, yaml -> yaml.country("Kyrgyzstan", 364).country("Kazakhstan", 169));
    long baselineArticles = count("SELECT COUNT(*) FROM articles");

    replica.catalog().renumberRegions(Map.of(364, 9364, 169, 9169, 366, 9366));
    ReplicaArticle moved = replica.catalog().publishNew(List.of(9364), LocalDate.now(), 0);

    await().atMost(Duration.ofSeconds(15)).until(() -> received("article.new").size() == 1 && received("monitor.alert").size() == 2);
    assertThat(received("article.new").get(0).body()).contains(moved.slug());
    assertThat(received("monitor.alert")).extracting(WebhookReceiver.Received::body)
        .allMatch(body -> body.contains("\"kind\":\"region_moved\""))
        .anyMatch(body -> body.contains("\"old_region\":364") && body.contains("\"new_region\":9364")
            && body.contains("- { name: Kyrgyzstan, region: 9364 }") && body.contains(configFile.toString()))
        .anyMatch(body -> body.contains("\"old_region\":169") && body.contains("\"new_region\":9169"));
    assertThat(column("SELECT region FROM article_countries WHERE article_id = (SELECT id FROM articles WHERE slug = '"
        + moved.slug() + "')")).containsExactly("364");
    // Later walks at the new ids find every article known: nothing archived or alerted twice, no error.
    long runs = count("SELECT COUNT(*) FROM crawl_runs WHERE region = 364 AND finished_at IS NOT NULL");
    await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT COUNT(*) FROM crawl_runs WHERE region = 364 AND finished_at IS NOT NULL")
        >= runs + 2);
    assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(baselineArticles + 1);
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE event = 'article.new'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE event = 'monitor.alert'")).isEqualTo(2);
    assertThat(column("SELECT error FROM crawl_runs WHERE region = 364 AND finished_at IS NOT NULL ORDER BY id DESC")
        .subList(0, 2)).containsOnlyNulls();
    assertThat(column("SELECT site_region FROM region_moves ORDER BY region")).containsExactly("9169", "9364");

    // The daemon stops; the site publishes; the user writes Kyrgyzstan's new id; the daemon starts again.
    stopDaemon();
    ReplicaArticle meanwhile = replica.catalog().publishNew(List.of(9364), LocalDate.now(), 0);
    Files.writeString(configFile, Files.readString(configFile).replace("region: 364", "region: 9364"));
    startDaemon();

    await().atMost(Duration.ofSeconds(15)).until(() -> received("article.new").size() == 2
        && count("SELECT COUNT(*) FROM crawl_runs WHERE region = 9364 AND finished_at IS NOT NULL AND error IS NULL AND baseline = 0") >= 1);
    assertThat(received("article.new").get(1).body()).contains(meanwhile.slug());
    assertThat(column("SELECT region FROM countries ORDER BY region")).containsExactly("169", "9364");
    assertThat(count("SELECT COUNT(*) FROM crawl_runs WHERE baseline = 1")).as("no second baseline").isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM article_countries WHERE region = 364")).isZero();
    assertThat(count("SELECT COUNT(*) FROM article_countries WHERE region = 9364")).isGreaterThan(1);
    assertThat(column("SELECT region FROM region_moves")).as("Kazakhstan is still followed").containsExactly("169");
    assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(baselineArticles + 2);
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE event = 'article.new'")).isEqualTo(2);
    assertThat(received("monitor.alert")).as("no second region_moved").hasSize(2);
  }

  static Stream<Arguments> unfollowed() {
    return Stream.of(Arguments.of(Databases.SQLITE, true), Arguments.of(Databases.SQLITE, false),
        Arguments.of(Databases.POSTGRESQL, true));
  }

  /**
   * A country the monitor cannot follow (the site's name for it is not the configured one): its walks
   * fail, the early warning leaves its new article aside as outside; the user writes the new id into the
   * running daemon's file: the state continues under it, and the article published meanwhile is
   * archived and alerted once.
   */
  @ParameterizedTest(name = "{0}, early warning {1}")
  @MethodSource("unfollowed")
  void anEditOfTheIdWhileRunningContinuesTheStateOfACountryTheMonitorCouldNotFollow(Databases database, boolean earlyWarning)
      throws Exception {
    startAfterItsBaselines(database, earlyWarning, 1, yaml -> yaml.country("Kyrgyz Republic", 364));
    long baselineArticles = count("SELECT COUNT(*) FROM articles");

    replica.catalog().renumberRegions(Map.of(364, 9364));
    ReplicaArticle meanwhile = replica.catalog().publishNew(List.of(9364), LocalDate.now(), 0);
    await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT COUNT(*) FROM crawl_runs WHERE region = 364 AND error LIKE"
        + " '%region 364 is not in the site''s list of countries%'") >= 1
        && (!earlyWarning || count("SELECT COUNT(*) FROM early_warning_skipped WHERE reason = 'outside' AND slug = '"
            + meanwhile.slug() + "'") == 1));
    assertThat(count("SELECT COUNT(*) FROM region_moves")).as("no country of that name: not followed").isZero();
    assertThat(received("article.new")).isEmpty();

    Files.writeString(configFile, Files.readString(configFile).replace("region: 364", "region: 9364"));

    await().atMost(Duration.ofSeconds(15)).until(() -> received("article.new").size() == 1
        && count("SELECT COUNT(*) FROM crawl_runs WHERE region = 9364 AND finished_at IS NOT NULL AND error IS NULL") >= 2);
    assertThat(received("article.new").get(0).body()).contains(meanwhile.slug());
    assertThat(column("SELECT region FROM countries")).containsExactly("9364");
    assertThat(count("SELECT COUNT(*) FROM crawl_runs WHERE baseline = 1")).as("no second baseline").isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(baselineArticles + 1);
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE event = 'article.new'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM early_warning_skipped WHERE reason = 'outside'")).isZero();
  }

  /**
   * Writes the configuration (the webhook receiver's channel, walks every 300 ms, the early warning on or off, the
   * countries {@code countries} adds, on {@code database}), starts the daemon and waits for its baselines.
   */
  private void startAfterItsBaselines(Databases database, boolean earlyWarning, int countries,
      java.util.function.UnaryOperator<TestConfig> withCountries) throws Exception {
    this.database = database;
    receiver = WebhookReceiver.start("s", r -> {});
    TestConfig yaml = withCountries.apply(TestConfig.site(replica.baseUrl())
        .site("early_warning", earlyWarning ? "{source: rss, every: 1s}" : "{source: off}")
        .topLevel("schedule: {every: 300ms, jitter: 0ms}\nnotifications:\n  retry_backoff: 100ms\n  channels:\n"
            + "    - {id: hook, type: webhook, url: \"" + receiver.url() + "\", secret: s}\n"));
    if (database == Databases.POSTGRESQL) {
      pg = postgres.newDatabase();
      yaml.database("postgresql://" + pg.user() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database());
    }
    configFile = yaml.writeTo(dir);
    startDaemon();
    await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT COUNT(*) FROM countries WHERE baseline_completed_at IS NOT NULL")
        == countries && (!earlyWarning || count("SELECT COUNT(*) FROM early_warning WHERE baseline_at IS NOT NULL") == 1));
  }

  private void startDaemon() throws Exception {
    MonitorConfig config = new ConfigLoader(System::getenv).load(configFile);
    parts = Components.of(config);
    // As `run` does: where the site lists each country now, before the first walk and poll.
    parts.monitor().readSiteCountries(true);
    daemon = parts.daemon(2, new ConfigLoader(System::getenv), c -> c);
    daemon.start(config, WATCH);
  }

  private void stopDaemon() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
    if (parts != null) {
      parts.close();
      parts = null;
    }
  }

  private List<WebhookReceiver.Received> received(String event) {
    return receiver.received().stream().filter(r -> event.equals(r.event())).toList();
  }

  private long count(String sql) {
    return Long.parseLong(column(sql).get(0));
  }

  private List<String> column(String sql) {
    return database == Databases.POSTGRESQL ? Sql.column(pg, sql) : Sql.column(dir.resolve("state/monitor.db"), sql);
  }
}
