package org.industriallmonitor.notify;

import java.util.List;
import java.util.Optional;

/**
 * A configured channel that cannot send: its secret (or address) refers to an environment
 * variable that is not set. The dispatcher leaves its deliveries pending; sending anyway
 * ({@code notify-test}) fails with the reason. It never sends unsigned or to a guessed address.
 */
final class UnavailableChannel implements Channel {
  private final String id;
  private final String problem;

  UnavailableChannel(String id, String problem) {
    this.id = id;
    this.problem = problem;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String send(List<Delivery> deliveries) throws DeliveryException {
    throw new DeliveryException("cannot send: " + problem, null, null);
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.of(problem);
  }
}
