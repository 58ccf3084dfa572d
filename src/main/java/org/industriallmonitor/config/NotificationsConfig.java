package org.industriallmonitor.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code notifications:} section: the channels, which of them get monitor alerts, and how
 * long a failing delivery is retried before it is dead-lettered. {@code onceTimeout} bounds how
 * long {@code once} keeps delivering before it exits.
 */
public record NotificationsConfig(
    List<ChannelConfig> channels,
    List<String> alerts,
    int maxAttempts,
    Duration maxAge,
    Duration retryBackoff,
    int failureThreshold,
    Duration onceTimeout) {

  public NotificationsConfig {
    channels = List.copyOf(channels);
    alerts = List.copyOf(alerts);
  }

  public static NotificationsConfig none() {
    return new NotificationsConfig(List.of(), List.of(), 12, Duration.ofDays(2), Duration.ofSeconds(30), 3, Duration.ofSeconds(20));
  }

  public java.util.Optional<ChannelConfig> channel(String id) {
    return channels.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public List<String> channelIds() {
    return channels.stream().map(ChannelConfig::id).toList();
  }
}
