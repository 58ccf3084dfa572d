package org.industriallmonitor.notify;

import java.util.List;
import java.util.Optional;

/** A place deliveries go to. */
public interface Channel {
  String id();

  /**
   * Delivers one event, or several as one message (an e-mail digest); returns a short description
   * of the receiver's answer, such as {@code HTTP 204}.
   */
  String send(List<Delivery> deliveries) throws DeliveryException, InterruptedException;

  /** Why this channel cannot send at all now (its secret is not in the environment), or empty when it can. */
  default Optional<String> unavailable() {
    return Optional.empty();
  }
}
