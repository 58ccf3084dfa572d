package org.industriallmonitor.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The addresses of the site contract: country listings and canonical article URLs. */
public final class SiteUrls {
  private final String base;
  private final String scheme;
  private final String host;
  private final int port;
  private final String basePath;

  public SiteUrls(URI baseUrl) {
    String text = baseUrl.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
    this.host = bareHost(baseUrl.getHost());
    this.port = port(scheme, baseUrl.getPort());
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  public String base() {
    return base;
  }

  /** Listing page of a country, {@code from} results into the list (0, 10, 20, ...). */
  public String listing(int region, int from) {
    return listing(region, from, "en");
  }

  /** A country's listing in {@code language}: {@code {base}/{lang}/search?regions=ID&language={lang}&sort=relevance&from=N}. */
  public String listing(int region, int from, String language) {
    return (language.equals("en") ? base : base + "/" + language) + "/search?regions=" + region + "&language=" + language
        + "&sort=relevance&from=" + from;
  }

  /** The site-wide listing, newest first: every article of every country. */
  public String latest(int from) {
    return base + "/search?language=en&from=" + from;
  }

  /** The site-wide feed of the newest articles. */
  public String feed() {
    return base + "/rss.xml";
  }

  /** A search page that shows the facet list of all countries. */
  public String facets() {
    return facets("en");
  }

  /** The search page whose facets list the site's countries, named in {@code language}. */
  public String facets(String language) {
    return language.equals("en") ? base + "/search?language=en&sort=relevance"
        : base + "/" + language + "/search?language=" + language + "&sort=relevance";
  }

  /**
   * The language of an article by its slug: a translation's path starts with its language
   * ({@code es/kirguistan-...}, {@code fr/...}, {@code ru/...}); every other slug is English.
   */
  public static String languageOf(String slug) {
    if (slug != null && slug.length() > 3 && slug.charAt(2) == '/') {
      String prefix = slug.substring(0, 2);
      if (!prefix.equals("en") && org.industriallmonitor.config.CountryConfig.SITE_LANGUAGES.contains(prefix)) {
        return prefix;
      }
    }
    return "en";
  }

  /** The slug without its language prefix: the name of its archive file. */
  public static String withoutLanguage(String slug) {
    return languageOf(slug).equals("en") ? slug : slug.substring(3);
  }

  public String article(String slug) {
    return base + "/" + slug;
  }

  /**
   * True when {@code url} is on the configured site: its origin, the same scheme, host (with or
   * without {@code www.}) and port (80 for http, 443 for https when none is written), where http on
   * port 80 and https on port 443 of the host count as one. Any other port or scheme of the same
   * host is another site.
   */
  public boolean isOnSite(String url) {
    try {
      return sameOrigin(new URI(url));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** True when {@code absoluteUrl} is a listing (search) page of the site, not an article. */
  public boolean isListing(String absoluteUrl) {
    try {
      URI uri = new URI(absoluteUrl.replace('\\', '/'));
      return sameOrigin(uri) && (basePath + "/search").equals(uri.getRawPath());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * The slug of an article link: its path below the base, without query or fragment. Empty when
   * the link leaves the site (another origin) or points at the site's root.
   */
  public Optional<String> slugOf(String absoluteUrl) {
    URI uri;
    try {
      // As browsers do, a backslash in an http address is a slash.
      uri = new URI(absoluteUrl.replace('\\', '/')).normalize();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (!sameOrigin(uri) || uri.getRawPath() == null) {
      return Optional.empty();
    }
    String path = uri.getRawPath();
    if (!path.startsWith(basePath + "/")) {
      return Optional.empty();
    }
    String slug = path.substring(basePath.length() + 1);
    while (slug.endsWith("/")) {
      slug = slug.substring(0, slug.length() - 1);
    }
    return slug.isEmpty() ? Optional.empty() : Optional.of(slug);
  }

  private boolean sameOrigin(URI uri) {
    if (uri.getHost() == null || uri.getScheme() == null) {
      return false;
    }
    String otherScheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!bareHost(uri.getHost()).equals(host)) {
      return false;
    }
    int otherPort = port(otherScheme, uri.getPort());
    if (otherScheme.equals(scheme) && otherPort == port) {
      return true;
    }
    // A host's web origins on their default ports (http on 80, https on 443) are one site: a site behind a TLS proxy
    // writes its links, and redirects, to either. Any other port or scheme is another site.
    return isDefaultWebOrigin(scheme, port) && isDefaultWebOrigin(otherScheme, otherPort);
  }

  private static boolean isDefaultWebOrigin(String scheme, int port) {
    return scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
  }

  /** The port of an address, its scheme's default when none is written. */
  private static int port(String scheme, int written) {
    if (written != -1) {
      return written;
    }
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }

  private static String bareHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.startsWith("www.") ? h.substring(4) : h;
  }
}
