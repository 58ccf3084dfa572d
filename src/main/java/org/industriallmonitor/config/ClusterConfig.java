package org.industriallmonitor.config;

import java.time.Duration;

/**
 * This node's place among the daemons that share one PostgreSQL database ({@code cluster:} in the
 * YAML): its identity, and how often it checks in. A node that misses two check-ins is taken for
 * dead: its countries' jobs and its deliveries move to a live node.
 */
public record ClusterConfig(String nodeId, Duration checkinInterval) {
  public static final Duration DEFAULT_CHECKIN_INTERVAL = MonitorDefaults.builtIn().duration("cluster.checkin_interval");

  /** The defaults: the node is named after its host and process id. */
  public static ClusterConfig defaults() {
    return new ClusterConfig(defaultNodeId(), DEFAULT_CHECKIN_INTERVAL);
  }

  /** {@code HOST-PID}: unique among live processes, so two daemons on one machine are two nodes. */
  public static String defaultNodeId() {
    return hostName() + "-" + ProcessHandle.current().pid();
  }

  /**
   * The machine's name as the kernel has it: read on every start (every configuration names a
   * node), so without a DNS lookup, which can take seconds on a machine whose name does not resolve.
   */
  public static String hostName() {
    try {
      String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Not Linux: the environment, or a plain name.
    }
    String env = System.getenv("HOSTNAME");
    return env == null || env.isBlank() ? "localhost" : env;
  }

  /** How long a node may stay silent before it is taken for dead: two check-ins. */
  public Duration deadAfter() {
    return checkinInterval.multipliedBy(2);
  }
}
