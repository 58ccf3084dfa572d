package org.industriallmonitor.config;

import java.util.List;
import java.util.Locale;

/** {@code type: ntfy}: a POST to a topic URL, whose topic name is a password. */
record NtfyChannelReader(MonitorDefaults defaults) implements ChannelReader {
  /** ntfy's own priorities: the numbers and their names. */
  private static final List<String> PRIORITIES = List.of("1", "2", "3", "4", "5", "min", "low", "default", "high", "max", "urgent");

  @Override
  public ChannelConfig read(String id, ConfigNode.Mapping m) {
    String digest = ChannelReader.digest(m);
    String priority = m.optional("priority").map(n -> {
      String value = n.nonBlankString().trim().toLowerCase(Locale.ROOT);
      if (!PRIORITIES.contains(value)) {
        throw n.error("expected 1 to 5, or min, low, default, high, max or urgent, got '" + value + "'");
      }
      return value;
    }).orElse(defaults.string(MonitorDefaults.channelKey(ChannelType.NTFY, "priority")));
    return new ChatChannelConfig.Ntfy(id, m.required("url").httpUrl(),
        m.optional("token").map(n -> ChannelReader.token(n, "NTFY_TOKEN")).orElse(null), priority, digest);
  }

  @Override
  public void warnOfWrittenSecrets(ConfigNode.Mapping m, List<String> warnings) {
    m.optional("url").filter(url -> !url.refersToVariable()).ifPresent(url -> warnings.add(url.warning("the topic is written in the"
        + " file (" + Secrets.maskNtfyUrl(url.unresolvedString().trim()) + "), and whoever knows a topic can read and post to it: read"
        + " it from the environment instead (url: https://ntfy.sh/${NTFY_TOPIC}), so that it stays out of backups, commits and logs")));
  }
}
