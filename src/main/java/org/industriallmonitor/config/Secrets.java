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

  /** An address with the password of its {@code user:password@} (if any) masked. */
  public static String maskUserInfo(String url) {
    return url.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):[^/?#@]*@", "$1:***@");
  }

  /** An ntfy topic URL ({@code https://ntfy.sh/TOPIC}): the topic is as good as a password, so its path is masked. */
  public static String maskNtfyUrl(String url) {
    return maskUserInfo(url).replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)/[^?#]*", "$1/***");
  }

  /** A Discord webhook URL ({@code .../api/webhooks/ID/TOKEN}) with its token masked. */
  public static String maskDiscordUrl(String url) {
    return url.replaceAll("(/webhooks/[^/?#]+/)[^/?#]+", "$1***");
  }
}
