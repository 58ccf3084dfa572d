package org.industriallmonitor.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The {@code type:} of a channel under {@code notifications.channels}: where its alerts go. */
public enum ChannelType {
  WEBHOOK,
  EMAIL,
  NTFY,
  MATRIX,
  DISCORD,
  TELEGRAM;

  /** The name written in the YAML. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type written as {@code id}, if there is one. */
  public static Optional<ChannelType> of(String id) {
    return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
  }
}
