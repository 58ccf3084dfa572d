package org.industriallmonitor.config;

/** Shows addresses and messages that may hold a token with the token replaced by {@code ***}. */
public final class Secrets {
  private Secrets() {}

  /** {@code text} with every occurrence of {@code secret} (when set) masked. */
  public static String mask(String text, String secret) {
    if (text == null || secret == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, "***");
  }

  /**
   * An address with the password of its {@code user:password@} masked, and a lone {@code TOKEN@}
   * (a user name that is a credential) masked whole.
   */
  public static String maskUserInfo(String url) {
    String masked = url.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):[^/?#@]*@", "$1:***@");
    return masked.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@:]+@", "$1***@");
  }

  /** An address with its user information and the value of every query parameter ({@code ?auth=...}, {@code ?token=...}) masked. */
  public static String maskCredentials(String url) {
    String masked = maskUserInfo(url);
    int query = masked.indexOf('?');
    if (query < 0) {
      return masked;
    }
    int fragment = masked.indexOf('#', query);
    String params = masked.substring(query + 1, fragment < 0 ? masked.length() : fragment);
    return masked.substring(0, query + 1) + params.replaceAll("=[^&]*", "=***") + (fragment < 0 ? "" : masked.substring(fragment));
  }

  /**
   * An address whose path is a secret (an ntfy topic, a Slack incoming webhook's
   * {@code /services/T/B/SECRET}): the path masked, with the credentials of {@link #maskCredentials}.
   */
  public static String maskPath(String url) {
    return maskCredentials(url).replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)/[^?#]*", "$1/***");
  }

  /** An ntfy topic URL ({@code https://ntfy.sh/TOPIC}): the topic is as good as a password, so its path is masked. */
  public static String maskNtfyUrl(String url) {
    return maskPath(url);
  }

  /** A Discord webhook URL ({@code .../api/webhooks/ID/TOKEN}) with its token masked. */
  public static String maskDiscordUrl(String url) {
    return url.replaceAll("(/webhooks/[^/?#]+/)[^/?#]+", "$1***");
  }
}
