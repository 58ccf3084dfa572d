package org.industriallmonitor.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code web:} section: whether the console runs, where it listens, and its token. A console
 * reachable from the network without a token is not an error here but a refusal that {@code
 * validate} and {@code run} act on: other commands do not serve the console.
 */
final class WebReader {
  private static final List<String> KEYS = List.of("enabled", "listen", "token", "hosts");
  private static final Pattern LISTEN = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):(\\d{1,5})");

  WebConfig read(ConfigNode node, List<String> warnings) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    boolean enabled = m.optional("enabled").map(ConfigNode::bool).orElse(WebConfig.DEFAULT.enabled());
    String host = WebConfig.DEFAULT_HOST;
    int port = WebConfig.DEFAULT_PORT;
    Optional<ConfigNode> listen = m.optional("listen");
    if (listen.isPresent()) {
      String value = listen.get().nonBlankString().trim();
      Matcher address = LISTEN.matcher(value);
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
}
