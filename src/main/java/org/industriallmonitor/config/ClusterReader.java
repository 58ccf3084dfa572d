package org.industriallmonitor.config;

import java.util.List;

/** The {@code cluster:} section: this node's name among the daemons sharing a PostgreSQL database, and its check-ins. */
final class ClusterReader {
  private static final List<String> KEYS = List.of("node_id", "checkin_interval");
  /** A node id names the node in {@code status} and the logs: a longer one is a mistake, not a name. */
  private static final int LONGEST_NODE_ID = 120;

  ClusterConfig read(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    String nodeId = m.optional("node_id").map(n -> n.nonBlankString().trim()).orElse(ClusterConfig.defaultNodeId());
    if (nodeId.length() > LONGEST_NODE_ID) {
      throw m.required("node_id").error("a node id has at most " + LONGEST_NODE_ID + " characters");
    }
    return new ClusterConfig(nodeId, ConfigValues.positive(m, "checkin_interval", ClusterConfig.DEFAULT_CHECKIN_INTERVAL));
  }
}
