package org.industriallmonitor.crawl;

import java.time.Duration;
import java.util.List;
import org.industriallmonitor.store.SourceState;

/**
 * What one poll of the early-warning source came to. {@code problem} is set when the source
 * itself failed (after the fetcher's retries), {@code vanished} when it answered that it is gone
 * or is no feed at all; {@code errors} are articles it named that could not be archived yet (tried
 * again at the next poll); {@code state} is the source's state after the poll, health aside.
 */
public record PollReport(
    String source,
    String url,
    Outcome outcome,
    int items,
    int unknown,
    int archived,
    String problem,
    boolean vanished,
    List<String> errors,
    List<String> notes,
    String storageFailure,
    SourceState state,
    Duration duration) {

  public PollReport {
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
  }

  /** How the poll went, as {@code status} names it. */
  public enum Outcome {
    BASELINE("baseline"), NOT_MODIFIED("not_modified"), UNCHANGED("unchanged"), NEW("new"), FAILED("failed");

    public final String id;

    Outcome(String id) {
      this.id = id;
    }
  }

  /** True when the source answered (even if an article it named must wait for the next poll). */
  public boolean sourceAnswered() {
    return outcome != Outcome.FAILED;
  }

  /** The source's own problem, if any, then the articles that could not be archived yet. */
  public List<String> problems() {
    List<String> all = new java.util.ArrayList<>();
    if (problem != null) {
      all.add(problem);
    }
    all.addAll(errors);
    return all;
  }

  /** One line for the log and for {@code once}. */
  public String summaryLine() {
    String head = "early warning " + source + ": ";
    String took = String.format(" in %.1fs", duration.toMillis() / 1000.0);
    return head + switch (outcome) {
      case BASELINE -> items + " items taken as the baseline (no alerts for them)" + took;
      case NOT_MODIFIED -> "not modified" + took;
      case UNCHANGED -> items + " items, none new" + took;
      case NEW -> items + " items, new " + unknown + ", archived " + archived + ", errors " + errors.size() + took;
      case FAILED -> "failed" + took + " (the walks go on at their schedule)";
    };
  }
}
