package org.industriallmonitor.config;

import java.time.Duration;

/**
 * This node's place among the daemons that share one PostgreSQL database ({@code cluster:} in the
 * YAML): its identity, and how often it checks in. A node that misses two check-ins is taken for
 * dead: its countries' jobs and its deliveries move to a live node.
 */
public record ClusterConfig(String nodeId, Duration checkinInterval) {
  public static final Duration DEFAULT_CHECKIN_INTERVAL = Duration.ofSeconds(15);

  /** The defaults: the node is named after its host and process id. */
  public static ClusterConfig defaults() {
    return new ClusterConfig(defaultNodeId(), DEFAULT_CHECKIN_INTERVAL);
  }

  /** {@code HOST-PID}: unique among live processes, so two daemons on one machine are two nodes. */
  public static String defaultNodeId() {
    return hostName() + "-" + ProcessHandle.current().pid();
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "localhost" : env;
    }
  }

  /** How long a node may stay silent before it is taken for dead: two check-ins. */
  public Duration deadAfter() {
    return checkinInterval.multipliedBy(2);
  }
}
