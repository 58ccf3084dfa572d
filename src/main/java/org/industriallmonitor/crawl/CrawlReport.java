package org.industriallmonitor.crawl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one crawl of one country. {@code layoutProblem} is set when a page loaded but
 * the selectors found nothing on it; {@code warnings} are doubts that do not fail the crawl
 * (a listing without results: is the region id right?); {@code storageFailure} is set when the
 * disk refused a write and the crawl stopped there (the command then exits 5).
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
    List<String> warnings,
    String storageFailure,
    Duration duration) {

  public CrawlReport {
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
  }

  public boolean succeeded() {
    return errors.isEmpty() && layoutProblem == null && storageFailure == null;
  }

  /** Every problem of the crawl, layout first, the storage failure that stopped it last. */
  public List<String> problems() {
    if (layoutProblem == null && storageFailure == null) {
      return errors;
    }
    List<String> all = new ArrayList<>();
    if (layoutProblem != null) {
      all.add(layoutProblem);
    }
    all.addAll(errors);
    if (storageFailure != null) {
      all.add(storageFailure);
    }
    return all;
  }

  /** One line for the console and the log. */
  public String summaryLine() {
    // Concatenation, not String.format: a Formatter per country was a noticeable part of a short once.
    return country + " (region " + region + "): pages " + pages + ", seen " + seen + ", new " + newArticles
        + ", archived " + archived + ", errors " + problems().size() + (baseline ? ", baseline" : "") + ", "
        + duration.toMillis() + " ms" + (succeeded() ? ", ok" : ", FAILED")
        + (warnings.isEmpty() ? "" : "; " + String.join("; ", warnings));
  }

  /** The same report with one more note. */
  public CrawlReport withNote(String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(note);
    return new CrawlReport(country, region, baseline, pages, seen, newArticles, archived, errors, layoutProblem, more, warnings,
        storageFailure, duration);
  }

  /** The warning of a listing without results: the likeliest cause is a wrong region id. */
  public static String noResults(int region) {
    return "no results: is region " + region + " right? see countries";
  }

  /** Counts and messages of a crawl while it runs, from the listing walk and the article recording. */
  static final class Builder {
    private final String country;
    private final int region;
    private final boolean baseline;
    private final List<String> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String layoutProblem;
    private String storageFailure;
    private int pages;
    private int seen;
    private int newArticles;
    private int archived;

    Builder(String country, int region, boolean baseline) {
      this.country = country;
      this.region = region;
      this.baseline = baseline;
    }

    void page() {
      pages++;
    }

    void seen(int items) {
      seen += items;
    }

    void newArticle() {
      newArticles++;
    }

    void archived() {
      archived++;
    }

    void error(String problem) {
      errors.add(problem);
    }

    /** The first layout problem of the crawl is the one reported. */
    void layout(String problem) {
      if (layoutProblem == null) {
        layoutProblem = problem;
      }
    }

    void storageFailure(String problem) {
      storageFailure = problem;
    }

    void note(String note) {
      notes.add(note);
    }

    void warning(String warning) {
      if (!warnings.contains(warning)) {
        warnings.add(warning);
      }
    }

    int pages() {
      return pages;
    }

    int seenSoFar() {
      return seen;
    }

    /** Takes back what a walk counted before it started again at the id the site lists the country under now. */
    void uncount(int pages, int seen) {
      this.pages -= pages;
      this.seen -= seen;
    }

    CrawlReport build(Duration duration) {
      return new CrawlReport(country, region, baseline, pages, seen, newArticles, archived, errors, layoutProblem, notes, warnings,
          storageFailure, duration);
    }
  }
}
