package org.industriallmonitor.config;

/** {@code type: discord}: a POST to a channel's webhook, whose address holds its token. */
final class DiscordChannelReader implements ChannelReader {
  @Override
  public ChannelConfig read(String id, ConfigNode.Mapping m) {
    String digest = ChannelReader.digest(m);
    ConfigNode url = m.required("url");
    if (!url.refersToVariable()) {
      throw url.error("a Discord webhook address holds its token (" + Secrets.maskDiscordUrl(url.unresolvedString().trim())
          + "), and tokens are read from the environment only: write url: ${DISCORD_WEBHOOK_URL} and export DISCORD_WEBHOOK_URL");
    }
    return new ChatChannelConfig.Discord(id, url.httpUrl(), digest);
  }
}
