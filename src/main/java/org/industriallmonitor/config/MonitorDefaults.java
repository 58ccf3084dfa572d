package org.industriallmonitor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The default of every key of {@code monitor.yaml}, read once from {@code monitor-defaults.yaml}
 * in the jar: the one place a default is written, so that the loader, the template and the docs
 * cannot drift apart unnoticed ({@code MonitorDefaultsTest} compares them).
 *
 * <p>Keys are dotted paths as in error messages ({@code site.early_warning.every}); a channel
 * type's defaults are under {@code notifications.channels[TYPE]} ({@code
 * notifications.channels[email].smtp.port}); defaults that depend on another key's value are under
 * {@code conditional.} with a name that says when. A key missing from the file, or a value of the
 * wrong form, fails the first use of the configuration classes: the jar itself is broken then.
 */
public final class MonitorDefaults {
  static final String RESOURCE = "/monitor-defaults.yaml";

  private static final MonitorDefaults BUILT_IN = readResource();

  private final Map<String, String> scalars;
  private final Map<String, List<String>> lists;

  private MonitorDefaults(Map<String, String> scalars, Map<String, List<String>> lists) {
    // In file order: a section (the selectors) is listed as the file lists it.
    this.scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    this.lists = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lists));
  }

  /** The defaults shipped in the jar. */
  public static MonitorDefaults builtIn() {
    return BUILT_IN;
  }

  /** Reads a defaults file's text (the jar's, or in tests another one). */
  static MonitorDefaults parse(Reader yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Node root = new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options).getSingleNode();
    Map<String, String> scalars = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    flatten(root, "", scalars, lists);
    return new MonitorDefaults(scalars, lists);
  }

  private static MonitorDefaults readResource() {
    try (InputStream in = MonitorDefaults.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static void flatten(Node node, String path, Map<String, String> scalars, Map<String, List<String>> lists) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        String key = ((ScalarNode) tuple.getKeyNode()).getValue();
        flatten(tuple.getValueNode(), path.isEmpty() ? key : path + "." + key, scalars, lists);
      }
    } else if (node instanceof SequenceNode sequence && sequence.getValue().stream().allMatch(MappingNode.class::isInstance)) {
      // A list of mappings is the channels' defaults by type: each item names its type.
      for (Node item : sequence.getValue()) {
        MappingNode mapping = (MappingNode) item;
        String type = mapping.getValue().stream()
            .filter(t -> ((ScalarNode) t.getKeyNode()).getValue().equals("type"))
            .map(t -> ((ScalarNode) t.getValueNode()).getValue())
            .findFirst().orElseThrow(() -> new IllegalStateException(RESOURCE + ": an item of " + path + " without a type"));
        for (NodeTuple tuple : mapping.getValue()) {
          String key = ((ScalarNode) tuple.getKeyNode()).getValue();
          if (!key.equals("type")) {
            flatten(tuple.getValueNode(), path + "[" + type + "]." + key, scalars, lists);
          }
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      lists.put(path, sequence.getValue().stream().map(n -> ((ScalarNode) n).getValue()).toList());
    } else {
      scalars.put(path, ((ScalarNode) node).getValue());
    }
  }

  /** Every scalar default by its dotted key, as written in the file. */
  public Map<String, String> scalars() {
    return scalars;
  }

  /** Every list default by its dotted key. */
  public Map<String, List<String>> lists() {
    return lists;
  }

  /** The default of {@code key} as written in the file. */
  public String string(String key) {
    String value = scalars.get(key);
    if (value == null) {
      throw new IllegalStateException(RESOURCE + " has no default for " + key);
    }
    return value;
  }

  public Duration duration(String key) {
    return Durations.parse(string(key)).orElseThrow(() -> malformed(key, "a duration"));
  }

  public int integer(String key) {
    try {
      return Integer.parseInt(string(key).trim());
    } catch (NumberFormatException e) {
      throw malformed(key, "a whole number");
    }
  }

  public boolean bool(String key) {
    return switch (string(key).trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw malformed(key, "true or false");
    };
  }

  public long byteSize(String key) {
    return ByteSizes.parse(string(key)).orElseThrow(() -> malformed(key, "a size"));
  }

  public List<String> list(String key) {
    List<String> value = lists.get(key);
    if (value == null) {
      throw new IllegalStateException(RESOURCE + " has no list default for " + key);
    }
    return value;
  }

  /** The scalar defaults directly under {@code prefix} ({@code site.selectors}), by their own key, in file order. */
  public Map<String, String> section(String prefix) {
    Map<String, String> section = new LinkedHashMap<>();
    scalars.forEach((key, value) -> {
      if (key.startsWith(prefix + ".") && key.indexOf('.', prefix.length() + 1) < 0) {
        section.put(key.substring(prefix.length() + 1), value);
      }
    });
    return section;
  }

  /** The dotted key of a channel type's default: {@code notifications.channels[email].smtp.port}. */
  public static String channelKey(ChannelType type, String key) {
    return "notifications.channels[" + type.id() + "]." + key;
  }

  private IllegalStateException malformed(String key, String expected) {
    return new IllegalStateException(RESOURCE + ": the default of " + key + " is not " + expected + ": '" + scalars.get(key) + "'");
  }
}
