package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every repository on both databases the state can live in: the same calls give the same answers
 * on an SQLite file and on a real PostgreSQL server (started by the tests, on loopback).
 */
class RepositoriesTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  private Store open(Databases database) {
    return open(database, "node-a");
  }

  private Store open(Databases database, String node) {
    return stores.open(database, dir, new ClusterConfig(node, Duration.ofSeconds(15)));
  }

  private static NewArticle article(String slug, int region, String title, String text) {
    return new NewArticle(slug, "https://www.industriall-union.org/" + slug, title, "2026-11-20", "Kyrgyzstan",
        "articles/2026/2026-11-20-" + slug + ".txt", "articles/2026/2026-11-20-" + slug + ".json", "abc123", false, false,
        "\"e1\"", null, T0, List.of(region), text);
  }

  private static OutboxEntry alert(String deliveryId, String channel, Instant due) {
    return new OutboxEntry(deliveryId, channel, "article.new", null, 7, "subject " + deliveryId, "{}", due, T0);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void migratesToTheSameVersionAndAnswers(Databases database) {
    Store s = open(database);
    assertThat(s.schemaVersion()).isEqualTo(16);
    assertThat(s.integrityCheck()).isEqualTo("ok");
    assertThat(s.answers()).isTrue();
    assertThat(s.isShared()).isEqualTo(database == Databases.POSTGRESQL);
  }

  /**
   * A digest's time is fixed when an article's alert is made, article by article: two articles of one batch made
   * on either side of a digest tick would wait for two ticks although they are committed together, and go out as
   * two digests. Committed together, a channel's deliveries fall due together, at the latest of their times.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void theDeliveriesOfArticlesRecordedTogetherFallDueTogetherPerChannel(Databases database) {
    Store s = open(database);
    Instant tick = T0.plusSeconds(2);
    Instant nextTick = T0.plusSeconds(4);

    s.articles().recordAll(List.of(
        new ArticleRepository.Recording(article("first", 364, "First", "one"), T0,
            List.of(alert("d1", "digest", tick), alert("h1", "hook", T0))),
        new ArticleRepository.Recording(article("second", 364, "Second", "two"), T0.plusSeconds(1),
            List.of(alert("d2", "digest", nextTick), alert("h2", "hook", T0.plusSeconds(1))))));

    assertThat(s.outbox().due(tick, 10, "digest")).as("not one of them alone at the first tick").isEmpty();
    assertThat(s.outbox().due(nextTick, 10, "digest")).extracting(OutboxRow::deliveryId).containsExactlyInAnyOrder("d1", "d2");
    assertThat(s.outbox().due(T0.plusSeconds(1), 10, "hook")).extracting(OutboxRow::deliveryId).containsExactlyInAnyOrder("h1", "h2");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void articlesAreRecordedOnceWithTheirLinksAlertsAndSearchIndex(Databases database) {
    Store s = open(database);
    s.countries().ensure(7, "Kyrgyzstan", T0);
    OutboxEntry a = alert("d-1", "team", T0);
    Optional<Long> id = s.articles().recordNew(article("miners-strike", 7, "Miners strike in Kyrgyzstan",
        "The miners' union called a grève générale."), T0, List.of(a));
    assertThat(id).isPresent();
    // The same slug again (another job, another node): nothing recorded, nothing queued.
    assertThat(s.articles().recordNew(article("miners-strike", 7, "x", "y"), T0, List.of(alert("d-2", "team", T0)))).isEmpty();
    assertThat(s.articles().known(List.of("miners-strike", "other"))).containsOnlyKeys("miners-strike");
    assertThat(s.articles().link(List.of(id.get()), 8, T0)).isEqualTo(1);
    assertThat(s.articles().link(List.of(id.get()), 8, T0)).isZero();
    assertThat(s.articles().recent(7, 10)).extracting(ArticleRepository.Summary::slug).containsExactly("miners-strike");
    assertThat(s.articles().find("miners-strike")).map(ArticleRepository.Summary::title).contains("Miners strike in Kyrgyzstan");
    assertThat(s.articles().newest(5)).hasSize(1);
    assertThat(s.outbox().list(null, 10)).extracting(OutboxRow::deliveryId).containsExactly("d-1");

    SearchIndex.Results hits = s.search().search(new SearchIndex.Query("greve", null, null, 10, 0));
    assertThat(hits.total()).isEqualTo(1);
    assertThat(hits.hits().get(0).slug()).isEqualTo("miners-strike");
    assertThat(s.search().search(new SearchIndex.Query("\"miners strike\"", "kyrgyzstan", "en", 10, 0)).total()).isEqualTo(1);
    assertThat(s.search().search(new SearchIndex.Query("min*", "7", null, 10, 0)).total()).isEqualTo(1);
    assertThat(s.search().search(new SearchIndex.Query("dockers", null, null, 10, 0)).total()).isZero();
    assertThat(s.search().search(new SearchIndex.Query("strike", "Uzbekistan", null, 10, 0)).total()).isZero();
    assertThat(s.search().missing()).isZero();
    SearchIndex.Rebuilt rebuilt = s.search().rebuild(e -> "rebuilt text about dockers");
    assertThat(rebuilt.indexed()).isEqualTo(1);
    assertThat(s.search().search(new SearchIndex.Query("dockers", null, null, 10, 0)).total()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void deliveriesAreClaimedDeliveredRetriedAndCounted(Databases database) {
    Store s = open(database);
    s.outbox().enqueue(List.of(alert("d-1", "team", T0), alert("d-2", "team", T0), alert("d-3", "ops", T0.plusSeconds(60))));
    s.outbox().enqueue(List.of(alert("d-1", "team", T0)));
    assertThat(s.outbox().due(T0, 10)).extracting(OutboxRow::deliveryId).containsExactly("d-1", "d-2");
    assertThat(s.outbox().nextDue(T0)).contains(T0);
    List<OutboxRow> claimed = s.outbox().claim(T0, 10, "team", Duration.ofMinutes(10));
    assertThat(claimed).extracting(OutboxRow::deliveryId).containsExactly("d-1", "d-2");
    s.outbox().markDelivered(List.of(claimed.get(0).id()), T0);
    s.outbox().markFailed(List.of(claimed.get(1).id()), "HTTP 500", T0.plusSeconds(30));
    assertThat(s.outbox().due(T0.plusSeconds(30), 10, "team")).extracting(OutboxRow::attempts).containsExactly(1);
    s.outbox().markDead(List.of(claimed.get(1).id()), "HTTP 500", T0.plusSeconds(30));
    Map<String, ChannelCounts> counts = s.outbox().countsByChannel();
    assertThat(counts.get("team")).isEqualTo(new ChannelCounts("team", 0, 1, 1, null));
    assertThat(counts.get("ops").pending()).isEqualTo(1);
    assertThat(s.outbox().retryDead("team", null, T0.plusSeconds(90))).isEqualTo(1);
    assertThat(s.outbox().list("pending", 10)).extracting(OutboxRow::deliveryId).containsExactly("d-2", "d-3");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void countriesListingPagesHealthAndSchedule(Databases database) {
    Store s = open(database);
    assertThat(s.countries().ensure(7, "Kyrgyzstan", T0)).isFalse();
    s.countries().markBaselineComplete(7, "en", T0);
    assertThat(s.countries().ensure(7, "Kyrgyzstan", T0)).isTrue();
    s.countries().markBaselineComplete(7, "es", T0);
    s.countries().markBaselineComplete(7, "es", T0.plusSeconds(5));
    assertThat(s.countries().languageBaselineComplete(7, "es")).isTrue();
    assertThat(s.countries().languageBaselineComplete(7, "fr")).isFalse();

    ListingPageState page = new ListingPageState(7, "en", 0, "https://x/search?from=0", "\"e\"", null, "b", "t", 33, null, 10, T0);
    s.listingPages().saveAll(List.of(page, new ListingPageState(7, "es", 0, "https://x/es", null, null, "b2", "t2", null, null, 3, T0)));
    s.listingPages().saveAll(List.of(page));
    assertThat(s.listingPages().allFor(7)).containsOnlyKeys(0);
    assertThat(s.listingPages().allFor(7, "es").get(0).total()).isNull();

    long run = s.runs().start(7, true, T0);
    s.runs().finish(run, new CrawlCounts(4, 40, 40, 40), null, T0.plusSeconds(3));
    CountryStatus status = s.runs().status().get(0);
    assertThat(status.baselineComplete()).isTrue();
    assertThat(status.listedResults()).isEqualTo(33);
    assertThat(status.lastSuccess()).isEqualTo(T0.plusSeconds(3));
    assertThat(s.runs().pagesByRegion()).containsEntry(7, 4L);
    assertThat(s.runs().nodesByRegion().get(7)).isEqualTo(new CrawlRunRepository.NodeRun(7, "node-a", false));

    HealthRepository.Change change = s.health().update(7, T0, h -> new HealthRepository.Change(
        new HealthRepository.Health(h.consecutiveFailures() + 1, true), "HTTP 503", List.of(alert("m-1", "ops", T0))));
    assertThat(change.after().alertOpen()).isTrue();
    assertThat(s.health().read(7)).isEqualTo(new HealthRepository.Health(1, true));

    s.schedule().save(7, T0.plusSeconds(1800), "every 30m", T0);
    assertThat(s.schedule().all().get(7).at()).isEqualTo(T0.plusSeconds(1800));
    s.schedule().remove(7);
    assertThat(s.schedule().all()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void selectorsSourcesProblemsConsoleAndRechecks(Databases database) {
    Store s = open(database);
    s.learnedSelectors().replaceAll(Map.of("article_body", ".entry-content"), T0);
    assertThat(s.learnedSelectors().all().get("article_body").selector()).isEqualTo(".entry-content");

    s.earlyWarning().skip(List.of(new EarlyWarningRepository.Skipped("s1", "baseline", "first poll")), T0);
    s.earlyWarning().skip(List.of(new EarlyWarningRepository.Skipped("s1", "baseline", "again")), T0);
    assertThat(s.earlyWarning().skipped(List.of("s1", "s2"))).containsExactly("s1");
    SourceState source = SourceState.fresh("rss", "https://x/rss").withBaseline(T0).polled(T0, "baseline");
    s.earlyWarning().save(source, List.of());
    assertThat(s.earlyWarning().read("rss")).contains(source);

    assertThat(s.problems().markGone("gone", "https://x/gone", 404, T0)).isTrue();
    assertThat(s.problems().markDegraded("deg", "https://x/deg", "T", 7, "no body", T0)).isTrue();
    assertThat(s.problems().degradedCount(7)).isEqualTo(1);

    s.webConsole().write(new WebConsoleRepository.State("127.0.0.1:8470", "http://127.0.0.1:8470/", null, 42, T0));
    assertThat(s.webConsole().read()).map(WebConsoleRepository.State::pid).contains(42L);

    s.countries().ensure(7, "Kyrgyzstan", T0);
    long id = s.articles().recordNew(article("changed", 7, "Old title", "old text"), T0, List.of()).orElseThrow();
    assertThat(s.rechecks().due(LocalDate.parse("2026-11-01"), T0.plusSeconds(1), 10))
        .singleElement().satisfies(t -> assertThat(t.regions()).containsExactly(7));
    RecheckRepository.NewVersion v2 = new RecheckRepository.NewVersion(id, 2, "articles/2026/changed.v2.txt", "def", null, null,
        T0.plusSeconds(60), "New title", "a corrected text about dockers");
    assertThat(s.rechecks().recordVersion(v2, List.of(alert("u-1", "team", T0)))).isTrue();
    assertThat(s.rechecks().recordVersion(v2, List.of(alert("u-1", "team", T0)))).isFalse();
    assertThat(s.rechecks().versions(id)).extracting(RecheckRepository.Version::version).containsExactly(1, 2);
    assertThat(s.search().search(new SearchIndex.Query("dockers", null, null, 5, 0)).total()).isEqualTo(1);
    assertThat(s.rechecks().recordRemoved(id, T0.plusSeconds(120), List.of(alert("r-1", "team", T0)))).isTrue();
    assertThat(s.rechecks().removedByRegion()).containsEntry(7, 1);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void nodesCheckInAndADeadNodesOpenRunIsClosedButALiveOnesIsNot(Databases database) {
    Store a = open(database, "node-a");
    assertThat(a.nodes().start("node-a", "host-a", 101, T0, Duration.ofSeconds(30))).isEmpty();
    // The same id under another live process is refused.
    assertThat(a.nodes().start("node-a", "host-a", 102, T0.plusSeconds(1), Duration.ofSeconds(30)))
        .map(NodeRepository.Node::pid).contains(101L);
    a.nodes().checkIn("node-a", T0.plusSeconds(15));
    assertThat(a.nodes().all()).singleElement().satisfies(n -> {
      assertThat(n.lastCheckin()).isEqualTo(T0.plusSeconds(15));
      assertThat(n.alive(T0.plusSeconds(40), Duration.ofSeconds(30))).isTrue();
      assertThat(n.alive(T0.plusSeconds(50), Duration.ofSeconds(30))).isFalse();
    });
    long open = a.runs().start(7, false, T0);
    a.nodes().stop("node-a", T0.plusSeconds(16));
    assertThat(a.nodes().all().get(0).stoppedAt()).isEqualTo(T0.plusSeconds(16));
    a.runs().closeAbandoned(T0.plusSeconds(17));
    assertThat(a.runs().nodesByRegion().get(7).running()).isFalse();
    assertThat(open).isPositive();
  }
}
