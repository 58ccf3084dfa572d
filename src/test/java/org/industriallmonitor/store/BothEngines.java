package org.industriallmonitor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.testing.PostgresServer;

/**
 * One SQLite store and one on a throwaway PostgreSQL server, for a property's whole run (a server per try
 * would cost seconds each), both knowing one country; and the words a property draws, in any casing.
 */
final class BothEngines implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  static final int REGION = 7;

  private final Path dir;
  private final PostgresServer postgres;
  final Store sqlite;
  final Store postgresql;
  private final AtomicInteger slugs = new AtomicInteger();

  private BothEngines(Path dir, PostgresServer postgres, Store sqlite, Store postgresql) {
    this.dir = dir;
    this.postgres = postgres;
    this.sqlite = sqlite;
    this.postgresql = postgresql;
  }

  static BothEngines open(String name) throws IOException {
    Path dir = Files.createTempDirectory(name + "-");
    Store sqlite = store(StorageConfig.under(dir.resolve("sqlite")));
    PostgresServer postgres = PostgresServer.start();
    return new BothEngines(dir, postgres, sqlite, store(StorageConfig.under(dir.resolve("postgres")).withPostgres(postgres.newDatabase())));
  }

  private static Store store(StorageConfig storage) {
    Store store = Store.open(storage, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    store.countries().ensure(REGION, "Kyrgyzstan", T0);
    return store;
  }

  /** A slug no try has used yet. */
  String nextSlug() {
    return "article-" + slugs.incrementAndGet();
  }

  /** One of {@code words}, as written, in capitals, or capitalised. */
  static Arbitrary<String> anyCasing(List<String> words) {
    return Combinators.combine(Arbitraries.of(words), Arbitraries.of(0, 1, 2))
        .as((w, casing) -> switch (casing) {
          case 0 -> w;
          case 1 -> w.toUpperCase(Locale.ROOT);
          default -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
        });
  }

  @Override
  public void close() throws IOException {
    Stream.of(sqlite, postgresql).filter(Objects::nonNull).forEach(Store::close);
    postgres.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
