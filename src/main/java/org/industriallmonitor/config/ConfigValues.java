package org.industriallmonitor.config;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.quartz.CronExpression;

/** Checks of values that several sections share: a duration longer than 0, a cron, a list of languages, channel ids. */
final class ConfigValues {
  private ConfigValues() {}

  /** {@code key}'s duration, which may not be 0, or {@code fallback} when it is not written. */
  static Duration positive(ConfigNode.Mapping m, String key, Duration fallback) {
    return m.optional(key)
        .map(n -> {
          Duration d = n.duration();
          if (d.isZero()) {
            throw n.error("must be longer than 0");
          }
          return d;
        })
        .orElse(fallback);
  }

  /** A Quartz cron expression, checked now rather than when the scheduler first meets it. */
  static String cron(ConfigNode n) {
    String value = n.nonBlankString().trim();
    try {
      new CronExpression(value);
    } catch (ParseException e) {
      throw n.error("not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week): "
          + e.getMessage());
    }
    return value;
  }

  /** A list of the site's languages, each once, in the order given. */
  static List<String> languages(ConfigNode node) {
    List<String> languages = new ArrayList<>();
    for (ConfigNode item : node.listOrSingle()) {
      String language = item.nonBlankString().trim().toLowerCase(Locale.ROOT);
      if (!CountryConfig.SITE_LANGUAGES.contains(language)) {
        throw item.error("expected one of the site's languages (" + String.join(", ", CountryConfig.SITE_LANGUAGES)
            + "), got '" + language + "'");
      }
      if (languages.contains(language)) {
        throw item.error("the language " + language + " is listed twice");
      }
      languages.add(language);
    }
    if (languages.isEmpty()) {
      throw node.error("give at least one language (en, es, fr or ru)");
    }
    return languages;
  }

  /** Ids of configured channels, each once, in the order given. */
  static List<String> channelIds(ConfigNode node, List<String> known) {
    List<String> ids = new ArrayList<>();
    for (ConfigNode item : node.listOrSingle()) {
      String id = item.nonBlankString().trim();
      if (!known.contains(id)) {
        throw item.error("no channel with id '" + id + "'" + (known.isEmpty() ? " (notifications.channels is empty)"
            : " (channels: " + String.join(", ", known) + ")"));
      }
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** A byte size that may not be 0. */
  static long nonZeroSize(ConfigNode node) {
    long size = node.byteSize();
    if (size == 0) {
      throw node.error("must be larger than 0");
    }
    return size;
  }
}
