package org.industriallmonitor.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.PostgresExtension;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The site moved host: {@code site.base_url} is the replica's second address, which redirects every request to the
 * replica. A permanent redirect is followed, alerted once (across crawls, the early warning and a restart) and
 * nothing is archived twice, not even what was archived through the old address; a temporary one is followed
 * without an alert.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostMoveTest {
  private static final CountryConfig KYRGYZSTAN = new CountryConfig("Kyrgyzstan", 364);
  private static final String SITE_MOVED = "SELECT COUNT(*) FROM outbox WHERE event = 'monitor.alert' AND payload LIKE '%\"kind\":\"site_moved\"%'";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();
  private ReplicaServer.Redirect redirect;
  /** The state's PostgreSQL database; null on SQLite. */
  private PostgresTarget pg;

  @AfterEach
  void close() {
    if (redirect != null) {
      redirect.close();
    }
  }

  private long count(String query) {
    return pg != null ? Sql.count(pg, query) : Sql.count(dir.resolve("state/monitor.db"), query);
  }

  private List<String> column(String query) {
    return pg != null ? Sql.column(pg, query) : Sql.column(dir.resolve("state/monitor.db"), query);
  }

  /** The configuration with {@code base}, one webhook channel that nothing answers (the outbox is what is read). */
  private MonitorConfig config(URI base) throws Exception {
    TestConfig test = TestConfig.site(base);
    if (pg != null) {
      test.database("postgresql://" + pg.user() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database());
    }
    Path file = test.country("Kyrgyzstan", 364)
        .topLevel("notifications:\n  channels:\n    - {id: hook, type: webhook, url: \"http://127.0.0.1:9/hook\", secret: s}\n")
        .writeTo(dir);
    return new ConfigLoader(name -> null).load(file);
  }

  private long articles() {
    return count("SELECT COUNT(*) FROM articles");
  }

  private long articleAlerts() {
    return count("SELECT COUNT(*) FROM outbox WHERE event = 'article.new'");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aPermanentMoveIsFollowedAlertedOnceAcrossCrawlsAndARestartAndNothingIsArchivedTwice(Databases database) throws Exception {
    pg = database == Databases.POSTGRESQL ? postgres.newDatabase() : null;
    redirect = ReplicaServer.redirecting(replica.baseUrl(), 301);
    MonitorConfig config = config(redirect.baseUrl());
    String old = redirect.baseUrl().toString();
    String moved = replica.baseUrl().toString();

    try (Components parts = Components.of(config)) {
      PollReport poll = parts.monitor().pollEarlyWarning(false).orElseThrow();
      CrawlReport first = parts.monitor().crawl(KYRGYZSTAN);
      CrawlReport second = parts.monitor().crawl(KYRGYZSTAN);

      assertThat(poll.problem()).isNull();
      assertThat(poll.errors()).isEmpty();
      assertThat(first.problems()).isEmpty();
      assertThat(first.baseline()).isTrue();
      assertThat(first.archived()).isPositive();
      assertThat(second.problems()).isEmpty();
      assertThat(second.newArticles()).isZero();
    }
    long archived = articles();
    assertThat(archived).isEqualTo(count("SELECT COUNT(DISTINCT slug) FROM articles"));
    assertThat(column("SELECT slug FROM articles")).noneMatch(slug -> slug.contains("127.0.0.1") || slug.startsWith("http"));
    assertThat(column("SELECT url FROM articles")).as("read on the new host, archived with its address")
        .allMatch(url -> url.startsWith(moved + "/"));
    assertThat(count(SITE_MOVED)).isEqualTo(1);
    JsonNode alert = new ObjectMapper().readTree(column(
        "SELECT payload FROM outbox WHERE event = 'monitor.alert'").get(0));
    assertThat(alert.get("kind").asText()).isEqualTo("site_moved");
    assertThat(alert.get("country").isNull()).isTrue();
    assertThat(alert.get("region").isNull()).isTrue();
    assertThat(alert.get("from").asText()).isEqualTo(old);
    assertThat(alert.get("to").asText()).isEqualTo(moved);
    assertThat(alert.get("status").asInt()).isEqualTo(301);
    assertThat(alert.get("yaml").asText()).isEqualTo("base_url: " + moved);
    assertThat(alert.get("problem").asText()).contains("base_url: " + moved);
    assertThat(alert.get("detected_at").asText()).isNotEmpty();
    assertThat(column("SELECT from_base || ' ' || to_base || ' ' || status FROM site_moves"))
        .containsExactly(old + " " + moved + " 301");

    // A restart with the old base meets the redirect again: recorded already, no second alert; a new article is
    // archived once and alerted once.
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 12, 1), 3);
    try (Components parts = Components.of(config)) {
      CrawlReport after = parts.monitor().crawl(KYRGYZSTAN);
      PollReport poll = parts.monitor().pollEarlyWarning(false).orElseThrow();

      assertThat(after.problems()).isEmpty();
      assertThat(after.archived()).isEqualTo(1);
      assertThat(poll.archived()).isZero();
    }
    assertThat(articles()).isEqualTo(archived + 1);
    assertThat(column("SELECT url FROM articles WHERE slug = '" + fresh.slug() + "'")).containsExactly(moved + "/" + fresh.slug());
    assertThat(articleAlerts()).isEqualTo(1);
    assertThat(count(SITE_MOVED)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM site_moves WHERE last_seen_at > detected_at")).isEqualTo(1);
  }

  @Test
  void anArchiveMadeThroughTheOldAddressIsNotArchivedAgainAfterTheMove() throws Exception {
    try (Components parts = Components.of(config(replica.baseUrl()))) {
      parts.monitor().pollEarlyWarning(false);
      assertThat(parts.monitor().crawl(KYRGYZSTAN).archived()).isPositive();
    }
    long archived = articles();

    // The site moves away from the address the archive was made through: base_url now redirects to it.
    redirect = ReplicaServer.redirecting(replica.baseUrl(), 308);
    try (Components parts = Components.of(config(redirect.baseUrl()))) {
      PollReport poll = parts.monitor().pollEarlyWarning(false).orElseThrow();
      CrawlReport crawl = parts.monitor().crawl(KYRGYZSTAN);

      assertThat(poll.problem()).isNull();
      assertThat(poll.archived()).isZero();
      assertThat(crawl.problems()).isEmpty();
      assertThat(crawl.newArticles()).isZero();
      assertThat(crawl.archived()).isZero();
    }
    assertThat(articles()).isEqualTo(archived);
    assertThat(articleAlerts()).isZero();
    assertThat(count(SITE_MOVED)).isEqualTo(1);
  }

  @Test
  void aTemporaryRedirectIsFollowedWithoutAnAlert() throws Exception {
    redirect = ReplicaServer.redirecting(replica.baseUrl(), 302);
    try (Components parts = Components.of(config(redirect.baseUrl()))) {
      PollReport poll = parts.monitor().pollEarlyWarning(false).orElseThrow();
      CrawlReport crawl = parts.monitor().crawl(KYRGYZSTAN);

      assertThat(poll.problem()).isNull();
      assertThat(poll.errors()).isEmpty();
      assertThat(crawl.problems()).isEmpty();
      assertThat(crawl.archived()).isPositive();
    }
    assertThat(articles()).isEqualTo(count("SELECT COUNT(DISTINCT slug) FROM articles"));
    assertThat(column("SELECT url FROM articles")).as("base_url stays the address")
        .allMatch(url -> url.startsWith(redirect.baseUrl() + "/"));
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE event = 'monitor.alert'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM site_moves")).isZero();
  }

  @Test
  void onceTheNewBaseIsWrittenTheStateGoesOnWithoutABaselineOrAnotherAlert() throws Exception {
    redirect = ReplicaServer.redirecting(replica.baseUrl(), 301);
    try (Components parts = Components.of(config(redirect.baseUrl()))) {
      parts.monitor().pollEarlyWarning(false);
      assertThat(parts.monitor().crawl(KYRGYZSTAN).baseline()).isTrue();
      long archived = articles();

      // The user writes the line the alert named; the running monitor takes the new configuration.
      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 12, 2), 2);
      parts.monitor().apply(config(replica.baseUrl()));
      CrawlReport after = parts.monitor().crawl(KYRGYZSTAN);

      assertThat(after.baseline()).isFalse();
      assertThat(after.problems()).isEmpty();
      assertThat(after.archived()).isEqualTo(1);
      assertThat(articles()).isEqualTo(archived + 1);
      assertThat(column("SELECT slug FROM outbox o JOIN articles a ON a.id = o.article_id WHERE o.event = 'article.new'"))
          .containsExactly(fresh.slug());
      assertThat(count(SITE_MOVED)).isEqualTo(1);
    }
    redirect.close();
    redirect = null;
    try (Components parts = Components.of(config(replica.baseUrl()))) {
      assertThat(parts.monitor().crawl(KYRGYZSTAN).newArticles()).as("the old address no longer answers, nor is asked").isZero();
    }
    assertThat(count(SITE_MOVED)).isEqualTo(1);
  }

  @Test
  void theCommandsThatReadTheSiteAloneFollowAMoveToo() throws Exception {
    redirect = ReplicaServer.redirecting(replica.baseUrl(), 301);
    Path file = TestConfig.site(redirect.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);

    org.industriallmonitor.testing.CliRun countries = org.industriallmonitor.testing.CliRun.of("countries", "--config", file.toString());

    assertThat(countries.exitCode()).as(countries.toString()).isZero();
    assertThat(countries.out()).contains("  - {name: Kyrgyzstan, region: 364}");
    assertThat(replica.tweaks().requestsFor("/search?language=en&sort=relevance")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aMoveWhoseRecordingFailedIsAlertedOnceAtTheNextCrawl(Databases database) throws Exception {
    pg = database == Databases.POSTGRESQL ? postgres.newDatabase() : null;
    redirect = ReplicaServer.redirecting(replica.baseUrl(), 301);
    MonitorConfig config = config(redirect.baseUrl());

    // The recorder is not asked again before a minute has passed (a failing database is not written at every request).
    org.industriallmonitor.testing.MutableClock clock = new org.industriallmonitor.testing.MutableClock(java.time.Instant.now());
    try (Components parts = Components.builder(config).clock(clock).build()) {
      parts.store();
      // The database refuses the move's row (as a full disk would) during the first crawl only.
      if (pg != null) {
        Sql.execute(pg, "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql");
        Sql.execute(pg, "CREATE TRIGGER refuse BEFORE INSERT ON site_moves FOR EACH ROW EXECUTE FUNCTION refuse()");
      } else {
        Sql.execute(dir.resolve("state/monitor.db"), "CREATE TRIGGER refuse BEFORE INSERT ON site_moves BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      }
      CrawlReport first = parts.monitor().crawl(KYRGYZSTAN);
      assertThat(first.problems()).isEmpty();
      assertThat(count(SITE_MOVED)).isZero();
      if (pg != null) {
        Sql.execute(pg, "DROP TRIGGER refuse ON site_moves");
      } else {
        Sql.execute(dir.resolve("state/monitor.db"), "DROP TRIGGER refuse");
      }

      parts.monitor().crawl(KYRGYZSTAN);
      assertThat(count(SITE_MOVED)).as("not tried again within the minute").isZero();
      clock.advance(java.time.Duration.ofMinutes(1));
      parts.monitor().crawl(KYRGYZSTAN);
      parts.monitor().crawl(KYRGYZSTAN);
    }

    assertThat(count(SITE_MOVED)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM site_moves WHERE ended_at IS NULL")).isEqualTo(1);
  }
}
