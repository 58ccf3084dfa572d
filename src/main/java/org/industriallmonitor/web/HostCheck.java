package org.industriallmonitor.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@code Host} headers the console answers, against DNS rebinding: a page of another site
 * whose name has been pointed at this machine sends its own name, and is refused before anything
 * else is read. Answered: the listen address with its port; {@code localhost}, {@code 127.0.0.1}
 * and {@code [::1]} with the port; on a wildcard listen (0.0.0.0, ::), any address literal with the
 * port (a rebinding needs a name; an address is what a browser sends for an address typed); and
 * the names of {@code web.hosts}, with any port or none (a reverse proxy's).
 */
final class HostCheck {
  private static final Pattern HOST = Pattern.compile("(\\[[0-9a-f:.]+\\]|[^:\\[\\]]+)(?::(\\d{1,5}))?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final int port;
  private final Set<String> local = new TreeSet<>();
  private final Set<String> named = new TreeSet<>();
  private final boolean wildcard;

  HostCheck(String listenHost, int port, List<String> names) {
    this.port = port;
    String listen = listenHost.toLowerCase(Locale.ROOT);
    this.wildcard = listen.equals("0.0.0.0") || listen.equals("::") || listen.equals("0:0:0:0:0:0:0:0");
    local.add(listen.contains(":") ? "[" + listen + "]" : listen);
    local.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
    names.forEach(n -> named.add(n.toLowerCase(Locale.ROOT)));
  }

  /** Whether a request with these {@code Host} headers (null or empty when it sent none) is answered. */
  boolean allows(List<String> hostHeaders) {
    if (hostHeaders == null || hostHeaders.size() != 1) {
      return false;
    }
    Matcher m = HOST.matcher(hostHeaders.get(0).strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return false;
    }
    String host = m.group(1);
    if (named.contains(host)) {
      return true;
    }
    int sent = m.group(2) == null ? 80 : Integer.parseInt(m.group(2));
    if (sent != port) {
      return false;
    }
    return local.contains(host) || (wildcard && (IPV4.matcher(host).matches() || host.startsWith("[")));
  }
}
