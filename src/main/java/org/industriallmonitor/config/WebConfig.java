package org.industriallmonitor.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The daemon's web console ({@code web:}): whether it runs, where it listens, and the token that
 * every request needs when it listens beyond this machine. {@code refusal} is set, located by
 * file, line and key, when the console would be reachable from the network without a token:
 * {@code validate} and {@code run} refuse such a file; other commands do not serve the console.
 * {@code hosts} are the names, besides the listen address and localhost, that the console answers
 * to in a request's Host header (a reverse proxy's, the machine's name).
 */
public record WebConfig(boolean enabled, String host, int port, String token, String refusal, List<String> hosts) {
  private static final String DEFAULT_LISTEN = MonitorDefaults.builtIn().string("web.listen");
  // The default is an IPv4 address: its port follows the last colon.
  public static final String DEFAULT_HOST = DEFAULT_LISTEN.substring(0, DEFAULT_LISTEN.lastIndexOf(':'));
  public static final int DEFAULT_PORT = Integer.parseInt(DEFAULT_LISTEN.substring(DEFAULT_LISTEN.lastIndexOf(':') + 1));
  public static final WebConfig DEFAULT =
      new WebConfig(MonitorDefaults.builtIn().bool("web.enabled"), DEFAULT_HOST, DEFAULT_PORT, null, null);

  public WebConfig {
    if (token != null && token.isBlank()) {
      token = null;
    }
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }

  public WebConfig(boolean enabled, String host, int port, String token, String refusal) {
    this(enabled, host, port, token, refusal, List.of());
  }

  /** The address as written, {@code host:port}. */
  public String listen() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  public Optional<String> tokenIfSet() {
    return Optional.ofNullable(token);
  }

  public Optional<String> refusalIfAny() {
    return Optional.ofNullable(enabled ? refusal : null);
  }

  /**
   * True for addresses of this machine alone: 127.0.0.0/8, ::1 and localhost. A host name other
   * than localhost counts as reachable from outside (it is not resolved here: no DNS at start-up).
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
