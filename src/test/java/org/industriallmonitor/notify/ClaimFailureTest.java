package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.industriallmonitor.config.PostgresTarget;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.store.OutboxEntry;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim the database refuses (on PostgreSQL a claim is an UPDATE: a dropped connection, a serialisation
 * failure) leaves the channel's lane free: the next pass delivers, instead of the channel waiting for a restart.
 */
class ClaimFailureTest {
  @TempDir Path dir;
  @RegisterExtension final PostgresExtension postgres = new PostgresExtension();

  @Test
  void aClaimThatFailsOnceDoesNotKeepTheChannelFromDeliveringAfterwards() throws Exception {
    PostgresTarget target = postgres.newDatabase();
    try (Store store = Store.open(StorageConfig.under(dir).withPostgres(target))) {
      Instant now = Instant.now();
      store.outbox().enqueue(List.of(new OutboxEntry("d-1", "hook", Event.TEST.wireName(), null, null, "subject",
          "{\"event\":\"test\",\"delivery_id\":\"d-1\"}", now, now)));
      List<String> sent = new CopyOnWriteArrayList<>();
      Channel hook = new Channel() {
        @Override
        public String id() {
          return "hook";
        }

        @Override
        public String send(List<Delivery> deliveries) {
          deliveries.forEach(d -> sent.add(d.id()));
          return "ok";
        }
      };
      try (Connection admin = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
          Statement s = admin.createStatement();
          Dispatcher pump = new Dispatcher(store.outbox(), new Channels(Map.of("hook", hook), Map.of()),
              new DeliveryPolicy(5, Duration.ofHours(1), Duration.ofMillis(100)), Clock.systemUTC())) {
        // The claim marks its rows with an UPDATE; reading what is due does not.
        s.execute("CREATE FUNCTION refuse_claims() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'claims refused'; END $$"
            + " LANGUAGE plpgsql");
        s.execute("CREATE TRIGGER refuse_claims BEFORE UPDATE OF claimed_by ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_claims()");

        assertThatThrownBy(() -> pump.drain(Duration.ofSeconds(5), Duration.ofMillis(100))).hasMessageContaining("claims refused");
        assertThat(sent).isEmpty();

        s.execute("DROP TRIGGER refuse_claims ON outbox");
        DeliveryReport report = pump.drain(Duration.ofSeconds(10), Duration.ofMillis(100));

        assertThat(sent).containsExactly("d-1");
        assertThat(report.delivered()).isEqualTo(1);
      }
    }
  }
}
