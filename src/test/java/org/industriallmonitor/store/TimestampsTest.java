package org.industriallmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void writesWhatTheDateTimeFormatterWroteAndReadsItBack() {
    SplittableRandom random = new SplittableRandom(20261125);
    long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
      String text = Timestamps.format(instant);
      assertEquals(REFERENCE.format(instant), text);
      assertEquals(instant.truncatedTo(ChronoUnit.MILLIS), Timestamps.parse(text));
    }
  }

  @Test
  void keepsMillisecondsSoThatTextOrderIsTimeOrder() {
    assertEquals("2026-11-25T08:00:00.000Z", Timestamps.format(Instant.parse("2026-11-25T08:00:00Z")));
    assertEquals("0999-01-02T03:04:05.006Z", Timestamps.format(Instant.parse("0999-01-02T03:04:05.006Z")));
  }

  @Test
  void readsOtherIsoInstantsTheSlowWayAndRejectsNonsense() {
    assertEquals(Instant.parse("2026-11-25T08:00:00Z"), Timestamps.parse("2026-11-25T08:00:00Z"));
    assertEquals(Instant.parse("2026-11-25T08:00:00.123456Z"), Timestamps.parse("2026-11-25T08:00:00.123456Z"));
    assertNull(Timestamps.parse(null));
    assertThrows(DateTimeException.class, () -> Timestamps.parse("2026-13-25T08:00:00.000Z"));
    assertThrows(DateTimeException.class, () -> Timestamps.parse("yesterday"));
  }
}
