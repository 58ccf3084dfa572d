package org.industriallmonitor.config;

import java.util.List;

/**
 * A channel whose values refer to environment variables that are not set (its secret, say). It
 * keeps its id, so countries may still name it, and its digest when that could be read; it sends
 * nothing until the monitor starts with the variables set: its deliveries wait in the outbox.
 */
public record UnresolvedChannelConfig(String id, String type, String digest, List<String> unsetVariables) implements ChannelConfig {
  public UnresolvedChannelConfig {
    unsetVariables = List.copyOf(unsetVariables);
  }

  /** Why the channel cannot send, for logs, {@code status} and {@code notify-test}. */
  public String problem() {
    return (unsetVariables.size() == 1 ? "environment variable " + unsetVariables.get(0) + " is not set"
        : "environment variables " + String.join(", ", unsetVariables) + " are not set")
        + "; set it in the monitor's environment and restart it";
  }
}
