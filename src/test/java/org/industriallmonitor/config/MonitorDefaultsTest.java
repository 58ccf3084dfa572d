package org.industriallmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code monitor-defaults.yaml} is the one place a default is written: the loader, the template
 * that {@code init} writes and the configuration reference must all say what it says.
 */
class MonitorDefaultsTest {
  private static final Path FILE = Path.of("config/monitor.yaml");
  private static final MonitorDefaults DEFAULTS = MonitorDefaults.builtIn();

  private static final String MINIMAL = """
      site:
        base_url: https://www.industriall-union.org
      countries:
        - {name: Kyrgyzstan, region: 364}
      """;
  /** One channel of each type that has defaults, each with nothing but its required keys. */
  private static final String CHANNELS = """
      notifications:
        channels:
          - {id: hook, type: webhook, url: "https://hooks.example.org/x"}
          - {id: mail, type: email, smtp: {host: smtp.example.org}, from: m@example.org, to: t@example.org}
          - {id: phone, type: ntfy, url: "https://ntfy.sh/${TOPIC}"}
          - {id: bot, type: telegram, token: "${TELEGRAM_TOKEN}", chat: "-100123"}
      """;

  private final ConfigLoader loader = new ConfigLoader(Map.of("TOPIC", "t", "TELEGRAM_TOKEN", "123:abc")::get);

  // (a) -------------------------------------------------------------------------------------------

  @Test
  void everyDefaultTheLoaderGivesIsTheFilesOwn() {
    MonitorConfig plain = loader.parse(FILE, MINIMAL + CHANNELS);
    MonitorConfig noDelay = loader.parse(FILE, MINIMAL.replace("base_url: https://www.industriall-union.org",
        "base_url: http://127.0.0.1:8080\n  request_delay: 0ms"));
    MonitorConfig cron = loader.parse(FILE, MINIMAL + "schedule: {cron: \"0 0 8 * * ?\"}\n");
    MonitorConfig ssl = loader.parse(FILE, MINIMAL + CHANNELS.replace("smtp: {host: smtp.example.org}",
        "smtp: {host: smtp.example.org, ssl: true}"));

    Map<String, Function<MonitorConfig, Object>> loaded = new LinkedHashMap<>();
    Map<String, MonitorConfig> configOf = new TreeMap<>();
    loaded.put("site.user_agent", c -> c.site().userAgent());
    loaded.put("site.request_delay", c -> c.site().requestDelay());
    loaded.put("site.max_pages", c -> c.site().maxPages());
    loaded.put("site.max_items_per_page", c -> c.site().maxItemsPerPage());
    loaded.put("site.max_connections_per_host", c -> c.site().maxConnectionsPerHost());
    loaded.put("site.connect_timeout", c -> c.site().connectTimeout());
    loaded.put("site.read_timeout", c -> c.site().readTimeout());
    loaded.put("site.call_timeout", c -> c.site().callTimeout());
    loaded.put("site.retries", c -> c.site().retries());
    loaded.put("site.retry_backoff", c -> c.site().retryBackoff());
    loaded.put("site.max_body_size", c -> c.site().maxBodySize());
    loaded.put("site.fallback_archive", c -> c.site().fallbackArchive());
    loaded.put("site.self_repair", c -> c.site().selfRepair());
    loaded.put("site.repair_pages", c -> c.site().repairPages());
    loaded.put("site.recheck_window", c -> c.site().recheck().window());
    loaded.put("site.recheck_every", c -> c.site().recheck().every());
    loaded.put("site.themes", c -> c.site().themes());
    loaded.put("site.early_warning.source", c -> c.site().earlyWarning().source().id());
    loaded.put("site.early_warning.every", c -> c.site().earlyWarning().every());
    loaded.put("site.early_warning.max_items", c -> c.site().earlyWarning().maxItems());
    for (String selector : DEFAULTS.section("site.selectors").keySet()) {
      loaded.put("site.selectors." + selector, c -> c.site().selectors().byKey().get(selector));
    }
    loaded.put("schedule.every", c -> c.schedule().every());
    loaded.put("schedule.jitter", c -> c.schedule().jitter());
    loaded.put("languages", c -> c.countries().get(0).languages());
    loaded.put("storage.database", c -> c.storage().database());
    loaded.put("storage.archive", c -> c.storage().archive());
    loaded.put("storage.busy_timeout", c -> c.storage().busyTimeout());
    loaded.put("storage.min_free", c -> c.storage().minFree());
    loaded.put("storage.retention", c -> c.storage().retention());
    loaded.put("storage.prune_every", c -> c.storage().pruneEvery());
    loaded.put("notifications.max_attempts", c -> c.notifications().maxAttempts());
    loaded.put("notifications.max_age", c -> c.notifications().maxAge());
    loaded.put("notifications.retry_backoff", c -> c.notifications().retryBackoff());
    loaded.put("notifications.failure_threshold", c -> c.notifications().failureThreshold());
    loaded.put("notifications.once_timeout", c -> c.notifications().onceTimeout());
    loaded.put("notifications.channels[webhook].format", c -> ((WebhookChannelConfig) channel(c, "hook")).format());
    loaded.put("notifications.channels[email].smtp.port", c -> ((EmailChannelConfig) channel(c, "mail")).smtp().port());
    loaded.put("notifications.channels[email].smtp.starttls", c -> ((EmailChannelConfig) channel(c, "mail")).smtp().starttls());
    loaded.put("notifications.channels[email].smtp.ssl", c -> ((EmailChannelConfig) channel(c, "mail")).smtp().ssl());
    loaded.put("notifications.channels[email].smtp.timeout", c -> ((EmailChannelConfig) channel(c, "mail")).smtp().timeout());
    loaded.put("notifications.channels[ntfy].priority", c -> ((ChatChannelConfig.Ntfy) channel(c, "phone")).priority());
    loaded.put("notifications.channels[telegram].api", c -> ((ChatChannelConfig.Telegram) channel(c, "bot")).api());
    loaded.put("web.enabled", c -> c.web().enabled());
    loaded.put("web.listen", c -> c.web().listen());
    loaded.put("cluster.checkin_interval", c -> c.cluster().checkinInterval());
    loaded.put("logging.file", c -> c.logging().file());
    loaded.put("logging.max_file_size", c -> c.logging().maxFileSize());
    loaded.put("logging.max_history", c -> c.logging().maxHistory());
    loaded.put("logging.total_size_cap", c -> c.logging().totalSizeCap());
    loaded.put("conditional.site.max_connections_per_host_without_delay", c -> c.site().maxConnectionsPerHost());
    configOf.put("conditional.site.max_connections_per_host_without_delay", noDelay);
    loaded.put("conditional.smtp.port_with_ssl", c -> ((EmailChannelConfig) channel(c, "mail")).smtp().port());
    configOf.put("conditional.smtp.port_with_ssl", ssl);
    loaded.put("conditional.schedule.jitter_with_cron", c -> c.schedule().jitter());
    configOf.put("conditional.schedule.jitter_with_cron", cron);

    Set<String> fileKeys = new LinkedHashSet<>(DEFAULTS.scalars().keySet());
    fileKeys.addAll(DEFAULTS.lists().keySet());
    // A default added to the file needs a line here: otherwise nothing proves the loader uses it.
    assertThat(loaded.keySet()).containsExactlyInAnyOrderElementsOf(fileKeys);
    loaded.forEach((key, read) -> {
      Object actual = read.apply(configOf.getOrDefault(key, plain));
      assertThat(actual).as(key).isEqualTo(fromFile(key, actual));
    });
  }

  @Test
  void theDefaultsFileIsAMonitorYamlThatChangesNothing() throws Exception {
    String text;
    try (InputStream in = MonitorDefaultsTest.class.getResourceAsStream(MonitorDefaults.RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // What is not a key of monitor.yaml: the channels' defaults by type (no id, no address) and the conditional ones.
    StringBuilder yaml = new StringBuilder();
    boolean skipping = false;
    for (String line : text.split("\n")) {
      if (line.equals("  channels:") || line.startsWith("conditional:")) {
        skipping = true;
      } else if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("#")) {
        skipping = false;
      }
      if (!skipping) {
        yaml.append(line.equals("site:") ? "site:\n  base_url: https://www.industriall-union.org" : line).append('\n');
      }
    }
    yaml.append("countries:\n  - {name: Kyrgyzstan, region: 364}\n");

    MonitorConfig written = loader.parse(FILE, yaml.toString());
    MonitorConfig minimal = loader.parse(FILE, MINIMAL);

    assertThat(written.site()).usingRecursiveComparison().ignoringFields("configuredSelectors").isEqualTo(minimal.site());
    assertThat(written.schedule()).isEqualTo(minimal.schedule());
    assertThat(written.countries()).isEqualTo(minimal.countries());
    assertThat(written.storage()).isEqualTo(minimal.storage());
    assertThat(written.notifications()).isEqualTo(minimal.notifications());
    assertThat(written.web()).isEqualTo(minimal.web());
    assertThat(written.cluster()).isEqualTo(minimal.cluster());
    assertThat(written.logging()).isEqualTo(minimal.logging());
  }

  @Test
  void theConfigRecordsConstantsAreTheFilesToo() {
    assertThat(SiteConfig.DEFAULT_USER_AGENT).isEqualTo(DEFAULTS.string("site.user_agent"));
    assertThat(Schedule.every(Schedule.DEFAULT_EVERY).every()).isEqualTo(DEFAULTS.duration("schedule.every"));
    assertThat(WebConfig.DEFAULT.listen()).isEqualTo(DEFAULTS.string("web.listen"));
    assertThat(EarlyWarningConfig.DEFAULT).isEqualTo(new EarlyWarningConfig(EarlyWarningConfig.Source.RSS,
        DEFAULTS.duration("site.early_warning.every"), DEFAULTS.integer("site.early_warning.max_items")));
    assertThat(NotificationsConfig.none().maxAttempts()).isEqualTo(DEFAULTS.integer("notifications.max_attempts"));
    assertThat(LoggingConfig.DEFAULT.totalSizeCap()).isEqualTo(DEFAULTS.byteSize("logging.total_size_cap"));
    assertThat(Selectors.defaults().byKey()).isEqualTo(DEFAULTS.section("site.selectors"));
  }

  @Test
  void aFileWithoutAKeyOrWithAMalformedValueIsABrokenJarNotADefault() {
    MonitorDefaults broken = MonitorDefaults.parse(new java.io.StringReader("site: {request_delay: soon}\n"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.duration("site.request_delay"))
        .hasMessageContaining("site.request_delay").hasMessageContaining("soon");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.integer("site.max_pages"))
        .hasMessageContaining("has no default for site.max_pages");
  }

  private static ChannelConfig channel(MonitorConfig config, String id) {
    return config.notifications().channel(id).orElseThrow();
  }

  /** The file's value of {@code key}, read as the type the loader gave. */
  private static Object fromFile(String key, Object like) {
    if (like instanceof List) {
      return DEFAULTS.list(key);
    }
    if (like instanceof Duration) {
      return DEFAULTS.duration(key);
    }
    if (like instanceof Integer) {
      return DEFAULTS.integer(key);
    }
    if (like instanceof Long) {
      return DEFAULTS.byteSize(key);
    }
    if (like instanceof Boolean) {
      return DEFAULTS.bool(key);
    }
    if (like instanceof Path) {
      return Path.of(DEFAULTS.string(key));
    }
    if (like instanceof URI) {
      return URI.create(DEFAULTS.string(key));
    }
    return DEFAULTS.string(key);
  }

  // (b) -------------------------------------------------------------------------------------------

  /**
   * Values the template writes on purpose instead of the default, each with its reason: the
   * placeholder contact the user must replace, the walks' interval beside the early warning, and
   * the PostgreSQL alternative to the SQLite file.
   */
  private static final Set<String> TEMPLATE_CHOICES = Set.of(
      "site.user_agent=industriall-monitor/0.1 (+https://example.org/contact)",
      "schedule.every=6h",
      "storage.database=postgresql://db.example.org:5432/monitor");

  @Test
  void theTemplateInitWritesSaysWhatTheDefaultsFileSays() throws Exception {
    String template;
    try (InputStream in = MonitorDefaultsTest.class.getResourceAsStream("/templates/monitor.yaml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> compared = new ArrayList<>();
    Set<String> choicesSeen = new LinkedHashSet<>();
    for (Map.Entry<String, String> written : templateValues(template)) {
      String key = written.getKey();
      List<String> defaults = defaultsOf(key);
      if (defaults.isEmpty()) {
        continue; // a key without a default (base_url, a country, a channel's address): an example
      }
      String choice = key + "=" + written.getValue();
      if (TEMPLATE_CHOICES.contains(choice)) {
        choicesSeen.add(choice);
        continue;
      }
      assertThat(defaults).as("the template's " + key + " (" + written.getValue() + ")").contains(written.getValue());
      compared.add(key);
    }
    assertThat(choicesSeen).as("template choices still written").isEqualTo(TEMPLATE_CHOICES);
    // What the template mentions, commented or not: most of the defaults, its logging block included.
    assertThat(compared).contains("site.request_delay", "site.max_items_per_page", "site.selectors.article_body",
        "schedule.jitter", "storage.min_free", "notifications.channels[].format", "notifications.channels[].smtp.port",
        "web.listen", "cluster.checkin_interval", "logging.total_size_cap").hasSizeGreaterThan(40);
  }

  private static final Pattern KEY_LINE = Pattern.compile("( *)(- )?([a-z_]+):(?: +(.*?))? *");

  /**
   * Every {@code key: value} of the template, commented or not, by its dotted key (list items as
   * {@code []}), values unquoted; a flow mapping {@code {a: 1, b: 2}} gives one entry per key.
   */
  static List<Map.Entry<String, String>> templateValues(String template) {
    List<Map.Entry<String, String>> values = new ArrayList<>();
    Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
    for (String raw : template.split("\n")) {
      String line = raw;
      for (Matcher comment = Pattern.compile("( *)# ?(.*)").matcher(line); comment.matches();
          comment = Pattern.compile("( *)# ?(.*)").matcher(line)) {
        line = comment.group(1) + comment.group(2);
      }
      line = line.replaceAll(" +#( .*)?$", "");
      Matcher m = KEY_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      int indent = m.group(1).length();
      if (m.group(2) != null) {
        while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
          parents.pop();
        }
        parents.push(Map.entry(indent, (parents.isEmpty() ? "" : parents.peek().getValue()) + "[]"));
        indent += 2;
      }
      while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
        parents.pop();
      }
      String parent = parents.isEmpty() ? "" : parents.peek().getValue();
      String key = (parent.isEmpty() ? "" : parent.endsWith("[]") ? parent + "." : parent + ".") + m.group(3);
      String value = m.group(4);
      if (value == null || value.isEmpty()) {
        parents.push(Map.entry(indent, key));
      } else if (value.startsWith("{")) {
        for (String pair : value.substring(1, value.length() - 1).split(", ")) {
          int colon = pair.indexOf(": ");
          values.add(Map.entry(key + "." + pair.substring(0, colon).trim(), unquote(pair.substring(colon + 2))));
        }
      } else {
        values.add(Map.entry(key, unquote(value)));
      }
    }
    return values;
  }

  private static String unquote(String value) {
    String v = value.trim();
    return v.length() > 1 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  /**
   * What the defaults file says of {@code key} as the template or the docs write it: its value
   * (a list as {@code [a, b]}) and the values it takes in another case ({@code conditional.}); a
   * channel's key ({@code notifications.channels[].format}) is looked up in each type's defaults.
   */
  private static List<String> defaultsOf(String key) {
    List<String> keys = new ArrayList<>();
    if (key.startsWith("notifications.channels[].")) {
      String relative = key.substring("notifications.channels[].".length());
      for (ChannelType type : ChannelType.values()) {
        keys.add(MonitorDefaults.channelKey(type, relative));
      }
    } else {
      keys.add(key);
    }
    List<String> values = new ArrayList<>();
    for (String k : keys) {
      if (DEFAULTS.scalars().containsKey(k)) {
        values.add(DEFAULTS.string(k));
      }
      if (DEFAULTS.lists().containsKey(k)) {
        values.add("[" + String.join(", ", DEFAULTS.list(k)) + "]");
      }
    }
    if (!values.isEmpty()) {
      String owner = key.startsWith("notifications.channels[].") ? key.substring("notifications.channels[].".length()) : key;
      DEFAULTS.scalars().forEach((k, v) -> {
        if (k.startsWith("conditional." + owner + "_")) {
          values.add(v);
        }
      });
    }
    return values;
  }

  // (c) -------------------------------------------------------------------------------------------

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void theConfigurationReferenceGivesTheFilesDefaults() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("docs/configuration.md"));
    Set<String> documented = new LinkedHashSet<>();
    String prefix = null;
    boolean defaultsTable = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        prefix = line.startsWith("## Selectors") ? "site.selectors." : line.startsWith("## Channels") ? "notifications.channels[]." : "";
      }
      if (line.startsWith("| ") && !line.startsWith("| `") && !line.startsWith("| ---")) {
        defaultsTable = line.startsWith("| key | default |"); // a table's header: only those of keys and defaults
      }
      if (!line.startsWith("| `") || prefix == null || !defaultsTable) {
        continue;
      }
      String[] cells = line.split("\\|");
      String keyCell = cells[1];
      String defaultCell = cells[2];
      if (keyCell.contains("*")) {
        continue; // site.selectors.*: the Selectors table gives each
      }
      List<String> keys = new ArrayList<>();
      for (Matcher m = CODE.matcher(keyCell); m.find(); ) {
        keys.add(prefix + m.group(1));
      }
      checkRow(line, keys, defaultCell, documented);
    }
    Set<String> fileKeys = new LinkedHashSet<>();
    DEFAULTS.scalars().keySet().stream().filter(k -> !k.startsWith("conditional.")).forEach(fileKeys::add);
    fileKeys.addAll(DEFAULTS.lists().keySet());
    // Each default is in a table, with its value: channel keys are matched by their type's defaults.
    Set<String> undocumented = new LinkedHashSet<>(fileKeys);
    undocumented.removeIf(k -> documented.contains(k)
        || documented.contains(k.replaceFirst("^notifications\\.channels\\[[a-z]+]\\.", "notifications.channels[]."))
        && k.startsWith("notifications.channels["));
    assertThat(undocumented).as("defaults missing from docs/configuration.md's tables").isEmpty();
  }

  /**
   * One table row: each value it gives ({@code `2s`}) must be a default of its keys in the file,
   * and each of their defaults must be given. {@code `key: value`} names the key; a key's name
   * alone ({@code `every`}), a reference ({@code `schedule:`}) or a condition on another key
   * ({@code `request_delay: 0ms`}) is prose.
   */
  private static void checkRow(String row, List<String> keys, String defaultCell, Set<String> documented) {
    Map<String, List<String>> defaults = new LinkedHashMap<>();
    for (String key : keys) {
      List<String> values = defaultsOf(key);
      if (!values.isEmpty()) {
        defaults.put(key, values);
      }
    }
    Set<String> leaves = new LinkedHashSet<>();
    keys.forEach(k -> leaves.add(k.substring(k.lastIndexOf('.') + 1)));
    List<String> given = new ArrayList<>();
    for (Matcher m = CODE.matcher(defaultCell); m.find(); ) {
      String token = m.group(1);
      int colon = token.indexOf(": ");
      if (colon > 0) {
        String leaf = token.substring(0, colon);
        keys.stream().filter(k -> k.endsWith("." + leaf) || k.equals(leaf)).findFirst().ifPresent(k -> {
          assertThat(defaults.getOrDefault(k, List.of())).as(row).contains(token.substring(colon + 2));
          given.add(token.substring(colon + 2));
        });
      } else if (!token.endsWith(":") && !isKeyName(token)) {
        given.add(token);
      }
    }
    List<String> all = defaults.values().stream().flatMap(List::stream).toList();
    assertThat(all).as("the defaults file has these values for " + row).containsAll(given);
    assertThat(given).as("the docs give every default of " + row).containsAll(all);
    if (defaults.size() == keys.size() && keys.size() > 1 && given.size() == keys.size()) {
      for (int i = 0; i < keys.size(); i++) {
        assertThat(defaults.get(keys.get(i))).as(row + ": " + keys.get(i)).contains(given.get(i));
      }
    }
    documented.addAll(defaults.keySet());
  }

  /** A key's own name used in prose ({@code every}, {@code ssl}), not a value. */
  private static boolean isKeyName(String token) {
    return DEFAULTS.scalars().keySet().stream().anyMatch(k -> k.endsWith("." + token)) || token.equals("cron");
  }
}
