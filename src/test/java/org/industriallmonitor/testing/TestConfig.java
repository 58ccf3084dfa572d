package org.industriallmonitor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes monitor.yaml files for tests: no request delay, short backoff, state under the test's folder. */
public final class TestConfig {
  private final StringBuilder countries = new StringBuilder();
  private final java.util.Map<String, String> site = new java.util.LinkedHashMap<>(java.util.Map.of());
  private final URI baseUrl;
  private String extraSite = "";
  private String extraTop = "";
  /** A free port for the daemon's console: tests never meet on the default 8470. */
  private String web = "{listen: 127.0.0.1:0}";
  private String database;
  private String minFree;
  private String extraStorage = "";

  private TestConfig(URI baseUrl) {
    this.baseUrl = baseUrl;
    site.put("user_agent", "\"industriall-monitor-test/1.0\"");
    site.put("request_delay", "0ms");
    // One country at a time, in order (the default without a delay is four): tests read the reports in order.
    site.put("max_connections_per_host", "1");
    site.put("retries", "2");
    site.put("retry_backoff", "10ms");
    site.put("read_timeout", "5s");
  }

  /** Sets a key under {@code site:}, replacing the test default. */
  public TestConfig site(String key, String value) {
    site.put(key, value);
    return this;
  }

  /** No early-warning source: the walks alone find new articles, for tests of what the walks do. */
  public TestConfig walksOnly() {
    return site("early_warning", "{source: off}");
  }

  public static TestConfig site(URI baseUrl) {
    return new TestConfig(baseUrl);
  }

  public TestConfig country(String name, int region) {
    countries.append("  - name: ").append(name).append("\n    region: ").append(region).append('\n');
    return this;
  }

  /** A country with more keys of its own ({@code notify: [kg]}, one per line). */
  public TestConfig country(String name, int region, String... keys) {
    country(name, region);
    for (String key : keys) {
      countries.append("    ").append(key).append('\n');
    }
    return this;
  }

  /** Lines added under {@code site:}, each indented by two spaces by the caller. */
  public TestConfig siteLines(String lines) {
    extraSite += lines.endsWith("\n") ? lines : lines + "\n";
    return this;
  }

  /** The {@code web:} section, as a YAML flow mapping (default: a free loopback port). */
  public TestConfig web(String mapping) {
    this.web = mapping;
    return this;
  }

  /** {@code storage.database}: a postgresql:// address, say (default: monitor.db in the state folder). */
  public TestConfig database(String value) {
    this.database = value;
    return this;
  }

  /** {@code storage.min_free} (default: not written, so 200MB). */
  public TestConfig minFree(String value) {
    this.minFree = value;
    return this;
  }

  /** Another key of {@code storage:} ({@code retention}, {@code prune_every}). */
  public TestConfig storage(String key, String value) {
    extraStorage += "  " + key + ": " + value + "\n";
    return this;
  }

  /** Top-level YAML appended as is. */
  public TestConfig topLevel(String yaml) {
    extraTop += yaml.endsWith("\n") ? yaml : yaml + "\n";
    return this;
  }

  public String yaml(Path stateDir) {
    return "site:\n"
        + "  base_url: " + baseUrl + "\n"
        + siteKeys()
        + extraSite
        + "countries:\n" + countries
        + "storage:\n"
        + "  database: " + (database != null ? database : stateDir.resolve("monitor.db").toString()) + "\n"
        + "  archive: " + stateDir.resolve("archive") + "\n"
        + (minFree != null ? "  min_free: " + minFree + "\n" : "")
        + extraStorage
        + "web: " + web + "\n"
        + extraTop;
  }

  private String siteKeys() {
    StringBuilder keys = new StringBuilder();
    site.forEach((k, v) -> keys.append("  ").append(k).append(": ").append(v).append('\n'));
    return keys.toString();
  }

  /** Writes {@code dir/config/monitor.yaml} with state in {@code dir/state}; returns the file. */
  public Path writeTo(Path dir) {
    try {
      Path file = dir.resolve("config").resolve("monitor.yaml");
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml(dir.resolve("state")));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
