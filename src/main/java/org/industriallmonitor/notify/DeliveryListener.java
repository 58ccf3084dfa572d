package org.industriallmonitor.notify;

/** Hears of every delivery attempt's outcome (the console's metrics); called on the dispatcher's threads. */
@FunctionalInterface
public interface DeliveryListener {
  DeliveryListener NONE = (channel, outcome, events) -> {};

  /** {@code events}: how many rows the message carried. */
  void attempted(String channel, DeliveryOutcome outcome, int events);
}
