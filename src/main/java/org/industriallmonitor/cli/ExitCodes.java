package org.industriallmonitor.cli;

/** The exit codes of every command, as documented in docs/operations.md ("Exit codes"). */
public final class ExitCodes {
  /** Everything succeeded. */
  public static final int OK = 0;
  /** The command ran, but some country's crawl (or a delivery, or a check) failed. */
  public static final int FAILED = 1;
  /** The command line was wrong. */
  public static final int USAGE = 2;
  /** The configuration file is missing or invalid. */
  public static final int CONFIG = 3;
  /** Another monitor process holds the state folder. */
  public static final int LOCKED = 4;
  /** The database or the archive cannot be used (permissions, disk full, corruption). */
  public static final int STORAGE = 5;

  private ExitCodes() {}
}
