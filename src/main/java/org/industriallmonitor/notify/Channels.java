package org.industriallmonitor.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.industriallmonitor.config.ChannelConfig;
import org.industriallmonitor.config.ChatChannelConfig;
import org.industriallmonitor.config.EmailChannelConfig;
import org.industriallmonitor.config.NotificationsConfig;
import org.industriallmonitor.config.UnresolvedChannelConfig;
import org.industriallmonitor.config.WebhookChannelConfig;

/**
 * The configured channels by id, the digest schedule of those that send digests, and the configured countries
 * in their order, with their aliases (a digest lists its articles by configured country in that order).
 */
public record Channels(Map<String, Channel> byId, Map<String, String> digests, DigestCountries countries) {
  public Channels {
    byId = Map.copyOf(byId);
    digests = Map.copyOf(digests);
  }

  /** Channels whose digests list their countries in the order their articles come. */
  public Channels(Map<String, Channel> byId, Map<String, String> digests) {
    this(byId, digests, DigestCountries.NONE);
  }

  public static Channels from(NotificationsConfig config, OkHttpClient webhookClient, String userAgent) {
    return from(config, webhookClient, userAgent, DigestCountries.NONE);
  }

  /** The channels of {@code config}; {@code countries}: the configured countries, in the configuration's order. */
  public static Channels from(NotificationsConfig config, OkHttpClient webhookClient, String userAgent, DigestCountries countries) {
    Map<String, Channel> byId = new LinkedHashMap<>();
    Map<String, String> digests = new LinkedHashMap<>();
    for (ChannelConfig channel : config.channels()) {
      if (channel instanceof WebhookChannelConfig webhook) {
        byId.put(channel.id(), new WebhookChannel(webhook, webhookClient, userAgent));
      } else if (channel instanceof ChatChannelConfig chat) {
        byId.put(channel.id(), ChatChannels.of(chat, webhookClient, userAgent));
      } else if (channel instanceof EmailChannelConfig email) {
        byId.put(channel.id(), new EmailChannel(email));
      } else if (channel instanceof UnresolvedChannelConfig unresolved) {
        byId.put(channel.id(), new UnavailableChannel(unresolved.id(), unresolved.problem()));
      }
      if (channel.digest() != null) {
        digests.put(channel.id(), channel.digest());
      }
    }
    return new Channels(byId, digests, countries);
  }

  public Optional<Channel> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
