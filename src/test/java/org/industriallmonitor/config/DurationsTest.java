package org.industriallmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void acceptsTheDocumentedUnits() {
    assertThat(Durations.parse("300ms")).contains(Duration.ofMillis(300));
    assertThat(Durations.parse("2s")).contains(Duration.ofSeconds(2));
    assertThat(Durations.parse("30m")).contains(Duration.ofMinutes(30));
    assertThat(Durations.parse("12h")).contains(Duration.ofHours(12));
    assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
  }

  @Test
  void rejectsOtherForms() {
    assertThat(Durations.parse("2")).isEmpty();
    assertThat(Durations.parse("-2s")).isEmpty();
    assertThat(Durations.parse("2 weeks")).isEmpty();
    assertThat(Durations.parse("1.5h")).isEmpty();
  }

  @Test
  void formatsTheShortestForm() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("1d");
    assertThat(Durations.format(Duration.ofMillis(300))).isEqualTo("300ms");
  }
}
