package org.industriallmonitor.notify;

/** What became of a delivery attempt; the label is what the console's metrics show. */
public enum DeliveryOutcome {
  DELIVERED("delivered"),
  /** The attempt failed and a retry is scheduled. */
  FAILED("failed"),
  /** The attempt failed for the last time: the delivery is dead-lettered. */
  DEAD("dead");

  private final String label;

  DeliveryOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
