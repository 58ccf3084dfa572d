package org.industriallmonitor.config;

import java.util.List;

/** A mailbox (or several): one mail per event, or one per {@code digest} period. */
public record EmailChannelConfig(String id, SmtpConfig smtp, String from, List<String> to, String digest) implements ChannelConfig {
  public EmailChannelConfig {
    to = List.copyOf(to);
  }
}
