package org.industriallmonitor.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One node of the YAML tree with its key path and line, so that every conversion error can say
 * where it happened.
 */
final class ConfigNode {
  /**
   * A {@code ${VAR}} reference. Before parsing, each one is turned into a placeholder between
   * private-use characters, so that {@code password: ${SMTP_PASSWORD}} also works inside a flow
   * mapping {@code {...}}, where braces would otherwise end the mapping.
   */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}\\n]*))?}");
  private static final char OPEN = '\uE000';
  private static final char DEFAULT = '\uE002';
  private static final char CLOSE = '\uE001';
  private static final Pattern PLACEHOLDER = Pattern.compile(OPEN + "([A-Za-z_][A-Za-z0-9_]*)(?:" + DEFAULT + "([^" + CLOSE + "]*))?" + CLOSE);

  private final Node node;
  private final String path;
  private final Path file;
  private final UnaryOperator<String> environment;
  /** An unset variable reads as empty text here instead of being an error (a channel's secret, say). */
  private final boolean lenient;

  ConfigNode(Node node, String path, Path file, UnaryOperator<String> environment) {
    this(node, path, file, environment, false);
  }

  private ConfigNode(Node node, String path, Path file, UnaryOperator<String> environment, boolean lenient) {
    this.node = node;
    this.path = path;
    this.file = file;
    this.environment = environment;
    this.lenient = lenient;
  }

  /** This node, and every node below it, with unset variables read as empty text. */
  ConfigNode lenient() {
    return new ConfigNode(node, path, file, environment, true);
  }

  private ConfigNode child(Node child, String childPath) {
    return new ConfigNode(child, childPath, file, environment, lenient);
  }

  String path() {
    return path;
  }

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  ConfigException error(String problem) {
    return new ConfigException(file, line(), path, problem);
  }

  boolean isNull() {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /** The keys of a mapping node; any key outside {@code allowed} is an error at its own line. */
  Mapping mapping(Collection<String> allowed) {
    if (!(node instanceof MappingNode mapping)) {
      throw error("expected a mapping of keys (" + String.join(", ", allowed) + "), got " + describe());
    }
    Map<String, ConfigNode> children = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String childPath = path.isEmpty() ? "" : path + ".";
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        throw child(keyNode, childPath + "?").error("keys must be plain words");
      }
      String key = scalarKey.getValue();
      ConfigNode child = child(tuple.getValueNode(), childPath + key);
      if (!allowed.contains(key)) {
        throw child(keyNode, childPath + key).error("unknown key '" + key + "'" + suggestion(key, allowed));
      }
      ConfigNode earlier = children.put(key, child);
      if (earlier != null) {
        throw child(keyNode, childPath + key).error("duplicate key " + key + " (first at line " + earlier.line() + ")");
      }
    }
    return new Mapping(this, children);
  }

  List<ConfigNode> list() {
    if (!(node instanceof SequenceNode sequence)) {
      throw error("expected a list, got " + describe());
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(child(sequence.getValue().get(i), path + "[" + i + "]"));
    }
    return items;
  }

  /** A list, or a single scalar taken as a list of one. */
  List<ConfigNode> listOrSingle() {
    return node instanceof ScalarNode ? List.of(this) : list();
  }

  String string() {
    return scalar("a text value");
  }

  /** The value as written, its {@code ${VAR}} references not replaced (to tell a reference from a literal). */
  String unresolvedString() {
    if (!(node instanceof ScalarNode scalar) || isNull()) {
      throw error("expected a text value, got " + describe());
    }
    return scalar.getValue();
  }

  /** Whether {@code unresolved} (part of an {@link #unresolvedString}) is one {@code ${VAR}} reference and nothing else. */
  static boolean isReference(String unresolved) {
    return PLACEHOLDER.matcher(unresolved).matches();
  }

  private String scalar(String expected) {
    if (!(node instanceof ScalarNode scalar) || isNull()) {
      throw error("expected " + expected + ", got " + describe());
    }
    return substitute(scalar.getValue());
  }

  String nonBlankString() {
    String value = string();
    if (value.isBlank()) {
      throw error("must not be empty");
    }
    return value;
  }

  int integer(int min, int max) {
    String value = scalar("a whole number").trim();
    int number;
    try {
      number = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw error("expected a whole number, got '" + value + "'");
    }
    if (number < min || number > max) {
      throw error("must be between " + min + " and " + max + ", got " + number);
    }
    return number;
  }

  boolean bool() {
    String value = scalar("true or false").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error("expected true or false, got '" + value + "'");
    };
  }

  Duration duration() {
    return duration(Durations.LONGEST);
  }

  /** A duration of at most {@code longest}: a larger one cannot be meant (a next run in the year 275817). */
  Duration duration(Duration longest) {
    String value = scalar("a duration");
    Duration d = Durations.parse(value)
        .orElseThrow(() -> error("expected a duration such as 300ms, 2s, 30m, 12h or 1d, got '" + value + "'"));
    if (d.compareTo(longest) > 0) {
      throw error("must be at most " + Durations.format(longest) + ", got " + value.trim());
    }
    return d;
  }

  /** A byte size: a whole number of bytes or a number with KB, MB or GB (powers of 1024). */
  long byteSize() {
    String value = string().trim().toUpperCase(Locale.ROOT);
    return ByteSizes.parse(value).orElseThrow(() -> error("expected a size such as 500KB or 5MB, got '" + value + "'"));
  }

  URI httpUrl() {
    if (lenient && !unsetVariables().isEmpty()) {
      // Nothing to check until the variable is set; the channel does not send meanwhile.
      return URI.create("http://unset.invalid/");
    }
    String value = nonBlankString().trim();
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw error("expected an http:// or https:// address, got '" + Secrets.maskUserInfo(value) + "'");
      }
      if (uri.getPort() == 0 || uri.getPort() > 65535) {
        throw error("the port must be between 1 and 65535, got " + uri.getPort());
      }
      return uri;
    } catch (URISyntaxException e) {
      throw error("not a valid address: " + e.getReason());
    }
  }

  /** Replaces each {@code ${VAR}} of the raw text by a placeholder that YAML reads as plain text. */
  static String protectReferences(String yaml) {
    Matcher m = REFERENCE.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String placeholder = OPEN + m.group(1) + (m.group(2) == null ? "" : DEFAULT + m.group(2)) + CLOSE;
      m.appendReplacement(out, Matcher.quoteReplacement(placeholder));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String substitute(String value) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement = environment.apply(name);
      if (replacement == null) {
        replacement = m.group(2);
      }
      if (replacement == null && lenient) {
        replacement = "";
      }
      if (replacement == null) {
        throw error("environment variable " + name + " is not set (the value refers to ${" + name + "})");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The environment variables that values in this node (or below it) refer to and that are not
   * set, without a default: in order, each once.
   */
  List<String> unsetVariables() {
    java.util.LinkedHashSet<String> unset = new java.util.LinkedHashSet<>();
    collectUnset(node, unset);
    return List.copyOf(unset);
  }

  private void collectUnset(Node n, java.util.Set<String> unset) {
    if (n instanceof ScalarNode scalar) {
      Matcher m = PLACEHOLDER.matcher(scalar.getValue());
      while (m.find()) {
        if (m.group(2) == null && environment.apply(m.group(1)) == null) {
          unset.add(m.group(1));
        }
      }
    } else if (n instanceof MappingNode mapping) {
      mapping.getValue().forEach(t -> collectUnset(t.getValueNode(), unset));
    } else if (n instanceof SequenceNode sequence) {
      sequence.getValue().forEach(child -> collectUnset(child, unset));
    }
  }

  /**
   * Refuses a document whose aliases expand it beyond {@code limit} values (an alias bomb: a few
   * lines that stand for a billion), before anything walks it.
   */
  static void refuseExpansionBeyond(Node root, int limit, Path file) {
    long[] seen = {0};
    java.util.ArrayDeque<Node> pending = new java.util.ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      Node n = pending.pop();
      if (++seen[0] > limit) {
        throw new ConfigException(file, n.getStartMark().getLine() + 1, "", "the document stands for more than " + limit
            + " values through its aliases (*name): write the values out, or use fewer aliases of aliases");
      }
      if (n instanceof MappingNode mapping) {
        mapping.getValue().forEach(t -> {
          pending.push(t.getKeyNode());
          pending.push(t.getValueNode());
        });
      } else if (n instanceof SequenceNode sequence) {
        sequence.getValue().forEach(pending::push);
      }
    }
  }

  /** True when this scalar's text refers to an environment variable ({@code ${VAR}}). */
  boolean refersToVariable() {
    return node instanceof ScalarNode scalar && PLACEHOLDER.matcher(scalar.getValue()).find();
  }

  /** A warning about this node, located like an error: file, line and key. */
  String warning(String problem) {
    return error(problem).getMessage();
  }

  private String describe() {
    if (node instanceof MappingNode) return "a mapping";
    if (node instanceof SequenceNode) return "a list";
    if (isNull()) return "nothing";
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  private static String suggestion(String key, Collection<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : allowed) {
      int d = editDistance(key.toLowerCase(Locale.ROOT), candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null
        ? " (did you mean '" + best + "'?)"
        : " (expected one of: " + String.join(", ", allowed) + ")";
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The children of a mapping node by key. */
  static final class Mapping {
    private final ConfigNode owner;
    private final Map<String, ConfigNode> children;

    private Mapping(ConfigNode owner, Map<String, ConfigNode> children) {
      this.owner = owner;
      this.children = children;
    }

    Optional<ConfigNode> optional(String key) {
      ConfigNode child = children.get(key);
      return child == null || child.isNull() ? Optional.empty() : Optional.of(child);
    }

    /**
     * The value of {@code key} when the file writes the key, even with no value ({@code match:} alone): for a key
     * whose absence means "everything", written empty is an error of its own, not the same as leaving it out.
     */
    Optional<ConfigNode> written(String key) {
      return Optional.ofNullable(children.get(key));
    }

    /** The keys the file sets here. */
    java.util.Set<String> keys() {
      return children.keySet();
    }

    ConfigNode required(String key) {
      return optional(key).orElseThrow(() -> owner.error("missing required key '" + key + "'"));
    }
  }
}
