package org.industriallmonitor.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jsoup.select.QueryParser;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.quartz.CronExpression;
import org.jsoup.select.Selector;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads {@code monitor.yaml} into a validated {@link MonitorConfig}. */
public final class ConfigLoader {
  /** Far above any real configuration; keeps a runaway file from exhausting memory. */
  static final long MAX_FILE_BYTES = 1024 * 1024;
  /** Aliases ({@code *name}) a file may use; what bounds them is {@link #MAX_EXPANDED_VALUES}. */
  private static final int MAX_ALIASES = 1000;
  /** Values a document may stand for with its aliases expanded: far beyond any real configuration, far below an alias bomb. */
  private static final int MAX_EXPANDED_VALUES = 100_000;

  private static final List<String> TOP_KEYS = List.of("site", "schedule", "countries", "storage", "notifications", "web", "languages", "cluster", "logging");
  private static final List<String> CLUSTER_KEYS = List.of("node_id", "checkin_interval");
  private static final List<String> WEB_KEYS = List.of("enabled", "listen", "token", "hosts");
  private static final List<String> NOTIFICATION_KEYS =
      List.of("channels", "alerts", "max_attempts", "max_age", "retry_backoff", "failure_threshold", "once_timeout");
  private static final List<String> WEBHOOK_KEYS = List.of("id", "type", "url", "secret", "format", "languages");
  private static final List<String> EMAIL_KEYS = List.of("id", "type", "smtp", "from", "to", "digest", "languages");
  private static final List<String> NTFY_KEYS = List.of("id", "type", "url", "token", "priority", "digest", "languages");
  private static final List<String> MATRIX_KEYS = List.of("id", "type", "homeserver", "room", "token", "digest", "languages");
  private static final List<String> DISCORD_KEYS = List.of("id", "type", "url", "digest", "languages");
  private static final List<String> TELEGRAM_KEYS = List.of("id", "type", "token", "chat", "api", "digest", "languages");
  /** Every key a channel of any type may have: what a channel is read with before its type is known. */
  private static final List<String> CHANNEL_KEYS = union(union(union(WEBHOOK_KEYS, EMAIL_KEYS), union(NTFY_KEYS, MATRIX_KEYS)),
      union(DISCORD_KEYS, TELEGRAM_KEYS));
  private static final List<String> NTFY_PRIORITIES = List.of("1", "2", "3", "4", "5", "min", "low", "default", "high", "max", "urgent");
  private static final List<String> SMTP_KEYS = List.of("host", "port", "starttls", "ssl", "username", "password", "timeout");
  private static final List<String> SCHEDULE_KEYS = List.of("every", "cron", "jitter");
  private static final List<String> SITE_KEYS =
      List.of(
          "base_url", "user_agent", "request_delay", "max_pages", "max_items_per_page", "max_connections_per_host",
          "connect_timeout", "read_timeout", "call_timeout", "retries", "retry_backoff",
          "max_body_size", "selectors", "fallback_archive", "self_repair", "repair_pages", "early_warning", "recheck_window",
          "recheck_every");
  private static final List<String> EARLY_WARNING_KEYS = List.of("source", "every", "max_items");
  private static final List<String> COUNTRY_KEYS = List.of("name", "region", "schedule", "notify", "languages");
  private static final List<String> LOGGING_KEYS = List.of("file", "max_file_size", "max_history", "total_size_cap");
  private static final List<String> STORAGE_KEYS = List.of("database", "archive", "busy_timeout", "min_free", "retention", "prune_every");

  /** The template's contact, or any other example domain: nobody can be reached there. */
  private static final Pattern PLACEHOLDER_CONTACT = Pattern.compile("example\\.(org|com|net)", Pattern.CASE_INSENSITIVE);

  /** The problem of a configuration file that does not exist. */
  public static final String MISSING_FILE = "no such file";

  private final UnaryOperator<String> environment;

  public ConfigLoader(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /** A loader that reads {@code ${VAR}} from the process environment. */
  public static ConfigLoader withSystemEnvironment() {
    return new ConfigLoader(System::getenv);
  }

  public MonitorConfig load(Path file) {
    return parse(file, read(file));
  }

  /** Parses {@code yaml} as if it were the content of {@code file}. */
  public MonitorConfig parse(Path file, String yaml) {
    ConfigNode root = new ConfigNode(compose(file, ConfigNode.protectReferences(yaml)), "", file, environment);
    ConfigNode.Mapping top = root.mapping(TOP_KEYS);
    List<String> warnings = new ArrayList<>();
    SiteConfig site = site(top.required("site"), warnings);
    Schedule schedule = top.optional("schedule").map(n -> schedule(n, null)).orElse(Schedule.every(Schedule.DEFAULT_EVERY));
    NotificationsConfig notifications =
        top.optional("notifications").map(n -> notifications(n, warnings)).orElse(NotificationsConfig.none());
    List<String> languages = top.optional("languages").map(ConfigLoader::languages).orElse(CountryConfig.ENGLISH);
    List<CountryConfig> countries = countries(top.required("countries"), schedule, notifications, languages, warnings);
    StorageConfig storage =
        top.optional("storage").map(this::storage).orElse(StorageConfig.under(Path.of("state")));
    WebConfig web = top.optional("web").map(n -> web(n, warnings)).orElse(WebConfig.DEFAULT);
    ClusterConfig cluster = top.optional("cluster").map(ConfigLoader::cluster).orElse(ClusterConfig.defaults());
    LoggingConfig logging = top.optional("logging").map(ConfigLoader::logging).orElse(LoggingConfig.DEFAULT);
    return new MonitorConfig(file, site, schedule, countries, storage, notifications, web, cluster, logging, warnings);
  }

  private static String read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ConfigException(file, 0, "",
            "the file is " + size / 1024 + " KB; a configuration may be at most " + MAX_FILE_BYTES / 1024 + " KB");
      }
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, 0, "", MISSING_FILE);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file, 0, "", "the file is not valid UTF-8");
    } catch (IOException e) {
      throw new ConfigException(file, 0, "", "cannot read the file: " + e.getMessage());
    }
  }

  private static Node compose(Path file, String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    // Aliases are bounded by what they expand to (MAX_EXPANDED_VALUES), not by how many a file uses.
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit((int) MAX_FILE_BYTES);
    try {
      // What Yaml.compose does, without building a Yaml: that loads its constructors and representers too.
      Node node = new Composer(new ParserImpl(new StreamReader(new StringReader(yaml)), options), new Resolver(), options).getSingleNode();
      if (node == null) {
        throw new ConfigException(file, 0, "", "the file is empty");
      }
      ConfigNode.refuseExpansionBeyond(node, MAX_EXPANDED_VALUES, file);
      return node;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      throw new ConfigException(file, line, "", "invalid YAML: " + problem.trim());
    } catch (YAMLException e) {
      throw new ConfigException(file, 0, "", "invalid YAML: " + e.getMessage());
    }
  }

  private SiteConfig site(ConfigNode node, List<String> warnings) {
    ConfigNode.Mapping m = node.mapping(SITE_KEYS);
    String userAgent = m.optional("user_agent").map(ConfigNode::nonBlankString).orElse(SiteConfig.DEFAULT_USER_AGENT);
    m.optional("user_agent").filter(n -> PLACEHOLDER_CONTACT.matcher(userAgent).find()).ifPresent(n -> warnings.add(n.warning(
        "\"" + userAgent + "\" still has the template's placeholder contact: put yours there (an e-mail address or a web page), "
            + "so that the site's operators can reach you")));
    if (m.optional("user_agent").isEmpty()) {
      warnings.add(node.warning("user_agent is not set: requests say \"" + userAgent + "\", with no way to reach you"));
    }
    Duration requestDelay = m.optional("request_delay").map(ConfigNode::duration).orElse(Duration.ofSeconds(2));
    java.net.URI base = baseUrl(m.required("base_url"));
    int connections = m.optional("max_connections_per_host").map(n -> n.integer(1, 64)).orElse(SiteConfig.defaultConnections(requestDelay));
    if (isLiveSite(base) && requestDelay.compareTo(Duration.ofSeconds(1)) < 0) {
      warnings.add(m.required("request_delay").warning(Durations.format(requestDelay) + " between requests to " + base.getHost()
          + " with " + connections + (connections == 1 ? " connection" : " connections") + " is a load on the site: keep"
          + " request_delay at 1s or more (the default is 2s) for the live site"));
    }
    return new SiteConfig(
        base,
        userAgent,
        requestDelay,
        m.optional("max_pages").map(n -> n.integer(1, 10_000)).orElse(20),
        m.optional("max_items_per_page").map(n -> n.integer(1, 100_000)).orElse(SiteConfig.DEFAULT_MAX_ITEMS_PER_PAGE),
        connections,
        positive(m, "connect_timeout", Duration.ofSeconds(10)),
        positive(m, "read_timeout", Duration.ofSeconds(30)),
        positive(m, "call_timeout", Duration.ofSeconds(60)),
        m.optional("retries").map(n -> n.integer(0, 20)).orElse(3),
        m.optional("retry_backoff").map(ConfigNode::duration).orElse(Duration.ofSeconds(1)),
        m.optional("max_body_size").map(ConfigNode::byteSize).orElse(5L * 1024 * 1024),
        m.optional("selectors").map(n -> selectors(n, warnings)).orElse(Selectors.defaults()),
        m.optional("selectors").map(n -> Set.copyOf(n.mapping(selectorKeys()).keys())).orElse(Set.of()),
        m.optional("fallback_archive").map(ConfigNode::bool).orElse(false),
        m.optional("self_repair").map(ConfigNode::bool).orElse(true),
        m.optional("repair_pages").map(n -> n.integer(1, 50)).orElse(5),
        m.optional("early_warning").map(ConfigLoader::earlyWarning).orElse(EarlyWarningConfig.DEFAULT),
        new RecheckConfig(m.optional("recheck_window").map(ConfigNode::duration).orElse(RecheckConfig.DEFAULT.window()),
            positive(m, "recheck_every", RecheckConfig.DEFAULT.every())));
  }

  /** Control characters, and the bidirectional controls that make text print in another order than it is stored. */
  private static boolean isControl(int c) {
    return Character.isISOControl(c) || c == 0x061C || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E
        || c >= 0x2066 && c <= 0x2069;
  }

  /** The site's address: a plain origin and path, read without signing in. */
  private static java.net.URI baseUrl(ConfigNode node) {
    String written = node.unresolvedString();
    java.net.URI url = node.httpUrl();
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

  /** The live site's hosts: no delay between requests there is a load on a small union's server. */
  private static boolean isLiveSite(java.net.URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    return host.equals(LIVE_HOST) || host.endsWith("." + LIVE_HOST);
  }

  private static final String LIVE_HOST = "industriall-union.org";

  private static EarlyWarningConfig earlyWarning(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(EARLY_WARNING_KEYS);
    EarlyWarningConfig.Source source = m.optional("source").map(n -> {
      String value = n.nonBlankString();
      for (EarlyWarningConfig.Source s : EarlyWarningConfig.Source.values()) {
        if (s.id().equals(value)) {
          return s;
        }
      }
      throw n.error("expected rss, latest or off, got '" + value + "'");
    }).orElse(EarlyWarningConfig.Source.RSS);
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

  private static WebConfig web(ConfigNode node, List<String> warnings) {
    ConfigNode.Mapping m = node.mapping(WEB_KEYS);
    boolean enabled = m.optional("enabled").map(ConfigNode::bool).orElse(true);
    String host = WebConfig.DEFAULT_HOST;
    int port = WebConfig.DEFAULT_PORT;
    Optional<ConfigNode> listen = m.optional("listen");
    if (listen.isPresent()) {
      String value = listen.get().nonBlankString().trim();
      java.util.regex.Matcher address = java.util.regex.Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):(\\d{1,5})").matcher(value);
      if (!address.matches() || Integer.parseInt(address.group(2)) > 65535) {
        throw listen.get().error("expected HOST:PORT (127.0.0.1:8470, [::1]:8470; port 0 picks a free one), got '" + value + "'");
      }
      host = address.group(1).replace("[", "").replace("]", "");
      port = Integer.parseInt(address.group(2));
    }
    String token = null;
    Optional<ConfigNode> tokenNode = m.optional("token");
    if (tokenNode.isPresent()) {
      if (!tokenNode.get().refersToVariable() && !tokenNode.get().string().isBlank()) {
        warnings.add(tokenNode.get().warning("is written in the file: read it from the environment instead (token: ${WEB_TOKEN}),"
            + " so that it stays out of backups, commits and logs"));
      }
      token = tokenNode.get().unsetVariables().isEmpty() ? tokenNode.get().string() : null;
    }
    String refusal = null;
    if (!WebConfig.isLoopback(host) && (token == null || token.isBlank())) {
      ConfigNode at = listen.orElseThrow();
      refusal = at.warning("listens beyond this machine (" + host + "), so web.token must be set"
          + (tokenNode.isPresent() ? " (its variable " + String.join(", ", tokenNode.get().unsetVariables()) + " is not set)" : "")
          + ": add token: ${WEB_TOKEN} under web: and export WEB_TOKEN, or listen on 127.0.0.1");
    } else if (tokenNode.isPresent() && !tokenNode.get().unsetVariables().isEmpty()) {
      // As everywhere outside the channels, an unset variable is an error: serving without sign-in is not what was asked for.
      List<String> unset = tokenNode.get().unsetVariables();
      refusal = tokenNode.get().warning("environment variable " + String.join(", ", unset) + " is not set (the value refers to ${"
          + unset.get(0) + "}): export " + unset.get(0) + " in the monitor's environment, or remove token: to serve the console"
          + " on this machine without sign-in");
    }
    List<String> hosts = new ArrayList<>();
    for (ConfigNode item : m.optional("hosts").map(ConfigNode::listOrSingle).orElse(List.of())) {
      String name = item.nonBlankString().trim();
      if (!name.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]")) {
        throw item.error("expected a host name without port (console.example.org, [fd00::5]), got '" + name + "'");
      }
      hosts.add(name);
    }
    return new WebConfig(enabled, host, port, token, refusal, hosts);
  }

  private static Duration positive(ConfigNode.Mapping m, String key, Duration fallback) {
    return m.optional(key)
        .map(n -> {
          Duration d = n.duration();
          if (d.isZero()) {
            throw n.error("must be longer than 0");
          }
          return d;
        })
        .orElse(fallback);
  }

  private static List<String> selectorKeys() {
    List<String> keys = new ArrayList<>(Selectors.defaults().byKey().keySet());
    keys.add(Selectors.LEGACY_PARAGRAPHS);
    return keys;
  }

  private Selectors selectors(ConfigNode node, List<String> warnings) {
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

  /** A schedule; keys it leaves out come from {@code inherited} (null for the top-level one). */
  private Schedule schedule(ConfigNode node, Schedule inherited) {
    ConfigNode.Mapping m = node.mapping(SCHEDULE_KEYS);
    var every = m.optional("every");
    var cron = m.optional("cron");
    if (every.isPresent() && cron.isPresent()) {
      throw cron.get().error("give either every or cron, not both");
    }
    Duration interval = every.map(n -> {
      Duration d = n.duration(Schedule.LONGEST_EVERY);
      if (d.compareTo(Duration.ofMillis(100)) < 0) {
        throw n.error("must be at least 100ms");
      }
      return d;
    }).orElse(null);
    String expression = cron.map(this::cron).orElse(null);
    if (interval == null && expression == null) {
      if (inherited == null) {
        throw node.error("give every (such as 30m) or cron (such as \"0 0/30 * * * ?\")");
      }
      interval = inherited.every();
      expression = inherited.cron();
    }
    Duration jitter = m.optional("jitter").map(ConfigNode::duration)
        .orElse(inherited != null && every.isEmpty() && cron.isEmpty() ? inherited.jitter() : Schedule.defaultJitter(interval));
    return new Schedule(interval, expression, jitter);
  }

  private NotificationsConfig notifications(ConfigNode node, List<String> warnings) {
    ConfigNode.Mapping m = node.mapping(NOTIFICATION_KEYS);
    NotificationsConfig defaults = NotificationsConfig.none();
    List<ChannelConfig> channels = new ArrayList<>();
    Map<String, Integer> lineById = new HashMap<>();
    Map<String, List<String>> languages = new LinkedHashMap<>();
    for (ConfigNode item : m.optional("channels").map(ConfigNode::list).orElse(List.of())) {
      ChannelConfig channel = channel(item);
      item.mapping(CHANNEL_KEYS).optional("languages").map(ConfigLoader::languages).ifPresent(only -> languages.put(channel.id(), only));
      secretsWrittenIn(item, warnings);
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
    List<String> alerts = m.optional("alerts").map(n -> channelIds(n, ids)).orElse(ids);
    return new NotificationsConfig(channels, alerts,
        m.optional("max_attempts").map(n -> n.integer(1, 1000)).orElse(defaults.maxAttempts()),
        m.optional("max_age").map(ConfigNode::duration).orElse(defaults.maxAge()),
        positive(m, "retry_backoff", defaults.retryBackoff()),
        m.optional("failure_threshold").map(n -> n.integer(1, 1000)).orElse(defaults.failureThreshold()),
        m.optional("once_timeout").map(ConfigNode::duration).orElse(defaults.onceTimeout()), languages);
  }

  /**
   * A channel. One whose values refer to unset environment variables is checked all the same
   * (those values aside) and kept as unresolved: only sending needs the secrets, so status,
   * outbox, validate and countries work without them.
   */
  private ChannelConfig channel(ConfigNode item) {
    List<String> unset = item.unsetVariables();
    ConfigNode node = unset.isEmpty() ? item : item.lenient();
    ChannelConfig channel = checkedChannel(node);
    return unset.isEmpty() ? channel : new UnresolvedChannelConfig(channel.id(), node.mapping(CHANNEL_KEYS)
        .required("type").string().trim(), channel.digest(), unset);
  }

  /** A secret written in the file ends up in backups, commits and screenshots: say so, naming key and line. */
  private static void secretsWrittenIn(ConfigNode channel, List<String> warnings) {
    ConfigNode.Mapping m = channel.mapping(CHANNEL_KEYS);
    List<ConfigNode> secrets = new ArrayList<>();
    m.optional("secret").ifPresent(secrets::add);
    m.optional("smtp").map(smtp -> smtp.mapping(SMTP_KEYS)).flatMap(smtp -> smtp.optional("password")).ifPresent(secrets::add);
    String type = m.optional("type").map(ConfigNode::unresolvedString).orElse("").trim();
    Optional<ConfigNode> url = m.optional("url");
    if (url.isPresent() && type.equals("webhook")) {
      String written = url.get().unresolvedString().trim();
      java.util.regex.Matcher password = java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*:([^/?#@]*)@").matcher(written);
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
    if (url.isPresent() && type.equals("ntfy") && !url.get().refersToVariable()) {
      warnings.add(url.get().warning("the topic is written in the file (" + Secrets.maskNtfyUrl(url.get().unresolvedString().trim())
          + "), and whoever knows a topic can read and post to it: read it from the environment instead (url: https://ntfy.sh/${NTFY_TOPIC}),"
          + " so that it stays out of backups, commits and logs"));
    }
    for (ConfigNode secret : secrets) {
      if (!secret.refersToVariable() && !secret.string().isEmpty()) {
        String key = secret.path().substring(secret.path().lastIndexOf('.') + 1);
        warnings.add(secret.warning("is written in the file: read it from the environment instead (" + key + ": ${"
            + (key.equals("secret") ? "WEBHOOK_SECRET" : "SMTP_PASSWORD") + "}), so that it stays out of backups, commits and logs"));
      }
    }
  }

  private ChannelConfig checkedChannel(ConfigNode node) {
    ConfigNode.Mapping probe = node.mapping(CHANNEL_KEYS);
    ConfigNode typeNode = probe.required("type");
    String type = typeNode.nonBlankString().trim();
    ConfigNode.Mapping m;
    switch (type) {
      case "webhook" -> m = node.mapping(WEBHOOK_KEYS);
      case "email" -> m = node.mapping(EMAIL_KEYS);
      case "ntfy" -> m = node.mapping(NTFY_KEYS);
      case "matrix" -> m = node.mapping(MATRIX_KEYS);
      case "discord" -> m = node.mapping(DISCORD_KEYS);
      case "telegram" -> m = node.mapping(TELEGRAM_KEYS);
      default -> throw typeNode.error("unknown channel type '" + type + "' (expected webhook, email, ntfy, matrix, discord or telegram)");
    }
    ConfigNode idNode = m.required("id");
    String id = idNode.nonBlankString().trim();
    if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw idNode.error("an id is 1 to 64 letters, digits, '.', '_' or '-', got '" + id + "'");
    }
    String chatDigest = switch (type) {
      case "ntfy", "matrix", "discord", "telegram" -> m.optional("digest").map(this::cron).orElse(null);
      default -> null;
    };
    switch (type) {
      case "ntfy" -> {
        String priority = m.optional("priority").map(n -> {
          String value = n.nonBlankString().trim().toLowerCase(Locale.ROOT);
          if (!NTFY_PRIORITIES.contains(value)) {
            throw n.error("expected 1 to 5, or min, low, default, high, max or urgent, got '" + value + "'");
          }
          return value;
        }).orElse("default");
        return new ChatChannelConfig.Ntfy(id, m.required("url").httpUrl(), m.optional("token").map(n -> token(n, "NTFY_TOKEN")).orElse(null),
            priority, chatDigest);
      }
      case "matrix" -> {
        String room = m.required("room").nonBlankString().trim();
        if (!room.matches("![^:\\s]+:\\S+")) {
          throw m.required("room").error("expected a room id such as !AbCdEf:example.org (Room settings, Advanced), got '" + room + "'");
        }
        return new ChatChannelConfig.Matrix(id, m.required("homeserver").httpUrl(), room, token(m.required("token"), "MATRIX_TOKEN"),
            chatDigest);
      }
      case "discord" -> {
        ConfigNode url = m.required("url");
        if (!url.refersToVariable()) {
          throw url.error("a Discord webhook address holds its token (" + Secrets.maskDiscordUrl(url.unresolvedString().trim())
              + "), and tokens are read from the environment only: write url: ${DISCORD_WEBHOOK_URL} and export DISCORD_WEBHOOK_URL");
        }
        return new ChatChannelConfig.Discord(id, url.httpUrl(), chatDigest);
      }
      case "telegram" -> {
        String chat = m.required("chat").nonBlankString().trim();
        if (!chat.matches("-?\\d{1,20}|@[A-Za-z0-9_]{5,32}")) {
          throw m.required("chat").error("expected a chat id (a number such as -1001234567890) or @channelname, got '" + chat + "'");
        }
        return new ChatChannelConfig.Telegram(id, token(m.required("token"), "TELEGRAM_TOKEN"), chat,
            m.optional("api").map(ConfigNode::httpUrl).orElse(java.net.URI.create("https://api.telegram.org")), chatDigest);
      }
      default -> { }
    }
    if (type.equals("webhook")) {
      String format = m.optional("format").map(n -> n.nonBlankString().trim()).orElse(WebhookChannelConfig.JSON);
      if (!format.equals(WebhookChannelConfig.JSON) && !format.equals(WebhookChannelConfig.SLACK)) {
        throw m.required("format").error("expected json or slack, got '" + format + "'");
      }
      String secret = m.optional("secret").map(ConfigNode::string).filter(v -> !v.isEmpty()).orElse(null);
      return new WebhookChannelConfig(id, m.required("url").httpUrl(), secret, format);
    }
    String digest = m.optional("digest").map(this::cron).orElse(null);
    List<String> to = new ArrayList<>();
    for (ConfigNode address : m.required("to").listOrSingle()) {
      to.add(emailAddress(address));
    }
    if (to.isEmpty()) {
      throw m.required("to").error("give at least one address");
    }
    return new EmailChannelConfig(id, smtp(m.required("smtp")), emailAddress(m.required("from")), to, digest);
  }

  /** A chat token: from the environment only, so that it never sits in the file, its backups or its commits. */
  private static String token(ConfigNode node, String variable) {
    if (!node.refersToVariable()) {
      throw node.error("a token is read from the environment only: write token: ${" + variable + "} and export " + variable);
    }
    // A variable not set yet: the channel is kept as unresolved and sends nothing until it is.
    return node.unsetVariables().isEmpty() ? node.nonBlankString().trim() : "";
  }

  private SmtpConfig smtp(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(SMTP_KEYS);
    boolean ssl = m.optional("ssl").map(ConfigNode::bool).orElse(false);
    boolean starttls = m.optional("starttls").map(ConfigNode::bool).orElse(!ssl);
    if (ssl && starttls) {
      throw m.required("starttls").error("give ssl (TLS from the start, port 465) or starttls (port 587), not both");
    }
    String username = m.optional("username").map(ConfigNode::string).filter(v -> !v.isEmpty()).orElse(null);
    String password = m.optional("password").map(ConfigNode::string).filter(v -> !v.isEmpty()).orElse(null);
    if (password != null && username == null) {
      throw m.required("password").error("a password needs a username");
    }
    return new SmtpConfig(m.required("host").nonBlankString().trim(),
        m.optional("port").map(n -> n.integer(1, 65535)).orElse(ssl ? 465 : 587),
        starttls, ssl, username, password, positive(m, "timeout", Duration.ofSeconds(30)));
  }

  private static String emailAddress(ConfigNode node) {
    if (!node.unsetVariables().isEmpty()) {
      return node.string();
    }
    String value = node.nonBlankString().trim();
    try {
      new InternetAddress(value, true);
      return value;
    } catch (AddressException e) {
      throw node.error("not a valid e-mail address: '" + value + "'");
    }
  }

  private String cron(ConfigNode n) {
    String value = n.nonBlankString().trim();
    try {
      new CronExpression(value);
    } catch (ParseException e) {
      throw n.error("not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week): "
          + e.getMessage());
    }
    return value;
  }

  private static List<String> channelIds(ConfigNode node, List<String> known) {
    List<String> ids = new ArrayList<>();
    for (ConfigNode item : node.listOrSingle()) {
      String id = item.nonBlankString().trim();
      if (!known.contains(id)) {
        throw item.error("no channel with id '" + id + "'" + (known.isEmpty() ? " (notifications.channels is empty)"
            : " (channels: " + String.join(", ", known) + ")"));
      }
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(k -> !all.contains(k)).forEach(all::add);
    return all;
  }

  /** A list of the site's languages, each once, in the order given. */
  private static List<String> languages(ConfigNode node) {
    List<String> languages = new ArrayList<>();
    for (ConfigNode item : node.listOrSingle()) {
      String language = item.nonBlankString().trim().toLowerCase(Locale.ROOT);
      if (!CountryConfig.SITE_LANGUAGES.contains(language)) {
        throw item.error("expected one of the site's languages (" + String.join(", ", CountryConfig.SITE_LANGUAGES)
            + "), got '" + language + "'");
      }
      if (languages.contains(language)) {
        throw item.error("the language " + language + " is listed twice");
      }
      languages.add(language);
    }
    if (languages.isEmpty()) {
      throw node.error("give at least one language (en, es, fr or ru)");
    }
    return languages;
  }

  private List<CountryConfig> countries(ConfigNode node, Schedule defaultSchedule, NotificationsConfig notifications,
      List<String> defaultLanguages, List<String> warnings) {
    List<CountryConfig> countries = new ArrayList<>();
    if (node.list().isEmpty()) {
      warnings.add(node.warning("is empty: nothing will be crawled (`countries` lists the site's countries with their region ids)"));
    }
    Map<String, Integer> lineByName = new HashMap<>();
    Map<Integer, Integer> lineByRegion = new HashMap<>();
    for (ConfigNode item : node.list()) {
      ConfigNode.Mapping m = item.mapping(COUNTRY_KEYS);
      ConfigNode nameNode = m.required("name");
      String name = nameNode.nonBlankString().trim();
      name.codePoints().filter(ConfigLoader::isControl).findFirst().ifPresent(c -> {
        throw nameNode.error(String.format("a name may not hold control characters (U+%04X); write it as the site does", c));
      });
      ConfigNode regionNode = m.required("region");
      int region = regionNode.integer(1, Integer.MAX_VALUE);
      Integer earlier = lineByName.putIfAbsent(name.toLowerCase(Locale.ROOT), item.line());
      if (earlier != null) {
        throw nameNode.error("the country '" + name + "' is listed twice (first at line " + earlier + ")");
      }
      earlier = lineByRegion.putIfAbsent(region, item.line());
      if (earlier != null) {
        throw regionNode.error("region " + region + " is listed twice (first at line " + earlier + ")");
      }
      Schedule schedule = m.optional("schedule").map(n -> schedule(n, defaultSchedule)).orElse(defaultSchedule);
      List<String> notify = m.optional("notify").map(n -> channelIds(n, notifications.channelIds()))
          .orElse(notifications.channelIds());
      List<String> languages = m.optional("languages").map(ConfigLoader::languages).orElse(defaultLanguages);
      countries.add(new CountryConfig(name, region, schedule, notify, languages));
    }
    return countries;
  }

  private StorageConfig storage(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(STORAGE_KEYS);
    Optional<ConfigNode> database = m.optional("database");
    PostgresTarget postgres = database.filter(n -> n.string().trim().startsWith(PostgresTarget.SCHEME)).map(this::postgres).orElse(null);
    StorageConfig storage = new StorageConfig(
        database.filter(n -> postgres == null).map(n -> Path.of(n.nonBlankString())).orElse(Path.of("state", "monitor.db")),
        m.optional("archive").map(n -> Path.of(n.nonBlankString())).orElse(Path.of("state", "archive")),
        positive(m, "busy_timeout", StorageConfig.DEFAULT_BUSY_TIMEOUT))
        .withMinFree(m.optional("min_free").map(ConfigNode::byteSize).orElse(StorageConfig.DEFAULT_MIN_FREE))
        .withRetention(positive(m, "retention", StorageConfig.DEFAULT_RETENTION), positive(m, "prune_every", StorageConfig.DEFAULT_PRUNE_EVERY));
    return postgres == null ? storage : storage.withPostgres(postgres);
  }

  /**
   * {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB}: a password only as a {@code ${VAR}}
   * reference; without one, {@code PGUSER} and {@code PGPASSWORD} from the environment.
   */
  private PostgresTarget postgres(ConfigNode node) {
    if (PostgresTarget.writtenPassword(node.unresolvedString()).filter(p -> !ConfigNode.isReference(p)).isPresent()) {
      throw node.error("a database password is read from the environment only: write postgresql://HOST:PORT/DB and export"
          + " PGUSER and PGPASSWORD, or write the password as ${VARIABLE}");
    }
    try {
      return PostgresTarget.parse(node.nonBlankString(), environment);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  private static ClusterConfig cluster(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(CLUSTER_KEYS);
    String nodeId = m.optional("node_id").map(n -> n.nonBlankString().trim()).orElse(ClusterConfig.defaultNodeId());
    if (nodeId.length() > 120) {
      throw m.required("node_id").error("a node id has at most 120 characters");
    }
    return new ClusterConfig(nodeId, positive(m, "checkin_interval", ClusterConfig.DEFAULT_CHECKIN_INTERVAL));
  }

  /** The log file: whether there is one, and its rolling; a file larger than the cap on all of them cannot be kept. */
  private static LoggingConfig logging(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(LOGGING_KEYS);
    boolean file = m.optional("file").map(ConfigNode::bool).orElse(LoggingConfig.DEFAULT_FILE);
    long maxFileSize = m.optional("max_file_size").map(ConfigLoader::nonZeroSize).orElse(LoggingConfig.DEFAULT_MAX_FILE_SIZE);
    int maxHistory = m.optional("max_history").map(n -> n.integer(1, LoggingConfig.LONGEST_HISTORY))
        .orElse(LoggingConfig.DEFAULT_MAX_HISTORY);
    long totalSizeCap = m.optional("total_size_cap").map(ConfigLoader::nonZeroSize).orElse(LoggingConfig.DEFAULT_TOTAL_SIZE_CAP);
    if (maxFileSize > totalSizeCap) {
      ConfigNode at = m.optional("max_file_size").orElseGet(() -> m.required("total_size_cap"));
      throw at.error("max_file_size (" + maxFileSize + " bytes) is larger than total_size_cap (" + totalSizeCap
          + " bytes): the log files together could not hold one");
    }
    return new LoggingConfig(file, maxFileSize, maxHistory, totalSizeCap);
  }

  private static long nonZeroSize(ConfigNode node) {
    long size = node.byteSize();
    if (size == 0) {
      throw node.error("must be larger than 0");
    }
    return size;
  }
}
