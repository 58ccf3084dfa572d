package org.industriallmonitor.config;

/** A place alerts go to: a webhook, a mailbox, a chat service (or one whose secrets are not in the environment). */
public sealed interface ChannelConfig permits WebhookChannelConfig, EmailChannelConfig, ChatChannelConfig, UnresolvedChannelConfig {
  /** The id that {@code countries[].notify} and {@code notifications.alerts} refer to. */
  String id();

  /** Quartz cron expression of the digest, or null to send one message per event. */
  default String digest() {
    return null;
  }
}
