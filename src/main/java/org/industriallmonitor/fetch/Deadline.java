package org.industriallmonitor.fetch;

import java.time.Duration;

/**
 * A time by which a whole piece of work must end: every attempt, redirect and wait between
 * retries of the fetches made with it. {@link #NONE} bounds nothing (each request then has only
 * the client's own timeouts).
 */
public final class Deadline {
  public static final Deadline NONE = new Deadline(null, "no budget", 0);

  private final Duration budget;
  private final String name;
  private final long endNanos;

  private Deadline(Duration budget, String name, long endNanos) {
    this.budget = budget;
    this.name = name;
    this.endNanos = endNanos;
  }

  /** Ends {@code budget} from now; {@code name} says whose budget it is in messages ("the poll's time budget"). */
  public static Deadline after(Duration budget, String name) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("a budget must be positive, got " + budget);
    }
    return new Deadline(budget, name, System.nanoTime() + budget.toNanos());
  }

  public boolean bounded() {
    return budget != null;
  }

  /** The whole budget (null for {@link #NONE}). */
  public Duration budget() {
    return budget;
  }

  /** The time left, never negative; {@code null} for {@link #NONE}. */
  public Duration remaining() {
    return budget == null ? null : Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  public boolean passed() {
    return budget != null && endNanos - System.nanoTime() <= 0;
  }

  /** The budget as people read it: {@code the poll's time budget of 60 s}. */
  public String describe() {
    if (budget == null) {
      return name;
    }
    long millis = budget.toMillis();
    return name + " of " + (millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0));
  }
}
