package org.industriallmonitor.config;

import static org.industriallmonitor.config.ConfigValues.positive;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/** The {@code site:} section: the site's address, how politely it is read, its markup and the early warning. */
final class SiteReader {
  private static final List<String> KEYS =
      List.of(
          "base_url", "user_agent", "request_delay", "max_pages", "max_items_per_page", "max_connections_per_host",
          "connect_timeout", "read_timeout", "call_timeout", "retries", "retry_backoff",
          "max_body_size", "selectors", "fallback_archive", "self_repair", "repair_pages", "early_warning", "recheck_window",
          "recheck_every", "themes");
  private static final List<String> EARLY_WARNING_KEYS = List.of("source", "every", "max_items");

  /** The template's contact, or any other example domain: nobody can be reached there. */
  private static final Pattern PLACEHOLDER_CONTACT = Pattern.compile("example\\.(org|com|net)", Pattern.CASE_INSENSITIVE);
  /** The live site's hosts: no delay between requests there is a load on a small union's server. */
  private static final String LIVE_HOST = "industriall-union.org";
  /** Below this between requests, the live site is warned of; the default is above it. */
  private static final Duration LEAST_LIVE_DELAY = Duration.ofSeconds(1);

  private final MonitorDefaults defaults;

  SiteReader(MonitorDefaults defaults) {
    this.defaults = defaults;
  }

  SiteConfig read(ConfigNode node, List<String> warnings) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    String userAgent = m.optional("user_agent").map(ConfigNode::nonBlankString).orElse(SiteConfig.DEFAULT_USER_AGENT);
    m.optional("user_agent").filter(n -> PLACEHOLDER_CONTACT.matcher(userAgent).find()).ifPresent(n -> warnings.add(n.warning(
        "\"" + userAgent + "\" still has the template's placeholder contact: put yours there (an e-mail address or a web page), "
            + "so that the site's operators can reach you")));
    if (m.optional("user_agent").isEmpty()) {
      warnings.add(node.warning("user_agent is not set: requests say \"" + userAgent + "\", with no way to reach you"));
    }
    Duration defaultDelay = defaults.duration("site.request_delay");
    Duration requestDelay = m.optional("request_delay").map(ConfigNode::duration).orElse(defaultDelay);
    URI base = baseUrl(m.required("base_url"));
    int connections = m.optional("max_connections_per_host").map(n -> n.integer(1, 64)).orElse(SiteConfig.defaultConnections(requestDelay));
    if (isLiveSite(base) && requestDelay.compareTo(LEAST_LIVE_DELAY) < 0) {
      warnings.add(m.required("request_delay").warning(Durations.format(requestDelay) + " between requests to " + base.getHost()
          + " with " + connections + (connections == 1 ? " connection" : " connections") + " is a load on the site: keep"
          + " request_delay at " + Durations.format(LEAST_LIVE_DELAY) + " or more (the default is " + Durations.format(defaultDelay)
          + ") for the live site"));
    }
    return new SiteConfig(
        base,
        userAgent,
        requestDelay,
        m.optional("max_pages").map(n -> n.integer(1, 10_000)).orElse(defaults.integer("site.max_pages")),
        m.optional("max_items_per_page").map(n -> n.integer(1, 100_000)).orElse(SiteConfig.DEFAULT_MAX_ITEMS_PER_PAGE),
        connections,
        positive(m, "connect_timeout", defaults.duration("site.connect_timeout")),
        positive(m, "read_timeout", defaults.duration("site.read_timeout")),
        positive(m, "call_timeout", defaults.duration("site.call_timeout")),
        m.optional("retries").map(n -> n.integer(0, 20)).orElse(defaults.integer("site.retries")),
        m.optional("retry_backoff").map(ConfigNode::duration).orElse(defaults.duration("site.retry_backoff")),
        m.optional("max_body_size").map(ConfigNode::byteSize).orElse(defaults.byteSize("site.max_body_size")),
        m.optional("selectors").map(n -> selectors(n, warnings)).orElse(Selectors.defaults()),
        m.optional("selectors").map(n -> Set.copyOf(n.mapping(selectorKeys()).keys())).orElse(Set.of()),
        m.optional("fallback_archive").map(ConfigNode::bool).orElse(defaults.bool("site.fallback_archive")),
        m.optional("self_repair").map(ConfigNode::bool).orElse(defaults.bool("site.self_repair")),
        m.optional("repair_pages").map(n -> n.integer(1, 50)).orElse(defaults.integer("site.repair_pages")),
        m.optional("early_warning").map(SiteReader::earlyWarning).orElse(EarlyWarningConfig.DEFAULT),
        new RecheckConfig(m.optional("recheck_window").map(ConfigNode::duration).orElse(RecheckConfig.DEFAULT.window()),
            positive(m, "recheck_every", RecheckConfig.DEFAULT.every())),
        m.optional("themes").map(SiteReader::themes).orElse(defaults.list("site.themes")));
  }

  /** The site's theme names, each once: what a channel's themes: may name. */
  private static List<String> themes(ConfigNode node) {
    List<String> themes = new java.util.ArrayList<>();
    for (ConfigNode item : node.listOrSingle()) {
      String theme = item.nonBlankString().strip();
      if (themes.stream().anyMatch(t -> CountryNames.same(t, theme))) {
        throw item.error("the theme " + theme + " is listed twice");
      }
      themes.add(theme);
    }
    return themes;
  }

  /** The site's address: a plain origin and path, read without signing in. */
  private static URI baseUrl(ConfigNode node) {
    String written = node.unresolvedString();
    URI url = node.httpUrl();
    if (url.getRawUserInfo() != null) {
      throw node.error("the site is read without signing in: remove the user and password from the address ("
          + Secrets.maskUserInfo(written.trim()) + ")");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw node.error("give the site's address without a query or fragment, such as https://www.industriall-union.org, got '"
          + url + "'");
    }
    return url;
  }

  private static boolean isLiveSite(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    return host.equals(LIVE_HOST) || host.endsWith("." + LIVE_HOST);
  }

  private static EarlyWarningConfig earlyWarning(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(EARLY_WARNING_KEYS);
    EarlyWarningConfig.Source source = m.optional("source").map(n -> {
      String value = n.nonBlankString();
      return EarlyWarningConfig.Source.of(value).orElseThrow(() -> n.error("expected rss, latest or off, got '" + value + "'"));
    }).orElse(EarlyWarningConfig.DEFAULT.source());
    Duration every = m.optional("every").map(n -> {
      Duration d = n.duration();
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        throw n.error("must be at least 1s: the source is polled at most once a second");
      }
      return d;
    }).orElse(EarlyWarningConfig.DEFAULT_EVERY);
    int maxItems = m.optional("max_items").map(n -> {
      int max = n.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (max < 1) {
        throw n.error("must be a positive whole number (the most unknown items one poll fetches), got " + max);
      }
      return max;
    }).orElse(EarlyWarningConfig.DEFAULT_MAX_ITEMS);
    return new EarlyWarningConfig(source, every, maxItems);
  }

  private static List<String> selectorKeys() {
    List<String> keys = new ArrayList<>(Selectors.defaults().byKey().keySet());
    keys.add(Selectors.LEGACY_PARAGRAPHS);
    return keys;
  }

  private static Selectors selectors(ConfigNode node, List<String> warnings) {
    Map<String, String> values = new LinkedHashMap<>(Selectors.defaults().byKey());
    List<String> keys = selectorKeys();
    ConfigNode.Mapping m = node.mapping(keys);
    m.optional(Selectors.LEGACY_PARAGRAPHS).ifPresent(n -> warnings.add(n.warning("is read as before (the text of each element it"
        + " finds, one block each); article_body, the body element whose lists, headings and quotes are archived too, replaces it")));
    for (String key : keys) {
      m.optional(key).ifPresent(n -> {
        String css = n.nonBlankString();
        try {
          QueryParser.parse(css);
        } catch (Selector.SelectorParseException e) {
          throw n.error("not a valid CSS selector: " + e.getMessage());
        }
        values.put(key, css);
      });
    }
    return Selectors.fromKeys(values);
  }
}
