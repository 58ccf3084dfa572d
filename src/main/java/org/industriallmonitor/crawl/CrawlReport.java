package org.industriallmonitor.crawl;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one crawl of one country. {@code layoutProblem} is set when a page loaded but
 * the selectors found nothing on it.
 */
public record CrawlReport(
    String country,
    int region,
    boolean baseline,
    int pages,
    int seen,
    int newArticles,
    int archived,
    List<String> errors,
    String layoutProblem,
    List<String> notes,
    Duration duration) {

  public CrawlReport {
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
  }

  public boolean succeeded() {
    return errors.isEmpty() && layoutProblem == null;
  }

  /** Every problem of the crawl, layout first. */
  public List<String> problems() {
    if (layoutProblem == null) {
      return errors;
    }
    List<String> all = new java.util.ArrayList<>();
    all.add(layoutProblem);
    all.addAll(errors);
    return all;
  }

  /** One line for the console and the log. */
  public String summaryLine() {
    // Concatenation, not String.format: a Formatter per country was a noticeable part of a short once.
    return country + " (region " + region + "): pages " + pages + ", seen " + seen + ", new " + newArticles
        + ", archived " + archived + ", errors " + problems().size() + (baseline ? ", baseline" : "") + ", "
        + duration.toMillis() + " ms" + (succeeded() ? ", ok" : ", FAILED");
  }
}
