package org.industriallmonitor.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code notifications:} section: the channels, each read by its type's {@link ChannelReader}, and the retries. */
final class NotificationsReader {
  private static final List<String> KEYS =
      List.of("channels", "alerts", "max_attempts", "max_age", "retry_backoff", "failure_threshold", "once_timeout");

  private final Map<ChannelType, ChannelReader> readers = new EnumMap<>(ChannelType.class);
  /** Every key a channel of any type may have: what a channel is read with before its type is known. */
  private final List<String> channelKeys = new ArrayList<>();

  NotificationsReader(MonitorDefaults defaults) {
    for (ChannelType type : ChannelType.values()) {
      readers.put(type, ChannelReader.of(type, defaults));
      type.keys().stream().filter(k -> !channelKeys.contains(k)).forEach(channelKeys::add);
    }
  }

  NotificationsConfig read(ConfigNode node, List<String> warnings) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    NotificationsConfig defaults = NotificationsConfig.none();
    List<ChannelConfig> channels = new ArrayList<>();
    Map<String, Integer> lineById = new HashMap<>();
    Map<String, List<String>> languages = new LinkedHashMap<>();
    for (ConfigNode item : m.optional("channels").map(ConfigNode::list).orElse(List.of())) {
      ChannelType type = type(item.unsetVariables().isEmpty() ? item : item.lenient());
      ChannelConfig channel = channel(item, type);
      item.mapping(channelKeys).optional("languages").map(ConfigValues::languages).ifPresent(only -> languages.put(channel.id(), only));
      readers.get(type).warnOfWrittenSecrets(item.mapping(channelKeys), warnings);
      if (channel instanceof UnresolvedChannelConfig unresolved) {
        warnings.add(item.warning("channel '" + unresolved.id() + "' cannot send: " + unresolved.problem()
            + " (its deliveries wait in the outbox until then)"));
      }
      Integer earlier = lineById.putIfAbsent(channel.id(), item.line());
      if (earlier != null) {
        throw item.error("the channel id '" + channel.id() + "' is used twice (first at line " + earlier + ")");
      }
      channels.add(channel);
    }
    List<String> ids = channels.stream().map(ChannelConfig::id).toList();
    List<String> alerts = m.optional("alerts").map(n -> ConfigValues.channelIds(n, ids)).orElse(ids);
    return new NotificationsConfig(channels, alerts,
        m.optional("max_attempts").map(n -> n.integer(1, 1000)).orElse(defaults.maxAttempts()),
        m.optional("max_age").map(ConfigNode::duration).orElse(defaults.maxAge()),
        ConfigValues.positive(m, "retry_backoff", defaults.retryBackoff()),
        m.optional("failure_threshold").map(n -> n.integer(1, 1000)).orElse(defaults.failureThreshold()),
        m.optional("once_timeout").map(ConfigNode::duration).orElse(defaults.onceTimeout()), languages);
  }

  /**
   * A channel. One whose values refer to unset environment variables is checked all the same
   * (those values aside) and kept as unresolved: only sending needs the secrets, so status,
   * outbox, validate and countries work without them.
   */
  private ChannelConfig channel(ConfigNode item, ChannelType type) {
    List<String> unset = item.unsetVariables();
    ConfigNode node = unset.isEmpty() ? item : item.lenient();
    ConfigNode.Mapping m = node.mapping(type.keys());
    ConfigNode idNode = m.required("id");
    String id = idNode.nonBlankString().trim();
    if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw idNode.error("an id is 1 to 64 letters, digits, '.', '_' or '-', got '" + id + "'");
    }
    ChannelConfig channel = readers.get(type).read(id, m);
    return unset.isEmpty() ? channel : new UnresolvedChannelConfig(channel.id(), type.id(), channel.digest(), unset);
  }

  private ChannelType type(ConfigNode item) {
    ConfigNode typeNode = item.mapping(channelKeys).required("type");
    String type = typeNode.nonBlankString().trim();
    return ChannelType.of(type).orElseThrow(() ->
        typeNode.error("unknown channel type '" + type + "' (expected webhook, email, ntfy, matrix, discord or telegram)"));
  }
}
