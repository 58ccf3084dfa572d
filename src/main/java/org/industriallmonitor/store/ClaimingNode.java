package org.industriallmonitor.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A node that claims rows at {@code now}: {@code id} is its node id, and a node whose last check-in
 * is older than {@code deadAfter} counts as dead (its rows may be taken over).
 */
record ClaimingNode(String id, Instant now, Duration deadAfter) {
  /** The check-in a node must have made since to count as alive. */
  Instant aliveSince() {
    return now.minus(deadAfter);
  }
}
