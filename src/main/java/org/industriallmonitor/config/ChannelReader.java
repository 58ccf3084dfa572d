package org.industriallmonitor.config;

import java.util.List;

/**
 * Reads one {@link ChannelType} of {@code notifications.channels[]}: its keys, their checks, and
 * the warnings of secrets written in the file. {@link NotificationsReader} has read the type and
 * the id, and picks the reader by the type.
 */
sealed interface ChannelReader
    permits WebhookChannelReader, EmailChannelReader, NtfyChannelReader, MatrixChannelReader, DiscordChannelReader,
        TelegramChannelReader {

  /** The channel {@code id}, its other keys (those of its {@link ChannelType#keys()}) in {@code m}. */
  ChannelConfig read(String id, ConfigNode.Mapping m);

  /** A secret written in the file ends up in backups, commits and screenshots: say so, naming key and line. */
  default void warnOfWrittenSecrets(ConfigNode.Mapping m, List<String> warnings) {}

  static ChannelReader of(ChannelType type, MonitorDefaults defaults) {
    return switch (type) {
      case WEBHOOK -> new WebhookChannelReader(defaults);
      case EMAIL -> new EmailChannelReader(defaults);
      case NTFY -> new NtfyChannelReader(defaults);
      case MATRIX -> new MatrixChannelReader();
      case DISCORD -> new DiscordChannelReader();
      case TELEGRAM -> new TelegramChannelReader(defaults);
    };
  }

  /** {@code digest}: a Quartz cron expression, or null for one message per event. */
  static String digest(ConfigNode.Mapping m) {
    return m.optional("digest").map(ConfigValues::cron).orElse(null);
  }

  /** A chat token: from the environment only, so that it never sits in the file, its backups or its commits. */
  static String token(ConfigNode node, String variable) {
    if (!node.refersToVariable()) {
      throw node.error("a token is read from the environment only: write token: ${" + variable + "} and export " + variable);
    }
    // A variable not set yet: the channel is kept as unresolved and sends nothing until it is.
    return node.unsetVariables().isEmpty() ? node.nonBlankString().trim() : "";
  }

  /** Warns of {@code secret} when its value is written in the file rather than read from {@code variable}. */
  static void warnIfWritten(ConfigNode secret, String variable, List<String> warnings) {
    if (!secret.refersToVariable() && !secret.string().isEmpty()) {
      String key = secret.path().substring(secret.path().lastIndexOf('.') + 1);
      warnings.add(secret.warning("is written in the file: read it from the environment instead (" + key + ": ${"
          + variable + "}), so that it stays out of backups, commits and logs"));
    }
  }
}
