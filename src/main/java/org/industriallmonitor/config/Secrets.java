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

  /** A Discord webhook URL ({@code .../api/webhooks/ID/TOKEN}) with its token masked. */
  public static String maskDiscordUrl(String url) {
    return url.replaceAll("(/webhooks/[^/?#]+/)[^/?#]+", "$1***");
  }
}
