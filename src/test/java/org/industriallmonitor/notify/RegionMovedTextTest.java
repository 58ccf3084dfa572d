package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A region_moved alert reads as a move in mail and chat, not as failed crawls. */
class RegionMovedTextTest {
  private final JsonNode moved = Payloads.regionMoved("d-1", "Kyrgyzstan", 364, 9364, "Kyrgyzstan",
      "- { name: Kyrgyzstan, region: 9364 }", "the site lists Kyrgyzstan as region 9364 now, not 364; write it",
      Instant.parse("2026-12-07T09:00:00Z"));

  @Test
  void theSubjectNamesTheMoveAndTheLineToWrite() {
    assertThat(MessageText.subject(moved)).isEqualTo(
        "[IndustriALL] monitor alert: Kyrgyzstan moved to region 9364 on the site; write - { name: Kyrgyzstan, region: 9364 }");
  }

  @Test
  void theTextSaysTheMonitorFollowsItAndNothingIsLost() {
    assertThat(MessageText.plain(moved))
        .startsWith("The site lists Kyrgyzstan under region 9364 now, not 364. The monitor follows it there")
        .doesNotContain("cannot crawl")
        .contains("the site lists Kyrgyzstan as region 9364 now, not 364; write it");
  }
}
