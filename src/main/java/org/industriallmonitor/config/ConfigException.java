package org.industriallmonitor.config;

import java.nio.file.Path;

/** A configuration problem, located by file, line and key so that a user can fix it. */
public final class ConfigException extends RuntimeException {
  private final Path file;
  private final int line;
  private final String key;

  public ConfigException(Path file, int line, String key, String problem) {
    super(format(file, line, key, problem));
    this.file = file;
    this.line = line;
    this.key = key;
  }

  private static String format(Path file, int line, String key, String problem) {
    StringBuilder message = new StringBuilder();
    message.append(file);
    if (line > 0) {
      message.append(':').append(line);
    }
    if (key != null && !key.isEmpty()) {
      message.append(": ").append(key);
    }
    return message.append(": ").append(problem).toString();
  }

  public Path file() {
    return file;
  }

  /** One-based line number, or 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }

  /** Dotted path of the key, such as {@code countries[1].region}; empty for the whole file. */
  public String key() {
    return key;
  }
}
