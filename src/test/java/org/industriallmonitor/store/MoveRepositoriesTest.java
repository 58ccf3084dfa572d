package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** region_moves and site_moves on both databases: each move recorded, and its alerts asked for, once. */
class MoveRepositoriesTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aRegionMoveIsRecordedOncePerNewIdAndForgotten(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    AtomicInteger asked = new AtomicInteger();
    RegionMove move = new RegionMove(364, "Kyrgyzstan", 9364, "Kyrgyzstan", NOW);

    assertThat(s.regionMoves().record(move, () -> { asked.incrementAndGet(); return List.of(); })).isTrue();
    assertThat(s.regionMoves().record(move, () -> { asked.incrementAndGet(); return List.of(); })).isFalse();
    assertThat(asked).hasValue(1);
    assertThat(s.regionMoves().of(364)).contains(move);

    RegionMove again = new RegionMove(364, "Kyrgyzstan", 12364, "Kyrgyz Republic", NOW.plusSeconds(60));
    assertThat(s.regionMoves().record(again, List::of)).as("moved once more: a new id").isTrue();
    assertThat(s.regionMoves().all()).containsExactly(again);

    assertThat(s.regionMoves().forget(364)).isTrue();
    assertThat(s.regionMoves().forget(364)).isFalse();
    assertThat(s.regionMoves().all()).isEmpty();
    assertThat(s.regionMoves().of(364)).isEmpty();

    assertThat(s.regionMoves().record(move, () -> { asked.incrementAndGet(); return List.of(); }))
        .as("the same pair in force again").isTrue();
    assertThat(asked).as("a pair of ids is alerted once ever").hasValue(1);
    assertThat(s.regionMoves().of(364).orElseThrow().siteRegion()).isEqualTo(9364);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aMoveEndsOnlyByTheListOfTheLanguageThatShowedIt(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    s.regionMoves().record(new RegionMove(364, "Kyrgyzstan", 9364, "Kyrgyzstan", NOW), "en", List::of);

    assertThat(s.regionMoves().forget(364, "es")).isFalse();
    assertThat(s.regionMoves().of(364)).isPresent();
    assertThat(s.regionMoves().forget(364, "en")).isTrue();
    assertThat(s.regionMoves().of(364)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void twoNodesRecordingTheSameMoveAtOnceQueueItsAlertsOnce(Databases database) throws Exception {
    StorageConfig storage = stores.storage(database, dir);
    Store a = stores.open(storage, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    Store b = stores.open(storage, new ClusterConfig("node-b", java.time.Duration.ofSeconds(15)));
    AtomicInteger asked = new AtomicInteger();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        RegionMove move = new RegionMove(100 + round, "Kyrgyzstan", 9364, "Kyrgyzstan", NOW);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        List<java.util.concurrent.Future<Boolean>> recorded = new java.util.ArrayList<>();
        for (Store node : List.of(a, b)) {
          recorded.add(pool.submit(() -> {
            start.await();
            return node.regionMoves().record(move, () -> { asked.incrementAndGet(); return List.of(); });
          }));
        }
        int now = 0;
        for (java.util.concurrent.Future<Boolean> f : recorded) {
          now += f.get(10, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(now).as("round " + round + ": recorded by one node").isEqualTo(1);
        assertThat(asked).as("round " + round).hasValue(round + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aSiteMoveIsAlertedOnceAndItsLastSightingKept(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    AtomicInteger asked = new AtomicInteger();

    assertThat(s.siteMoves().record("http://old", "http://new", 301, NOW, () -> { asked.incrementAndGet(); return List.of(); })).isTrue();
    assertThat(s.siteMoves().record("http://old", "http://new", 308, NOW.plusSeconds(5), () -> { asked.incrementAndGet(); return List.of(); }))
        .isFalse();

    assertThat(asked).hasValue(1);
    assertThat(s.siteMoves().all()).containsExactly(new SiteMoveRepository.SiteMove("http://old", "http://new", 308, NOW, NOW.plusSeconds(5)));
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void twoNodesMeetingTheSameMoveAtOnceRecordItOnceWithoutAnError(Databases database) throws Exception {
    org.industriallmonitor.config.StorageConfig storage = stores.storage(database, dir);
    Store a = stores.open(storage, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    Store b = stores.open(storage, new ClusterConfig("node-b", java.time.Duration.ofSeconds(15)));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 25; i++) {
        String to = "http://new-" + i;
        AtomicInteger asked = new AtomicInteger();
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        List<java.util.concurrent.Future<Boolean>> both = pool.invokeAll(List.of(a, b).stream()
            .<java.util.concurrent.Callable<Boolean>>map(store -> () -> {
              together.await();
              return store.siteMoves().record("http://old", to, 301, NOW, () -> { asked.incrementAndGet(); return List.of(); });
            }).toList());
        int first = 0;
        for (java.util.concurrent.Future<Boolean> f : both) {
          first += f.get() ? 1 : 0; // an error (a primary key violation) fails here
        }
        assertThat(first).as("one node records " + to).isEqualTo(1);
        assertThat(asked).hasValue(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(a.siteMoves().all()).hasSize(25);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aSiteMoveEndsAndSeenAgainIsInForceWithoutASecondAlert(Databases database) {
    Store s = stores.open(database, dir, new ClusterConfig("node-a", java.time.Duration.ofSeconds(15)));
    AtomicInteger asked = new AtomicInteger();
    s.siteMoves().record("http://old", "http://new", 301, NOW, () -> { asked.incrementAndGet(); return List.of(); });
    s.siteMoves().record("http://old", "http://other", 301, NOW, () -> { asked.incrementAndGet(); return List.of(); });
    s.siteMoves().record("http://elsewhere", "http://new", 301, NOW, () -> { asked.incrementAndGet(); return List.of(); });

    assertThat(s.siteMoves().end("http://old", "http://new", NOW.plusSeconds(10))).isEqualTo(1);
    assertThat(s.siteMoves().end("http://old", "http://new", NOW.plusSeconds(20))).as("ended already").isZero();
    assertThat(s.siteMoves().all()).filteredOn(SiteMoveRepository.SiteMove::inForce).extracting(SiteMoveRepository.SiteMove::toBase)
        .containsExactlyInAnyOrder("http://other", "http://new");
    assertThat(s.siteMoves().all()).filteredOn(m -> !m.inForce()).singleElement()
        .isEqualTo(new SiteMoveRepository.SiteMove("http://old", "http://new", 301, NOW, NOW, NOW.plusSeconds(10)));

    assertThat(s.siteMoves().end("http://old", null, NOW.plusSeconds(30))).as("every move of the base").isEqualTo(1);
    assertThat(s.siteMoves().record("http://old", "http://new", 308, NOW.plusSeconds(40), () -> { asked.incrementAndGet(); return List.of(); }))
        .isFalse();
    assertThat(asked).as("one alert per pair, ever").hasValue(3);
    assertThat(s.siteMoves().all()).filteredOn(m -> m.fromBase().equals("http://old")).extracting(SiteMoveRepository.SiteMove::inForce)
        .containsExactlyInAnyOrder(true, false);
  }
}
