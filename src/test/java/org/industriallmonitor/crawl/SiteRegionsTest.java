package org.industriallmonitor.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.Schedule;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.store.EarlyWarningRepository.Skipped;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Where the site lists a configured country now: by its id, or found again by its name after a renumbering. */
class SiteRegionsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
  private static final CountryConfig KYRGYZSTAN = new CountryConfig("Kyrgyzstan", 364);

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;
  private Store store;
  private final List<String> alerted = new ArrayList<>();
  private SiteRegions regions;

  @BeforeEach
  void open() {
    store = stores.open(Databases.SQLITE, dir, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    regions = newRegions();
  }

  private SiteRegions newRegions() {
    return new SiteRegions(new SiteCountries(), store, (country, siteRegion, siteName, at) -> {
      alerted.add(country.name() + " " + country.region() + "->" + siteRegion);
      return List.<OutboxEntry>of();
    }, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void withoutAListTheConfiguredIdIsWalked() {
    assertThat(regions.resolve(KYRGYZSTAN)).isEqualTo(new SiteRegions.Resolution(364, null));
    assertThat(store.regionMoves().all()).isEmpty();
  }

  @Test
  void aListedIdIsNoMove() {
    regions.read("en", Map.of(364, "Kyrgyzstan", 169, "Kazakhstan"));
    assertThat(regions.resolve(KYRGYZSTAN).siteRegion()).isEqualTo(364);
    assertThat(alerted).isEmpty();
  }

  @Test
  void aRenumberedCountryIsFoundByItsNameRecordedAndAlertedOnce() {
    regions.read("en", Map.of(9364, "KYRGYZSTAN", 9169, "Kazakhstan"));

    assertThat(regions.resolve(KYRGYZSTAN)).isEqualTo(new SiteRegions.Resolution(9364, null));
    assertThat(regions.resolve(KYRGYZSTAN).siteRegion()).isEqualTo(9364);
    assertThat(alerted).containsExactly("Kyrgyzstan 364->9364");
    assertThat(store.regionMoves().all()).containsExactly(new RegionMove(364, "Kyrgyzstan", 9364, "KYRGYZSTAN", NOW));
    assertThat(newRegions().resolve(KYRGYZSTAN).siteRegion()).as("a restart reads the recorded move").isEqualTo(9364);
    assertThat(alerted).hasSize(1);
  }

  @Test
  void accentsAndAnotherLanguagesAliasFindItToo() {
    CountryConfig kyrgyz = new CountryConfig("Kyrgyzstan", 364, Schedule.every(Schedule.DEFAULT_EVERY), List.of(), List.of("en", "es"),
        List.of("Kirguistán"));
    regions.read("en", Map.of(9364, "Kyrgyz Republic"));
    regions.read("es", Map.of(9364, "Kirguistan"));

    assertThat(regions.resolve(kyrgyz).siteRegion()).isEqualTo(9364);
    assertThat(store.regionMoves().of(364).orElseThrow().siteName()).isEqualTo("Kyrgyz Republic");
  }

  @Test
  void severalCountriesOfTheNameAreNoMoveAndSayWhichIds() {
    regions.read("en", Map.of(9364, "Kyrgyzstan", 9365, "kyrgyzstan"));

    SiteRegions.Resolution resolution = regions.resolve(KYRGYZSTAN);

    assertThat(resolution.siteRegion()).isEqualTo(364);
    assertThat(resolution.problem()).contains("9364").contains("9365");
    assertThat(store.regionMoves().all()).isEmpty();
    assertThat(alerted).isEmpty();
  }

  @Test
  void anIdGivenToAnotherCountryIsFollowedByName() {
    CountryConfig kazakhstan = new CountryConfig("Kazakhstan", 169);
    regions.read("en", Map.of(364, "Kazakhstan", 169, "Kyrgyzstan"));

    assertThat(regions.resolve(KYRGYZSTAN).siteRegion()).isEqualTo(169);
    assertThat(regions.resolve(kazakhstan).siteRegion()).isEqualTo(364);
    assertThat(alerted).containsExactly("Kyrgyzstan 364->169", "Kazakhstan 169->364");
  }

  @Test
  void aListedIdUnderAnotherNameIsNoMoveWhenNoOtherCountryAnswersToTheName() {
    regions.read("en", Map.of(364, "Kyrgyz Republic", 169, "Kazakhstan"));
    assertThat(regions.resolve(KYRGYZSTAN)).isEqualTo(new SiteRegions.Resolution(364, null));
    assertThat(alerted).isEmpty();
  }

  @Test
  void noCountryOfTheNameIsNoMove() {
    regions.read("en", Map.of(9169, "Kazakhstan"));
    assertThat(regions.resolve(KYRGYZSTAN)).isEqualTo(new SiteRegions.Resolution(364, null));
    assertThat(store.regionMoves().all()).isEmpty();
  }

  @Test
  void theSiteListingTheConfiguredIdAgainForgetsTheMove() {
    regions.read("en", Map.of(9364, "Kyrgyzstan"));
    assertThat(regions.resolve(KYRGYZSTAN).siteRegion()).isEqualTo(9364);

    regions.read("en", Map.of(364, "Kyrgyzstan"));

    assertThat(regions.resolve(KYRGYZSTAN).siteRegion()).isEqualTo(364);
    assertThat(store.regionMoves().all()).isEmpty();
  }

  @Test
  void theFreshestListDecides() {
    regions.read("es", Map.of(364, "Kirguistán"));
    regions.read("en", Map.of(9364, "Kyrgyzstan"));
    assertThat(regions.resolve(KYRGYZSTAN).siteRegion()).as("the stale Spanish list does not undo the move").isEqualTo(9364);
  }

  @Test
  void aTagPlacesAnArticleByTheConfiguredIdTheMovedIdOrTheName() {
    CountryConfig kazakhstan = new CountryConfig("Kazakhstan", 169);
    List<CountryConfig> configured = List.of(KYRGYZSTAN, kazakhstan);
    assertThat(regions.placed(List.of(new Region(364, "Kyrgyzstan")), configured)).containsExactly(KYRGYZSTAN);
    assertThat(regions.placed(List.of(new Region(9169, "Kazakhstán")), configured)).as("by name").containsExactly(kazakhstan);
    assertThat(regions.placed(List.of(new Region(9364, "Kyrgyz Republic")), configured)).isEmpty();

    regions.read("en", Map.of(9364, "Kyrgyzstan"));
    regions.resolve(KYRGYZSTAN);

    assertThat(regions.placed(List.of(new Region(9364, "Kyrgyz Republic")), configured)).as("by the moved id").containsExactly(KYRGYZSTAN);
    assertThat(regions.placed(List.of(new Region(366, "Uzbekistan")), configured)).isEmpty();
  }

  @Test
  void aMoveLooksAgainAtWhatTheEarlyWarningLeftAside() {
    store.earlyWarning().skip(List.of(new Skipped("a", "outside", "about Kyrgyz Republic"), new Skipped("b", "untagged", "no country"),
        new Skipped("c", "baseline", "first poll")), NOW);

    regions.read("en", Map.of(9364, "Kyrgyzstan"));
    regions.resolve(KYRGYZSTAN);

    assertThat(store.earlyWarning().skipped(List.of("a", "b", "c"))).containsExactly("c");
  }

  @Test
  void theStateContinuesUnderTheIdTheUserWrote() {
    store.countries().ensure(364, "Kyrgyzstan", NOW);
    store.countries().markBaselineComplete(364, NOW);
    regions.read("en", Map.of(9364, "Kyrgyzstan"));
    regions.resolve(KYRGYZSTAN);
    CountryConfig written = new CountryConfig("Kyrgyzstan", 9364);

    assertThat(regions.continueState(written, List.of(written))).contains(364);

    assertThat(store.countries().ensure(9364, "Kyrgyzstan", NOW)).as("no second baseline").isTrue();
    assertThat(store.regionMoves().all()).isEmpty();
    assertThat(regions.continueState(written, List.of(written))).isEmpty();
  }

  @Test
  void theStateOfAnUnconfiguredCountryOfTheSameNameContinuesToo() {
    store.countries().ensure(364, "Kyrgyzstan", NOW);
    store.countries().markBaselineComplete(364, NOW);
    CountryConfig written = new CountryConfig("Kyrgyzstan", 9364);
    assertThat(regions.continueState(written, List.of(written))).as("the site's list is not known: no renumbering seen").isEmpty();
    regions.read("en", Map.of(364, "Kyrgyzstan", 9364, "Kyrgyzstan"));
    assertThat(regions.continueState(written, List.of(written))).as("the site still lists 364: another country").isEmpty();
    regions.read("en", Map.of(9364, "Kyrgyzstan"));

    assertThat(regions.continueState(written, List.of(KYRGYZSTAN, written))).as("364 is still configured: its own state").isEmpty();
    assertThat(regions.continueState(written, List.of(written))).contains(364);
    assertThat(store.countries().names()).containsOnlyKeys(9364);
  }

  @Test
  void aMoveShownByOneLanguageIsNotUndoneByAnotherLanguagesListAndIsAlertedOnce() {
    CountryConfig kyrgyz = new CountryConfig("Kyrgyzstan", 364, Schedule.every(Schedule.DEFAULT_EVERY), List.of(), List.of("en", "es"),
        List.of());
    // English pages on the new CMS, Spanish still on the old one: each walk goes where its own list says.
    assertThat(regions.listed(kyrgyz, "en", Map.of(9364, "Kyrgyzstan")).siteRegion()).isEqualTo(9364);
    assertThat(regions.listed(kyrgyz, "es", Map.of(364, "Kirguistán")).siteRegion()).isEqualTo(364);
    assertThat(regions.listed(kyrgyz, "en", Map.of(9364, "Kyrgyzstan")).siteRegion()).isEqualTo(9364);
    assertThat(regions.listed(kyrgyz, "es", Map.of(364, "Kirguistán")).siteRegion()).isEqualTo(364);

    assertThat(alerted).containsExactly("Kyrgyzstan 364->9364");
    assertThat(store.regionMoves().of(364)).as("the Spanish list does not forget the English list's move").isPresent();
    assertThat(regions.resolve(kyrgyz).siteRegion()).as("articles are placed by the English list").isEqualTo(9364);
  }

  @Test
  void aListThatFlipsBackAndForthAlertsTheMoveOnce() {
    assertThat(regions.listed(KYRGYZSTAN, "en", Map.of(9364, "Kyrgyzstan")).siteRegion()).isEqualTo(9364);
    assertThat(regions.listed(KYRGYZSTAN, "en", Map.of(364, "Kyrgyzstan")).siteRegion()).isEqualTo(364);
    assertThat(store.regionMoves().all()).as("the site lists 364 again: no move in force").isEmpty();
    assertThat(regions.listed(KYRGYZSTAN, "en", Map.of(9364, "Kyrgyzstan")).siteRegion()).isEqualTo(9364);
    assertThat(regions.listed(KYRGYZSTAN, "en", Map.of(364, "Kyrgyzstan")).siteRegion()).isEqualTo(364);
    assertThat(regions.listed(KYRGYZSTAN, "en", Map.of(9364, "Kyrgyzstan")).siteRegion()).isEqualTo(9364);

    assertThat(alerted).containsExactly("Kyrgyzstan 364->9364");
    assertThat(store.regionMoves().all()).extracting(RegionMove::siteRegion).containsExactly(9364);
    assertThat(newRegions().listed(KYRGYZSTAN, "en", Map.of(12364, "Kyrgyzstan")).siteRegion()).isEqualTo(12364);
    assertThat(alerted).as("a new id is a new move").containsExactly("Kyrgyzstan 364->9364", "Kyrgyzstan 364->12364");
  }

  @Test
  void aTagWithAnIdTheSiteGaveToAnotherConfiguredCountryPlacesTheArticleUnderThatCountryOnly() {
    CountryConfig kazakhstan = new CountryConfig("Kazakhstan", 169);
    List<CountryConfig> configured = List.of(KYRGYZSTAN, kazakhstan);
    regions.read("en", Map.of(364, "Kazakhstan", 169, "Kyrgyzstan"));
    regions.resolve(KYRGYZSTAN);
    regions.resolve(kazakhstan);

    assertThat(regions.placed(List.of(new Region(364, "Kazakhstan")), configured)).containsExactly(kazakhstan);
    assertThat(regions.placed(List.of(new Region(169, "Kyrgyzstan")), configured)).containsExactly(KYRGYZSTAN);
    assertThat(regions.placed(List.of(new Region(364, null)), configured)).as("an id alone: where the site lists it now")
        .containsExactly(kazakhstan);
  }

  @Test
  void aMoveAnotherNodeForgotIsSeenAtTheNextCrawlsStart() {
    SiteRegions otherNode = newRegions();
    regions.read("en", Map.of(9364, "Kyrgyzstan"));
    assertThat(regions.resolve(KYRGYZSTAN).siteRegion()).isEqualTo(9364);

    otherNode.listed(KYRGYZSTAN, "en", Map.of(364, "Kyrgyzstan"));
    assertThat(store.regionMoves().all()).isEmpty();
    regions.continueStates(List.of(KYRGYZSTAN)); // what each crawl does first

    assertThat(regions.placed(List.of(new Region(9364, "Kyrgyz Republic")), List.of(KYRGYZSTAN)))
        .as("the move the other node forgot no longer places articles here").isEmpty();
  }

  @Test
  void aCountryConfiguredAtAnIdHoldingAnotherCountrysMoveLeavesThatMoveAlone() {
    CountryConfig brazil = new CountryConfig("Brazil", 170);
    regions.read("en", Map.of(170, "Argentina", 171, "Brazil"));
    assertThat(regions.resolve(brazil).siteRegion()).isEqualTo(171);
    CountryConfig argentina = new CountryConfig("Argentina", 170);

    assertThat(regions.resolve(argentina).siteRegion()).isEqualTo(170);
    assertThat(store.regionMoves().of(170)).map(RegionMove::siteRegion).as("Brazil's move").contains(171);
    assertThat(regions.placed(List.of(new Region(171, null)), List.of(argentina))).as("Brazil's id is not Argentina's").isEmpty();
    assertThat(regions.placed(List.of(new Region(170, null)), List.of(argentina))).containsExactly(argentina);
  }

  @Test
  void aSpanishOnlyCountryIsResolvedByTheSpanishListNotTheEnglishOne() {
    CountryConfig spanishOnly = new CountryConfig("Kyrgyzstan", 364, Schedule.every(Schedule.DEFAULT_EVERY), List.of(), List.of("es"));
    regions.read("en", Map.of(9364, "Kyrgyzstan"));
    regions.read("es", Map.of(364, "Kirguistán"));

    assertThat(regions.resolve(spanishOnly)).as("where self-repair looks").isEqualTo(new SiteRegions.Resolution(364, null));
    assertThat(alerted).as("no move its walks never follow").isEmpty();
    assertThat(store.regionMoves().all()).isEmpty();
  }

  @Test
  void aBlockedCarryOverIsWarnedOnceAndTheCountryIsRefused() {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger regionsLog = (Logger) LoggerFactory.getLogger(SiteRegions.class);
    log.start();
    regionsLog.addAppender(log);
    try {
      // Kazakhstan's state holds 169 (no longer configured); Kyrgyzstan moved there and the user wrote 169.
      store.countries().ensure(364, "Kyrgyzstan", NOW);
      store.countries().ensure(169, "Kazakhstan", NOW);
      regions.read("en", Map.of(169, "Kyrgyzstan", 9169, "Kazakhstan"));
      assertThat(regions.resolve(KYRGYZSTAN).siteRegion()).isEqualTo(169);
      List<CountryConfig> configured = List.of(new CountryConfig("Kyrgyzstan", 169));

      for (int crawl = 0; crawl < 3; crawl++) {
        assertThat(regions.continueStates(configured)).isEmpty();
      }

      assertThat(log.list.stream().filter(e -> e.getFormattedMessage().contains("cannot continue under region 169")))
          .as("warned once, not at every crawl").hasSize(1);
      assertThat(regions.refusal(configured.get(0), configured)).get().asString().contains("region 169 holds the state of Kazakhstan");
      assertThat(store.countries().names()).containsExactlyInAnyOrderEntriesOf(Map.of(364, "Kyrgyzstan", 169, "Kazakhstan"));
    } finally {
      regionsLog.detachAppender(log);
    }
  }
}
