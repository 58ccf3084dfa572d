package org.industriallmonitor.fetch;

import java.util.Locale;
import okhttp3.HttpUrl;

/** What a redirect's target host is, decided from its address alone (no name is resolved). */
public final class Hosts {
  private Hosts() {}

  /**
   * An IP address (IPv6 hosts are written with colons), {@code localhost} or a name below it: an address of the
   * machine's own networks, or one no public site names its pages with.
   */
  public static boolean isInternal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.contains(":") || h.matches("[0-9]+(\\.[0-9]+){3}") || h.equals("localhost") || h.endsWith(".localhost");
  }

  /**
   * Why a redirect from {@code from} to {@code target} must not be followed whatever the site, or null: a downgrade
   * from https to http on another host, or a target of {@link #isInternal} while {@code from}'s host is not.
   */
  public static String refusal(HttpUrl from, HttpUrl target) {
    if (from.isHttps() && !target.isHttps() && !from.host().equalsIgnoreCase(target.host())) {
      return "a downgrade from https to http";
    }
    if (isInternal(target.host()) && !isInternal(from.host())) {
      return "an address of its own network or an IP address, while the site names a host";
    }
    return null;
  }
}
