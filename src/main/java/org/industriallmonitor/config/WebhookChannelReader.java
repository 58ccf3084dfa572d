package org.industriallmonitor.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code type: webhook}: events POSTed to {@code url}, signed with {@code secret}, as {@code json} or {@code slack}. */
record WebhookChannelReader(MonitorDefaults defaults) implements ChannelReader {
  /** The password of {@code scheme://user:password@host}, as written. */
  private static final Pattern WRITTEN_PASSWORD = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*:([^/?#@]*)@");

  @Override
  public ChannelConfig read(String id, ConfigNode.Mapping m) {
    String format = m.optional("format").map(n -> n.nonBlankString().trim())
        .orElse(defaults.string(MonitorDefaults.channelKey(ChannelType.WEBHOOK, "format")));
    if (!format.equals(WebhookChannelConfig.JSON) && !format.equals(WebhookChannelConfig.SLACK)) {
      throw m.required("format").error("expected json or slack, got '" + format + "'");
    }
    String secret = m.optional("secret").map(ConfigNode::string).filter(v -> !v.isEmpty()).orElse(null);
    return new WebhookChannelConfig(id, m.required("url").httpUrl(), secret, format);
  }

  @Override
  public void warnOfWrittenSecrets(ConfigNode.Mapping m, List<String> warnings) {
    Optional<ConfigNode> url = m.optional("url");
    if (url.isPresent()) {
      String written = url.get().unresolvedString().trim();
      Matcher password = WRITTEN_PASSWORD.matcher(written);
      if (password.find() && !password.group(1).isEmpty() && !ConfigNode.isReference(password.group(1))) {
        warnings.add(url.get().warning("holds a password written in the file (" + Secrets.maskUserInfo(written) + "): read it from the"
            + " environment instead (https://USER:${WEBHOOK_PASSWORD}@HOST/...), so that it stays out of backups, commits and logs"));
      }
      String format = m.optional("format").map(ConfigNode::unresolvedString).orElse("").trim();
      if (format.equals(WebhookChannelConfig.SLACK) && !url.get().refersToVariable()) {
        warnings.add(url.get().warning("a Slack incoming webhook's address is its secret (" + Secrets.maskPath(written) + "): read it"
            + " from the environment instead (url: ${SLACK_WEBHOOK_URL}), so that it stays out of backups, commits and logs"));
      }
    }
    m.optional("secret").ifPresent(secret -> ChannelReader.warnIfWritten(secret, "WEBHOOK_SECRET", warnings));
  }
}
