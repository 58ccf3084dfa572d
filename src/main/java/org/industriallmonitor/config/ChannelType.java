package org.industriallmonitor.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code type:} of a channel under {@code notifications.channels}: where its alerts go. */
public enum ChannelType {
  WEBHOOK("id", "type", "url", "secret", "format", "languages", "match", "exclude", "themes", "countries"),
  EMAIL("id", "type", "smtp", "from", "to", "digest", "languages", "match", "exclude", "themes", "countries"),
  NTFY("id", "type", "url", "token", "priority", "digest", "languages", "match", "exclude", "themes", "countries"),
  MATRIX("id", "type", "homeserver", "room", "token", "digest", "languages", "match", "exclude", "themes", "countries"),
  DISCORD("id", "type", "url", "digest", "languages", "match", "exclude", "themes", "countries"),
  TELEGRAM("id", "type", "token", "chat", "api", "digest", "languages", "match", "exclude", "themes", "countries");

  private final List<String> keys;

  ChannelType(String... keys) {
    this.keys = List.of(keys);
  }

  /** The name written in the YAML. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The keys a channel of this type may have, in the order suggestions are made from. */
  List<String> keys() {
    return keys;
  }

  /** The type written as {@code id}, if there is one. */
  public static Optional<ChannelType> of(String id) {
    return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
  }
}
