package org.industriallmonitor.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.industriallmonitor.store.SiteMoveRepository;

/**
 * A move of the site's base address, recorded with its one {@code monitor.alert} of kind {@code site_moved}:
 * the first sighting of a move writes the row and the alert together; a later one (another crawl, a restart
 * that meets the redirect again) only notes when it was last seen.
 */
public final class SiteMoveAlerts {
  private final SiteMoveRepository moves;
  private final AlertQueue queue;
  private final Clock clock;

  public SiteMoveAlerts(SiteMoveRepository moves, AlertQueue queue, Clock clock) {
    this.moves = moves;
    this.queue = queue;
    this.clock = clock;
  }

  /** What was seen: the configured base, the base it redirects to, the status, the YAML line and the sentence to show. */
  public record Move(String from, String to, int status, String yaml, String problem) {}

  /** Records {@code move}; returns true when this is its first sighting and the alert was queued to {@code alertChannels}. */
  public boolean moved(Move move, List<String> alertChannels) {
    Instant now = clock.instant();
    return moves.record(move.from(), move.to(), move.status(), now, () -> queue.monitorRows(Event.MONITOR_ALERT, null, alertChannels,
        id -> Payloads.siteMoved(id, move.from(), move.to(), move.status(), move.yaml(), move.problem(), now)));
  }

  /** The configured base {@code from} answers for itself again: every move of it in force ends now; returns how many. */
  public int ended(String from) {
    return moves.end(from, null, clock.instant());
  }
}
