package org.industriallmonitor.config;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code site.early_warning}: a site-wide source of the newest articles, polled often so that a
 * new article is heard of within minutes while the walks of every listing stay the safety net.
 */
public record EarlyWarningConfig(Source source, Duration every) {
  public static final Duration DEFAULT_EVERY = Duration.ofMinutes(2);
  public static final EarlyWarningConfig DEFAULT = new EarlyWarningConfig(Source.RSS, DEFAULT_EVERY);

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
  }

  public boolean enabled() {
    return source != Source.OFF;
  }
}
