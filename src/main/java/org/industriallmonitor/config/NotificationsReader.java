package org.industriallmonitor.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.industriallmonitor.query.QuerySyntaxException;
import org.industriallmonitor.query.SearchQuery;
import org.industriallmonitor.query.TextFilter;

/** The {@code notifications:} section: the channels, each read by its type's {@link ChannelReader}, and the retries. */
final class NotificationsReader {
  private static final List<String> KEYS =
      List.of("channels", "alerts", "max_attempts", "max_age", "retry_backoff", "failure_threshold", "once_timeout");

  private final Map<ChannelType, ChannelReader> readers = new EnumMap<>(ChannelType.class);
  /** Every key a channel of any type may have: what a channel is read with before its type is known. */
  private final List<String> channelKeys = new ArrayList<>();

  /** The theme names {@code themes:} may use ({@code site.themes}); an id is always accepted. */
  private final List<String> knownThemes;
  /** Each channel's {@code countries:}, read once the countries are ({@link #withCountries}). */
  private final Map<String, ConfigNode> countriesByChannel = new LinkedHashMap<>();

  NotificationsReader(MonitorDefaults defaults) {
    this(defaults, defaults.list("site.themes"));
  }

  NotificationsReader(MonitorDefaults defaults, List<String> knownThemes) {
    this.knownThemes = List.copyOf(knownThemes);
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
    Map<String, ChannelFilter> filters = new LinkedHashMap<>();
    for (ConfigNode item : m.optional("channels").map(ConfigNode::list).orElse(List.of())) {
      ChannelType type = type(item.unsetVariables().isEmpty() ? item : item.lenient());
      ChannelConfig channel = channel(item, type);
      ConfigNode.Mapping keys = item.mapping(channelKeys);
      keys.optional("languages").map(ConfigValues::languages).ifPresent(only -> languages.put(channel.id(), only));
      ChannelFilter filter = filter(keys);
      if (!filter.isNone()) {
        filters.put(channel.id(), filter);
      }
      keys.written("countries").ifPresent(n -> countriesByChannel.put(channel.id(), n));
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
        m.optional("once_timeout").map(ConfigNode::duration).orElse(defaults.onceTimeout()), languages, filters);
  }

  /** {@code match:}, {@code exclude:} and {@code themes:}; {@code countries:} waits for the countries. */
  private ChannelFilter filter(ConfigNode.Mapping keys) {
    // Written without a value, each is an error: a channel meant to hear of some articles would hear of all.
    SearchQuery match = keys.written("match").map(NotificationsReader::query).orElse(null);
    SearchQuery exclude = keys.written("exclude").map(NotificationsReader::query).orElse(null);
    List<ChannelFilter.ThemeName> themes = keys.written("themes").map(this::themes).orElse(List.of());
    return new ChannelFilter(new TextFilter(match, exclude), themes, Set.of());
  }

  /** A query in the archive search's syntax; what is wrong with it is the configuration's error. */
  private static SearchQuery query(ConfigNode node) {
    String typed = node.isNull() ? "" : node.string();
    try {
      return SearchQuery.parse(typed);
    } catch (QuerySyntaxException e) {
      throw node.error(e.getMessage() + ", in '" + typed.strip() + "'");
    }
  }

  private List<ChannelFilter.ThemeName> themes(ConfigNode node) {
    if (node.isNull()) {
      throw node.error("give at least one theme, or leave themes: out to hear of every theme");
    }
    List<ChannelFilter.ThemeName> themes = new ArrayList<>();
    for (ConfigNode item : node.listOrSingle()) {
      String written = item.nonBlankString().strip();
      ChannelFilter.ThemeName theme = ChannelFilter.ThemeName.of(written);
      if (theme.id() == null) {
        String known = knownThemes.stream().filter(t -> CountryNames.same(t, written)).findFirst().orElseThrow(() -> item.error(
            "unknown theme '" + written + "': the themes known by name are " + String.join(", ", knownThemes)
                + "; name another by its id (the number after themes= in the site's links) or add it to site.themes"));
        theme = new ChannelFilter.ThemeName(null, known);
      }
      if (themes.contains(theme)) {
        throw item.error("the theme " + written + " is listed twice");
      }
      themes.add(theme);
    }
    if (themes.isEmpty()) {
      throw node.error("give at least one theme, or leave themes: out to hear of every theme");
    }
    return themes;
  }

  /**
   * The notifications with each channel's {@code countries:} resolved to configured countries, by name,
   * alias or region id. Warns of a country whose {@code notify:} leaves the channel out: it hears nothing there.
   */
  NotificationsConfig withCountries(NotificationsConfig notifications, List<CountryConfig> countries, List<String> warnings) {
    if (countriesByChannel.isEmpty()) {
      return notifications;
    }
    Map<String, ChannelFilter> filters = new LinkedHashMap<>(notifications.filters());
    countriesByChannel.forEach((id, node) -> {
      if (node.isNull()) {
        throw node.error("give at least one country, or leave countries: out to hear of every country");
      }
      Set<Integer> regions = new java.util.LinkedHashSet<>();
      for (ConfigNode item : node.listOrSingle()) {
        String written = item.nonBlankString().strip();
        CountryConfig country = countries.stream()
            .filter(c -> String.valueOf(c.region()).equals(written) || c.answersTo(written)).findFirst()
            .orElseThrow(() -> item.error("no configured country is '" + written + "': name one of countries[] by its name, an alias"
                + " or its region id (configured: " + countries.stream().map(CountryConfig::name).collect(java.util.stream.Collectors.joining(", "))
                + ")"));
        if (!regions.add(country.region())) {
          throw item.error("the country " + country.name() + " is listed twice");
        }
        if (!country.channels().contains(id)) {
          warnings.add(item.warning("channel '" + id + "' lists " + country.name() + " but that country's notify: leaves the channel"
              + " out: it hears nothing from there (add '" + id + "' to its notify:)"));
        }
      }
      if (regions.isEmpty()) {
        throw node.error("give at least one country, or leave countries: out to hear of every country");
      }
      ChannelFilter read = notifications.filter(id);
      filters.put(id, new ChannelFilter(read.text(), read.themes(), regions));
    });
    return notifications.withFilters(filters);
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
