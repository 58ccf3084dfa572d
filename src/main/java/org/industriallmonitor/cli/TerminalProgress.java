package org.industriallmonitor.cli;

import java.io.PrintStream;
import org.industriallmonitor.crawl.CrawlProgress;

/**
 * A progress bar per country on the terminal: listing pages first, then the new articles. Drawn
 * on one line with carriage returns, so it is only used when standard error is a terminal.
 */
final class TerminalProgress implements CrawlProgress {
  private static final int WIDTH = 24;

  private final PrintStream out;
  private int lastLength;

  TerminalProgress(PrintStream out) {
    this.out = out;
  }

  /** True when a person watches: standard input and output are a terminal (not cron, a pipe or a service). */
  static boolean onTerminal() {
    return System.console() != null;
  }

  /** A progress bar when the process runs on a terminal; nothing otherwise (logs only). */
  static CrawlProgress forConsole() {
    return onTerminal() ? new TerminalProgress(System.err) : CrawlProgress.NONE;
  }

  @Override
  public void listing(String country, int pages, int expectedPages) {
    double fraction = expectedPages == 0 ? 0 : 0.3 * Math.min(1.0, (double) pages / expectedPages);
    draw(country, fraction, "listing page " + pages + (expectedPages == 0 ? "" : " of " + expectedPages));
  }

  @Override
  public void articles(String country, int done, int total) {
    draw(country, 0.3 + 0.7 * (total == 0 ? 1.0 : (double) done / total), "new articles " + done + " of " + total);
  }

  @Override
  public synchronized void finished(String country) {
    out.print("\r" + " ".repeat(lastLength) + "\r");
    out.flush();
    lastLength = 0;
  }

  private synchronized void draw(String country, double fraction, String detail) {
    int filled = (int) Math.round(fraction * WIDTH);
    String line = String.format("%-16.16s [%s%s] %3d%%  %s", country, "#".repeat(filled), "-".repeat(WIDTH - filled),
        Math.round(fraction * 100), detail);
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    out.flush();
    lastLength = line.length();
  }
}
