package org.industriallmonitor.config;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code site.early_warning}: a site-wide source of the newest articles, polled often so that a
 * new article is heard of within minutes while the walks of every listing stay the safety net.
 */
public record EarlyWarningConfig(Source source, Duration every, int maxItems) {
  public static final Duration DEFAULT_EVERY = MonitorDefaults.builtIn().duration("site.early_warning.every");
  /**
   * At most this many unknown items are fetched by one poll, the newest first: a source that
   * suddenly lists thousands of unknown items costs one poll a bounded time, and the rest are
   * fetched by the next polls (or found by the walks).
   */
  public static final int DEFAULT_MAX_ITEMS = MonitorDefaults.builtIn().integer("site.early_warning.max_items");
  public static final EarlyWarningConfig DEFAULT =
      new EarlyWarningConfig(Source.of(MonitorDefaults.builtIn().string("site.early_warning.source")).orElseThrow(), DEFAULT_EVERY);

  public EarlyWarningConfig {
    if (maxItems < 1) {
      throw new IllegalArgumentException("max_items must be at least 1, got " + maxItems);
    }
  }

  /** With the default {@code max_items}. */
  public EarlyWarningConfig(Source source, Duration every) {
    this(source, every, DEFAULT_MAX_ITEMS);
  }

  /** Where the newest articles are read. */
  public enum Source {
    /** The site's {@code /rss.xml}. */
    RSS,
    /** The site-wide listing {@code search?language=en&from=0}, newest first. */
    LATEST,
    /** No early warning: only the walks find new articles. */
    OFF;

    /** The name written in the YAML and shown by {@code status}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The source written as {@code id}, if there is one. */
    public static java.util.Optional<Source> of(String id) {
      return java.util.Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
  }

  public boolean enabled() {
    return source != Source.OFF;
  }
}
