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
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads {@code monitor.yaml} into a validated {@link MonitorConfig}: the file's bounds (size,
 * encoding, aliases) here, each top-level section by its own reader, every default from {@link
 * MonitorDefaults}.
 */
public final class ConfigLoader {
  /** Far above any real configuration; keeps a runaway file from exhausting memory. */
  static final long MAX_FILE_BYTES = 1024 * 1024;
  /** Aliases ({@code *name}) a file may use; what bounds them is {@link #MAX_EXPANDED_VALUES}. */
  private static final int MAX_ALIASES = 1000;
  /** Values a document may stand for with its aliases expanded: far beyond any real configuration, far below an alias bomb. */
  private static final int MAX_EXPANDED_VALUES = 100_000;

  private static final List<String> TOP_KEYS = List.of("site", "schedule", "countries", "storage", "notifications", "web", "languages", "cluster", "logging");

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

  /** Parses {@code yaml} as if it were the content of {@code file}: each section by its own reader, in this order. */
  public MonitorConfig parse(Path file, String yaml) {
    ConfigNode root = new ConfigNode(compose(file, ConfigNode.protectReferences(yaml)), "", file, environment);
    ConfigNode.Mapping top = root.mapping(TOP_KEYS);
    MonitorDefaults defaults = MonitorDefaults.builtIn();
    ScheduleReader schedules = new ScheduleReader();
    List<String> warnings = new ArrayList<>();
    SiteConfig site = new SiteReader(defaults).read(top.required("site"), warnings);
    Schedule schedule = top.optional("schedule").map(n -> schedules.read(n, null)).orElse(schedules.defaults());
    NotificationsReader notificationsReader = new NotificationsReader(defaults, site.themes());
    NotificationsConfig notifications =
        top.optional("notifications").map(n -> notificationsReader.read(n, warnings)).orElse(NotificationsConfig.none());
    List<String> languages = top.optional("languages").map(ConfigValues::languages).orElse(CountryConfig.DEFAULT_LANGUAGES);
    List<CountryConfig> countries =
        new CountriesReader(schedules).read(top.required("countries"), schedule, notifications, languages, warnings);
    notifications = notificationsReader.withCountries(notifications, countries, warnings);
    StorageConfig storage = top.optional("storage").map(new StorageReader(environment)::read).orElse(StorageConfig.defaults());
    WebConfig web = top.optional("web").map(n -> new WebReader().read(n, warnings)).orElse(WebConfig.DEFAULT);
    ClusterConfig cluster = top.optional("cluster").map(new ClusterReader()::read).orElse(ClusterConfig.defaults());
    LoggingConfig logging = top.optional("logging").map(new LoggingReader()::read).orElse(LoggingConfig.DEFAULT);
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
      String problem = (e.getProblem() == null ? e.getMessage() : e.getProblem()).trim();
      Mark context = e.getContextMark();
      // A quote never closed runs to the end of the file: the line to fix is the one where it opened.
      if (context != null && e.getContext() != null && e.getContext().contains("quoted scalar")) {
        throw new ConfigException(file, context.getLine() + 1, "", "invalid YAML: the quote that opens at column " + (context.getColumn() + 1)
            + " is never closed (" + problem + "): close it, or write the value without quotes");
      }
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : context;
      int line = mark == null ? 0 : mark.getLine() + 1;
      throw new ConfigException(file, line, "", "invalid YAML: " + problem);
    } catch (YAMLException e) {
      throw new ConfigException(file, 0, "", "invalid YAML: " + e.getMessage());
    }
  }
}
