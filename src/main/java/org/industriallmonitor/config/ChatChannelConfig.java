package org.industriallmonitor.config;

import java.net.URI;

/**
 * The chat services a channel may post to, each with the keys its API needs. Tokens come from
 * the environment only, and no {@code toString} shows one.
 */
public sealed interface ChatChannelConfig extends ChannelConfig {

  /** ntfy: a POST to the topic URL; {@code token} is optional, {@code priority} 1 to 5 (or min, low, default, high, max). */
  record Ntfy(String id, URI url, String token, String priority, String digest) implements ChatChannelConfig {
    /** The topic URL for messages, logs and the database: the topic (a password) masked. */
    public String displayUrl() {
      return Secrets.maskNtfyUrl(url.toString());
    }

    @Override
    public String toString() {
      return "Ntfy[id=" + id + ", url=" + displayUrl() + ", token=" + (token == null ? "none" : "(set)") + ", priority=" + priority + "]";
    }
  }

  /** Matrix: an m.room.message sent to {@code room} on {@code homeserver} with an access token. */
  record Matrix(String id, URI homeserver, String room, String token, String digest) implements ChatChannelConfig {
    @Override
    public String toString() {
      return "Matrix[id=" + id + ", homeserver=" + homeserver + ", room=" + room + ", token=(set)]";
    }
  }

  /** Discord: a POST to a webhook URL, whose last path segment is its token. */
  record Discord(String id, URI url, String digest) implements ChatChannelConfig {
    @Override
    public String toString() {
      return "Discord[id=" + id + ", url=" + Secrets.maskDiscordUrl(url.toString()) + "]";
    }
  }

  /** Telegram: sendMessage of the bot {@code token} to {@code chat}, on {@code api} (the Bot API's address). */
  record Telegram(String id, String token, String chat, URI api, String digest) implements ChatChannelConfig {
    @Override
    public String toString() {
      return "Telegram[id=" + id + ", chat=" + chat + ", api=" + api + ", token=(set)]";
    }
  }
}
