package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.store.OutboxRow;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A move of the site's base address: one site_moved per alert channel, the first time only, on both databases. */
class SiteMoveAlertsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aMoveIsAlertedOnceToEachAlertChannelWithTheLineToWrite(Databases database) {
    Store store = stores.open(database, dir, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SiteMoveAlerts alerts = new SiteMoveAlerts(store.siteMoves(), new AlertQueue(clock), clock);
    SiteMoveAlerts.Move move = new SiteMoveAlerts.Move("https://www.industriall-union.org", "https://new.industriall-union.org", 301,
        "base_url: https://new.industriall-union.org", "site.base_url moved; write base_url: https://new.industriall-union.org");

    assertThat(alerts.moved(move, List.of("ops", "chat"))).isTrue();
    assertThat(alerts.moved(move, List.of("ops", "chat"))).as("seen again: no second alert").isFalse();

    List<OutboxRow> rows = store.outbox().due(NOW.plusSeconds(1), 10);
    assertThat(rows).extracting(OutboxRow::channel).containsExactlyInAnyOrder("ops", "chat");
    JsonNode payload = Payloads.parse(rows.get(0).payload());
    assertThat(payload.get("event").asText()).isEqualTo("monitor.alert");
    assertThat(payload.get("kind").asText()).isEqualTo("site_moved");
    assertThat(payload.get("country").isNull()).isTrue();
    assertThat(payload.get("region").isNull()).isTrue();
    assertThat(payload.get("from").asText()).isEqualTo("https://www.industriall-union.org");
    assertThat(payload.get("to").asText()).isEqualTo("https://new.industriall-union.org");
    assertThat(payload.get("status").asInt()).isEqualTo(301);
    assertThat(payload.get("yaml").asText()).isEqualTo("base_url: https://new.industriall-union.org");
    assertThat(payload.get("detected_at").asText()).isEqualTo("2026-12-07T09:00:00Z");
    assertThat(payload.get("delivery_id").asText()).isEqualTo(rows.get(0).deliveryId());
    assertThat(rows.get(0).subject()).isEqualTo("[IndustriALL] monitor alert: the site moved to https://new.industriall-union.org; write "
        + "base_url: https://new.industriall-union.org");
    assertThat(MessageText.plain(payload)).contains("redirects permanently to https://new.industriall-union.org")
        .contains("write base_url: https://new.industriall-union.org");
  }
}
