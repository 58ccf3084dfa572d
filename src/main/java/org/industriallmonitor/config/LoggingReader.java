package org.industriallmonitor.config;

import java.util.List;

/** The {@code logging:} section: whether there is a log file, and its rolling. */
final class LoggingReader {
  private static final List<String> KEYS = List.of("file", "max_file_size", "max_history", "total_size_cap");

  /** A file larger than the cap on all of them cannot be kept: that is an error, at the key that was written. */
  LoggingConfig read(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    boolean file = m.optional("file").map(ConfigNode::bool).orElse(LoggingConfig.DEFAULT_FILE);
    long maxFileSize = m.optional("max_file_size").map(ConfigValues::nonZeroSize).orElse(LoggingConfig.DEFAULT_MAX_FILE_SIZE);
    int maxHistory = m.optional("max_history").map(n -> n.integer(1, LoggingConfig.LONGEST_HISTORY))
        .orElse(LoggingConfig.DEFAULT_MAX_HISTORY);
    long totalSizeCap = m.optional("total_size_cap").map(ConfigValues::nonZeroSize).orElse(LoggingConfig.DEFAULT_TOTAL_SIZE_CAP);
    if (maxFileSize > totalSizeCap) {
      ConfigNode at = m.optional("max_file_size").orElseGet(() -> m.required("total_size_cap"));
      throw at.error("max_file_size (" + maxFileSize + " bytes) is larger than total_size_cap (" + totalSizeCap
          + " bytes): the log files together could not hold one");
    }
    return new LoggingConfig(file, maxFileSize, maxHistory, totalSizeCap);
  }
}
