package org.industriallmonitor.config;

import java.net.URI;

/**
 * A webhook: events are POSTed to {@code url}, signed with {@code secret} when one is set.
 * {@code format} is {@code json} (the documented body) or {@code slack} ({@code {"text": ...}}).
 */
public record WebhookChannelConfig(String id, URI url, String secret, String format) implements ChannelConfig {
  public static final String JSON = "json";
  public static final String SLACK = "slack";

  /**
   * The address for messages, logs and the database: its credentials masked (a password, query
   * values), and for a Slack incoming webhook its path too, which is its secret.
   */
  public String displayUrl() {
    return SLACK.equals(format) ? Secrets.maskPath(url.toString()) : Secrets.maskCredentials(url.toString());
  }

  @Override
  public String toString() {
    return "WebhookChannelConfig[id=" + id + ", url=" + displayUrl() + ", secret=" + (secret == null ? "none" : "(set)")
        + ", format=" + format + "]";
  }
}
