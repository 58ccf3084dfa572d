package org.industriallmonitor.config;

import java.net.URI;

/** {@code type: telegram}: sendMessage of a bot to a chat, on the Bot API at {@code api}. */
record TelegramChannelReader(MonitorDefaults defaults) implements ChannelReader {
  @Override
  public ChannelConfig read(String id, ConfigNode.Mapping m) {
    String digest = ChannelReader.digest(m);
    String chat = m.required("chat").nonBlankString().trim();
    if (!chat.matches("-?\\d{1,20}|@[A-Za-z0-9_]{5,32}")) {
      throw m.required("chat").error("expected a chat id (a number such as -1001234567890) or @channelname, got '" + chat + "'");
    }
    return new ChatChannelConfig.Telegram(id, ChannelReader.token(m.required("token"), "TELEGRAM_TOKEN"), chat,
        m.optional("api").map(ConfigNode::httpUrl)
            .orElse(URI.create(defaults.string(MonitorDefaults.channelKey(ChannelType.TELEGRAM, "api")))), digest);
  }
}
