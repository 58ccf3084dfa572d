package org.industriallmonitor.notify;

/** What a dispatch pass did: deliveries sent, failed (to be retried) and dead-lettered, and what is still pending. */
public record DeliveryReport(int delivered, int failed, int dead, int pending) {
  public static final DeliveryReport NONE = new DeliveryReport(0, 0, 0, 0);

  DeliveryReport plus(DeliveryReport other) {
    return new DeliveryReport(delivered + other.delivered, failed + other.failed, dead + other.dead, other.pending);
  }

  public String summaryLine() {
    return "deliveries: " + delivered + " delivered, " + failed + " failed attempts, " + dead + " dead, " + pending + " pending";
  }
}
