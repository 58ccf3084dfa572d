package org.industriallmonitor.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The addresses of the site contract: country listings and canonical article URLs. The site is at its
 * configured base and, once it was seen to redirect there keeping the page's path, where it moved to for good
 * ({@link Elsewhere#movedTo}) or answers for a while ({@link Elsewhere#detours}): a link to any of them is the
 * site's, and an article keeps its slug whichever host it is linked on.
 */
public final class SiteUrls {
  private final Base configured;
  private final String base;
  private final Supplier<Elsewhere> elsewhere;

  /**
   * Where else the site answers besides its configured base: {@code movedTo} (null when it did not move), where a
   * permanent redirect took it, and {@code detours}, where temporary redirects did; each a base address without
   * a trailing slash.
   */
  public record Elsewhere(String movedTo, List<String> detours) {
    public static final Elsewhere NONE = new Elsewhere(null, List.of());

    public Elsewhere {
      detours = List.copyOf(detours);
    }
  }

  public SiteUrls(URI baseUrl) {
    this(baseUrl, () -> Elsewhere.NONE);
  }

  /** The site at {@code baseUrl} and wherever {@code elsewhere} says it answers now. */
  public SiteUrls(URI baseUrl, Supplier<Elsewhere> elsewhere) {
    this.configured = Base.of(baseUrl);
    this.base = configured.text();
    this.elsewhere = elsewhere;
  }

  /** The configured base: the listings, the feed and the search pages are asked for below it (the fetcher routes them). */
  public String base() {
    return base;
  }

  /** The base the site answers at now: where it moved to for good, else the configured one. */
  public String baseInForce() {
    String movedTo = elsewhere.get().movedTo();
    return movedTo == null ? base : movedTo;
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

  /** An article's address where the site answers now (see {@link #baseInForce}): what is archived is where it was read. */
  public String article(String slug) {
    return baseInForce() + "/" + slug;
  }

  /**
   * True when {@code url} is on the site: the origin of its configured base (or of a base it moved or detoured
   * to), the same scheme, host (with or without {@code www.}) and port (80 for http, 443 for https when none is
   * written), where http on port 80 and https on port 443 of the host count as one. Any other port or scheme of
   * the same host is another site.
   */
  public boolean isOnSite(String url) {
    try {
      URI uri = new URI(url);
      return bases().stream().anyMatch(b -> b.sameOrigin(uri));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** True when {@code absoluteUrl} is a listing (search) page of the site, not an article. */
  public boolean isListing(String absoluteUrl) {
    try {
      URI uri = new URI(absoluteUrl.replace('\\', '/'));
      return bases().stream().anyMatch(b -> b.sameOrigin(uri) && (b.path() + "/search").equals(uri.getRawPath()));
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
    if (uri.getRawPath() == null) {
      return Optional.empty();
    }
    String path = uri.getRawPath();
    for (Base b : bases()) {
      if (b.sameOrigin(uri) && path.startsWith(b.path() + "/")) {
        String slug = path.substring(b.path().length() + 1);
        while (slug.endsWith("/")) {
          slug = slug.substring(0, slug.length() - 1);
        }
        return slug.isEmpty() ? Optional.empty() : Optional.of(slug);
      }
    }
    return Optional.empty();
  }

  /**
   * True when {@code url} is one of the site's own pages below one of its bases, not an article: a search
   * (listing) page in any language, or the feed. Where these go, the site went; an article may go its own way.
   */
  public boolean isSitePage(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    for (Base b : bases()) {
      if (b.contains(uri)) {
        String page = uri.getRawPath().substring(b.path().length());
        return page.equals("/search") || page.equals("/rss.xml") || page.matches("/[a-z]{2}/search");
      }
    }
    return false;
  }

  /** A redirect that keeps the page below a base and changes only the base: the base it leaves, the base it goes to. */
  public record Swap(String from, String to) {}

  /**
   * The bases of a redirect from {@code fromUrl} (below a base of the site, with a page below it) to
   * {@code targetUrl}, when the target keeps that page (the same path below its own base and the same query):
   * {@code http://old/x/search?q} to {@code http://new/y/search?q} swaps {@code http://old/x} for
   * {@code http://new/y}. Empty for any other redirect (a login page, another site's home).
   */
  public Optional<Swap> swap(String fromUrl, String targetUrl) {
    URI from;
    URI target;
    try {
      from = new URI(fromUrl);
      target = new URI(targetUrl);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (from.getRawPath() == null || target.getRawPath() == null || target.getScheme() == null || target.getRawAuthority() == null) {
      return Optional.empty();
    }
    for (Base b : bases()) {
      if (!b.contains(from)) {
        continue;
      }
      String page = from.getRawPath().substring(b.path().length());
      if (page.length() < 2 || !target.getRawPath().endsWith(page) || !java.util.Objects.equals(from.getRawQuery(), target.getRawQuery())) {
        return Optional.empty();
      }
      String prefix = target.getRawPath().substring(0, target.getRawPath().length() - page.length());
      if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
        return Optional.empty();
      }
      return Optional.of(new Swap(b.text(), target.getScheme().toLowerCase(Locale.ROOT) + "://" + target.getRawAuthority() + prefix));
    }
    return Optional.empty();
  }

  /** True when two base addresses are one: the same origin (as {@link #isOnSite} compares them) and the same path. */
  public static boolean sameBase(String a, String b) {
    try {
      Base one = Base.of(new URI(a));
      Base other = Base.of(new URI(b));
      return one.sameOrigin(new URI(other.text())) && one.path().equals(other.path());
    } catch (URISyntaxException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /**
   * True when two addresses are on one origin (as {@link #isOnSite} compares them), whatever their paths: a redirect
   * between them does not take the site anywhere else.
   */
  public static boolean sameOrigin(String a, String b) {
    try {
      return Base.of(new URI(a)).sameOrigin(new URI(b));
    } catch (URISyntaxException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /** True when {@code url} is on the configured base's origin, at its path or below it. */
  public boolean isBelowConfiguredBase(String url) {
    try {
      return configured.contains(new URI(url));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** {@code url}, when it is below the configured base, at the same place below {@code otherBase}. */
  public Optional<String> rebase(String url, String otherBase) {
    try {
      URI uri = new URI(url);
      if (!configured.contains(uri)) {
        return Optional.empty();
      }
      String query = uri.getRawQuery();
      return Optional.of(otherBase + uri.getRawPath().substring(configured.path().length()) + (query == null ? "" : "?" + query));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** The configured base first, then where the site moved, then its detours. */
  private List<Base> bases() {
    Elsewhere other = elsewhere.get();
    if (other.movedTo() == null && other.detours().isEmpty()) {
      return List.of(configured);
    }
    List<Base> all = new ArrayList<>();
    all.add(configured);
    if (other.movedTo() != null) {
      all.add(Base.of(URI.create(other.movedTo())));
    }
    other.detours().forEach(d -> all.add(Base.of(URI.create(d))));
    return all;
  }

  /** A base address taken apart: {@code text} without a trailing slash, the host without {@code www.}, the port written out. */
  private record Base(String text, String scheme, String host, int port, String path) {
    static Base of(URI baseUrl) {
      String text = baseUrl.toString();
      String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
      String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
      return new Base(text.endsWith("/") ? text.substring(0, text.length() - 1) : text, scheme, bareHost(baseUrl.getHost()),
          SiteUrls.port(scheme, baseUrl.getPort()), path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /** True when {@code uri} is on this base's origin and its path is the base's or below it. */
    boolean contains(URI uri) {
      String p = uri.getRawPath();
      return sameOrigin(uri) && p != null && (p.equals(path) || p.startsWith(path + "/"));
    }

    boolean sameOrigin(URI uri) {
      if (uri.getHost() == null || uri.getScheme() == null) {
        return false;
      }
      String otherScheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!bareHost(uri.getHost()).equals(host)) {
        return false;
      }
      int otherPort = SiteUrls.port(otherScheme, uri.getPort());
      if (otherScheme.equals(scheme) && otherPort == port) {
        return true;
      }
      // A host's web origins on their default ports (http on 80, https on 443) are one site: a site behind a TLS proxy
      // writes its links, and redirects, to either. Any other port or scheme is another site.
      return isDefaultWebOrigin(scheme, port) && isDefaultWebOrigin(otherScheme, otherPort);
    }
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
