package org.industriallmonitor.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code notifications:} section: the channels, which of them get monitor alerts, and how
 * long a failing delivery is retried before it is dead-lettered. {@code onceTimeout} bounds how
 * long {@code once} keeps delivering before it exits. {@code languages}: the channels that set
 * {@code languages:} hear only of articles in those languages (the others hear of all). {@code filters}: the
 * channels that set {@code match:}, {@code exclude:}, {@code themes:} or {@code countries:}.
 */
public record NotificationsConfig(
    List<ChannelConfig> channels,
    List<String> alerts,
    int maxAttempts,
    Duration maxAge,
    Duration retryBackoff,
    int failureThreshold,
    Duration onceTimeout,
    java.util.Map<String, List<String>> languages,
    java.util.Map<String, ChannelFilter> filters) {

  public NotificationsConfig {
    channels = List.copyOf(channels);
    alerts = List.copyOf(alerts);
    languages = java.util.Map.copyOf(languages);
    filters = java.util.Map.copyOf(filters);
  }

  public NotificationsConfig(List<ChannelConfig> channels, List<String> alerts, int maxAttempts, Duration maxAge, Duration retryBackoff,
      int failureThreshold, Duration onceTimeout, java.util.Map<String, List<String>> languages) {
    this(channels, alerts, maxAttempts, maxAge, retryBackoff, failureThreshold, onceTimeout, languages, java.util.Map.of());
  }

  public NotificationsConfig(List<ChannelConfig> channels, List<String> alerts, int maxAttempts, Duration maxAge, Duration retryBackoff,
      int failureThreshold, Duration onceTimeout) {
    this(channels, alerts, maxAttempts, maxAge, retryBackoff, failureThreshold, onceTimeout, java.util.Map.of());
  }

  /** No channel, and the default retries and time limits. */
  public static NotificationsConfig none() {
    MonitorDefaults defaults = MonitorDefaults.builtIn();
    return new NotificationsConfig(List.of(), List.of(), defaults.integer("notifications.max_attempts"),
        defaults.duration("notifications.max_age"), defaults.duration("notifications.retry_backoff"),
        defaults.integer("notifications.failure_threshold"), defaults.duration("notifications.once_timeout"));
  }

  /** Whether channel {@code id} hears of an article in {@code language}. */
  public boolean wants(String id, String language) {
    List<String> only = languages.get(id);
    return only == null || only.contains(language);
  }

  /** Channel {@code id}'s filters ({@link ChannelFilter#NONE} when it sets none). */
  public ChannelFilter filter(String id) {
    return filters.getOrDefault(id, ChannelFilter.NONE);
  }

  /** The same notifications with these filters. */
  NotificationsConfig withFilters(java.util.Map<String, ChannelFilter> newFilters) {
    return new NotificationsConfig(channels, alerts, maxAttempts, maxAge, retryBackoff, failureThreshold, onceTimeout, languages, newFilters);
  }

  public java.util.Optional<ChannelConfig> channel(String id) {
    return channels.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public List<String> channelIds() {
    return channels.stream().map(ChannelConfig::id).toList();
  }
}
