package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
  private final DeliveryPolicy policy = new DeliveryPolicy(5, Duration.ofHours(1), Duration.ofSeconds(10));
  private final Instant created = Instant.parse("2026-11-25T08:00:00Z");
  private final Instant now = created.plusSeconds(60);

  @RepeatedTest(20)
  void backoffDoublesWithJitter() {
    assertThat(Duration.between(now, policy.nextAttempt(1, created, now, null)).toMillis()).isBetween(8_000L, 12_000L);
    assertThat(Duration.between(now, policy.nextAttempt(3, created, now, null)).toMillis()).isBetween(32_000L, 48_000L);
  }

  @Test
  void retryAfterWinsWhenLonger() {
    assertThat(policy.nextAttempt(1, created, now, Duration.ofMinutes(5))).isEqualTo(now.plus(Duration.ofMinutes(5)));
  }

  @Test
  void deadAfterMaxAttemptsOrMaxAge() {
    assertThat(policy.nextAttempt(4, created, now, null)).isNotNull();
    assertThat(policy.nextAttempt(5, created, now, null)).isNull();
    assertThat(policy.nextAttempt(1, created, created.plus(Duration.ofHours(1)), null)).isNull();
  }

  @Test
  void waitsAtMostAnHour() {
    DeliveryPolicy slow = new DeliveryPolicy(100, Duration.ofDays(30), Duration.ofMinutes(10));
    assertThat(Duration.between(now, slow.nextAttempt(40, created, now, null))).isLessThanOrEqualTo(Duration.ofMinutes(72));
  }
}
