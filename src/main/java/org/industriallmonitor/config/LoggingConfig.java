package org.industriallmonitor.config;

/**
 * The log file ({@code logging:} in the YAML): whether there is one, and how it rolls. It rolls
 * daily and at {@code maxFileSize}, compressed; rolled files are kept for {@code maxHistory} days
 * and {@code totalSizeCap} bytes at most. Read when {@code once} or {@code run} starts: a reload of
 * the daemon's configuration does not change it.
 */
public record LoggingConfig(boolean file, long maxFileSize, int maxHistory, long totalSizeCap) {
  public static final boolean DEFAULT_FILE = MonitorDefaults.builtIn().bool("logging.file");
  public static final long DEFAULT_MAX_FILE_SIZE = MonitorDefaults.builtIn().byteSize("logging.max_file_size");
  public static final int DEFAULT_MAX_HISTORY = MonitorDefaults.builtIn().integer("logging.max_history");
  public static final long DEFAULT_TOTAL_SIZE_CAP = MonitorDefaults.builtIn().byteSize("logging.total_size_cap");
  /** Days of history: ten years is more than anyone keeps on a disk. */
  public static final int LONGEST_HISTORY = 3650;

  public static final LoggingConfig DEFAULT =
      new LoggingConfig(DEFAULT_FILE, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_HISTORY, DEFAULT_TOTAL_SIZE_CAP);

  public LoggingConfig {
    if (maxFileSize <= 0 || totalSizeCap <= 0 || maxFileSize > totalSizeCap) {
      throw new IllegalArgumentException("sizes must be positive and max_file_size at most total_size_cap");
    }
    if (maxHistory < 1 || maxHistory > LONGEST_HISTORY) {
      throw new IllegalArgumentException("max_history must be between 1 and " + LONGEST_HISTORY);
    }
  }
}
