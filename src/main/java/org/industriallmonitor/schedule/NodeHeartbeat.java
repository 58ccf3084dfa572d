package org.industriallmonitor.schedule;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.store.NodeRepository;
import org.industriallmonitor.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a node of the state: registered when it starts, checking in every
 * {@code cluster.checkin_interval} (so that the other nodes know it alive and leave its claims
 * alone), and marked stopped, its claims released, when it closes. With PostgreSQL each check-in
 * also closes the crawl runs that dead nodes left open.
 */
public final class NodeHeartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final Store store;
  private final ClusterConfig cluster;
  private final Clock clock;
  private ScheduledExecutorService timer;

  public NodeHeartbeat(Store store, ClusterConfig cluster, Clock clock) {
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** Thrown when a live process already runs under this node's id. */
  public static final class NodeIdInUseException extends RuntimeException {
    NodeIdInUseException(String message) {
      super(message);
    }
  }

  /** Registers the node and starts checking in. */
  public NodeHeartbeat start() {
    Optional<NodeRepository.Node> holder = store.nodes().start(cluster.nodeId(), ClusterConfig.hostName(), ProcessHandle.current().pid(),
        clock.instant(), cluster.deadAfter());
    if (holder.isPresent()) {
      NodeRepository.Node other = holder.get();
      throw new NodeIdInUseException("the node id '" + cluster.nodeId() + "' is in use by a live process (pid " + other.pid()
          + " on " + other.host() + ", last check-in " + other.lastCheckin() + "): give each node its own cluster.node_id,"
          + " or leave it out (the host name and pid are then used)");
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "node-checkin");
      t.setDaemon(true);
      return t;
    });
    long every = cluster.checkinInterval().toMillis();
    timer.scheduleWithFixedDelay(this::checkIn, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  private void checkIn() {
    try {
      store.nodes().checkIn(cluster.nodeId(), clock.instant());
      if (store.isShared()) {
        int closed = store.runs().closeRunsOfDeadNodes(clock.instant());
        if (closed > 0) {
          log.warn("closed {} crawl runs that a node which stopped checking in left open", closed);
        }
      }
    } catch (RuntimeException e) {
      // The database is away for a moment: the next check-in tries again (two missed and others take over).
      log.warn("node check-in failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      store.nodes().stop(cluster.nodeId(), clock.instant());
    } catch (RuntimeException e) {
      log.warn("cannot record that node {} stopped: {}", cluster.nodeId(), e.getMessage());
    }
  }
}
