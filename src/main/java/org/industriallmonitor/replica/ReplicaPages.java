package org.industriallmonitor.replica;

import java.util.List;
import org.industriallmonitor.parse.SiteDates;

/**
 * Renders the replica's pages with the markup of the site contract, byte for byte as the pages
 * in {@code shared/site/} (the {@link ReplicaTheme#CONTRACT} theme).
 */
public final class ReplicaPages {
  /** The translations every replica article links to. */
  static final String[][] LANGUAGES = {{"fr", "Français"}, {"es", "Español"}, {"ru", "Русский"}};

  private ReplicaPages() {}

  /** A country's listing page ({@code region} null: the search of all countries). */
  public static String listing(ReplicaCatalog catalog, Integer region, ListingSlice slice) {
    return listing(catalog, region, slice, "en");
  }

  /** The listing page with its facets' country names in {@code language} (its items are the replica's English ones). */
  public static String listing(ReplicaCatalog catalog, Integer region, ListingSlice slice, String language) {
    StringBuilder out = new StringBuilder();
    head(out, "Search | IndustriALL", List.of());
    bodyStart(out);
    out.append("        <div class=\"search-page\">\n");
    out.append("          <aside class=\"search-facets\" aria-hidden=\"true\"><ul class=\"facet-regions\" data-facet=\"regions\">\n");
    for (ReplicaCountry country : catalog.countries()) {
      out.append("            <li class=\"facet-item\"><a href=\"/search?regions=").append(country.region())
          .append("&amp;language=en&amp;sort=relevance\" data-region=\"").append(country.region()).append("\">")
          .append(text(country.nameIn(language))).append("</a></li>\n");
    }
    out.append("          </ul></aside>\n");
    out.append("          <div class=\"search-results__summary\">").append(summary(slice, language)).append("</div>\n");
    out.append("          <div class=\"search-results\">\n");
    for (ReplicaArticle article : slice.articles()) {
      out.append("          <article class=\"search-result node--type-article\" data-type=\"article\">\n");
      out.append("            <h2 class=\"search-result__title\">\n");
      out.append("              <a href=\"/").append(attribute(article.slug())).append("\" hreflang=\"").append(language).append("\">")
          .append(text(article.title())).append("</a>\n");
      out.append("            </h2>\n");
      out.append("            <div class=\"search-result__teaser\"><span class=\"date\">").append(SiteDates.print(article.date(), language))
          .append("</span>").append(text(article.lede())).append("</div>\n");
      out.append("          </article>\n");
    }
    out.append("          </div>\n");
    pager(out, catalog, region, slice, language);
    out.append("        </div>\n");
    bodyEnd(out);
    return out.toString();
  }

  /** An article's page. */
  public static String article(ReplicaCatalog catalog, ReplicaArticle article) {
    StringBuilder out = new StringBuilder();
    head(out, article.title() + " | IndustriALL", List.of(
        "    <link rel=\"canonical\" href=\"/" + attribute(article.slug()) + "\">",
        "    <meta property=\"og:title\" content=\"" + attribute(article.title()) + "\">",
        "    <meta property=\"article:published_time\" content=\"" + article.date() + "\">"));
    bodyStart(out);
    out.append("        <article class=\"node node--type-article\" data-node-slug=\"").append(attribute(article.slug())).append("\">\n");
    out.append("          <h1 class=\"page-title\"><span class=\"field--name-title\">").append(text(article.title())).append("</span></h1>\n");
    out.append("          <div class=\"article-lead\"><span class=\"date\">")
        .append(SiteDates.print(article.date(), org.industriallmonitor.parse.SiteUrls.languageOf(article.slug())))
        .append("</span>").append(text(article.lede())).append("</div>\n");
    out.append("          <div class=\"article-body field--name-body\">\n");
    for (String paragraph : article.paragraphs()) {
      out.append("              <p>").append(text(paragraph)).append("</p>\n");
    }
    out.append("          </div>\n");
    out.append("          <div class=\"article-translations\" aria-hidden=\"true\"><span class=\"visually-hidden\">Read this article in:</span>\n");
    out.append("            <ul>\n");
    java.util.Map<String, String> known = catalog.translationsOf(article.slug());
    if (known.isEmpty() && org.industriallmonitor.parse.SiteUrls.languageOf(article.slug()).equals("en")) {
      for (String[] language : LANGUAGES) {
        out.append("              <li><a href=\"/").append(language[0]).append('/').append(attribute(article.slug()))
            .append("\" hreflang=\"").append(language[0]).append("\">").append(language[1]).append("</a></li>\n");
      }
    } else {
      known.forEach((language, slug) -> out.append("              <li><a href=\"/").append(attribute(slug)).append("\" hreflang=\"")
          .append(language).append("\">").append(language).append("</a></li>\n"));
    }
    out.append("            </ul>\n");
    out.append("          </div>\n");
    out.append("          <div class=\"article-tags\" aria-hidden=\"true\">\n");
    for (int region : article.regions()) {
      String name = catalog.country(region).map(ReplicaCountry::name).orElse("Region " + region);
      out.append("              <a href=\"/search?regions=").append(region).append("&amp;language=en\" class=\"tag tag--regions\" data-region=\"")
          .append(region).append("\">").append(text(name)).append("</a>\n");
    }
    for (int theme : article.themes()) {
      out.append("              <a href=\"/search?themes=").append(theme).append("&amp;language=en\" class=\"tag tag--themes\" data-theme=\"")
          .append(theme).append("\">").append(text(catalog.themeName(theme))).append("</a>\n");
    }
    out.append("          </div>\n");
    out.append("        </article>\n");
    bodyEnd(out);
    return out.toString();
  }

  /** The page of an article in another language; the monitor does not crawl these. */
  public static String translation(ReplicaArticle article, String language) {
    StringBuilder out = new StringBuilder();
    head(out, article.title() + " (" + language + ") | IndustriALL", List.of());
    bodyStart(out);
    out.append("        <h1 class=\"page-title\">").append(text(article.title())).append("</h1>\n");
    bodyEnd(out);
    return out.toString();
  }

  /** The summary line of a listing page, as every theme prints it. */
  static String summary(ListingSlice slice) {
    return summary(slice, "en");
  }

  /** The summary line in {@code language}: {@code Mostrando 11-20 de 33 resultados}, as the site's Spanish pages say. */
  static String summary(ListingSlice slice, String language) {
    boolean empty = slice.total() == 0 || slice.articles().isEmpty();
    int first = slice.from() + 1;
    int last = slice.from() + slice.articles().size();
    return switch (language) {
      case "es" -> empty ? "No hay resultados" : "Mostrando " + first + "-" + last + " de " + slice.total() + " resultados";
      case "fr" -> empty ? "Aucun résultat" : "Affichage de " + first + "-" + last + " sur " + slice.total() + " résultats";
      case "ru" -> empty ? "Нет результатов" : "Показано " + first + "-" + last + " из " + slice.total() + " результатов";
      default -> empty ? "No results" : "Showing " + first + "-" + last + " of " + slice.total() + " results";
    };
  }

  private static void pager(StringBuilder out, ReplicaCatalog catalog, Integer region, ListingSlice slice, String language) {
    String base = (language.equals("en") ? "" : "/" + language) + "/search?" + slice.filter(region)
        + "language=" + language + "&amp;sort=relevance&amp;from=";
    boolean previous = slice.from() > 0;
    int pageSize = region == null ? ReplicaCatalog.PAGE_SIZE : catalog.pageSize(region);
    boolean next = slice.from() + pageSize < slice.total();
    out.append("          <nav class=\"pager\" role=\"navigation\" aria-label=\"Pagination\"><ul class=\"pager__items\">\n");
    if (previous) {
      out.append("            <li class=\"pager__item pager__item--previous\"><a href=\"").append(base)
          .append(Math.max(0, slice.from() - pageSize)).append("\" rel=\"prev\" aria-label=\"Previous page\"></a></li>\n");
    }
    if (next) {
      out.append("            <li class=\"pager__item pager__item--next\"><a href=\"").append(base)
          .append(slice.from() + pageSize).append("\" rel=\"next\" aria-label=\"Next page\"></a></li>\n");
    }
    out.append("          </ul></nav>\n");
  }

  private static void head(StringBuilder out, String title, List<String> extraLines) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n  <head>\n    <meta charset=\"utf-8\">\n")
        .append("    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n")
        .append("    <title>").append(text(title)).append("</title>\n")
        .append("    <link rel=\"alternate\" type=\"application/rss+xml\" title=\"IndustriALL\" href=\"/rss.xml\">\n");
    extraLines.forEach(line -> out.append(line).append('\n'));
    out.append("  </head>\n");
  }

  private static void bodyStart(StringBuilder out) {
    out.append("  <body class=\"layout-one-sidebar\">\n")
        .append("    <a href=\"#main-content\" class=\"visually-hidden focusable skip-link\">Jump to main content</a>\n")
        .append("    <div class=\"dialog-off-canvas-main-canvas\">\n")
        .append("      <header class=\"site-header\" role=\"banner\">\n")
        .append("        <a href=\"/\" title=\"Home\" rel=\"home\" class=\"site-logo\">\n")
        .append("          <img src=\"/themes/custom/industriall/images/logo.svg\" alt=\"IndustriALL logotype\">\n")
        .append("        </a>\n")
        .append("        <nav class=\"main-menu\" aria-label=\"Main navigation\"><ul class=\"menu\">\n")
        .append("          <li class=\"menu-item\"><a href=\"/about-us\" aria-label=\"About us\"><span class=\"icon icon-about\"></span></a></li>\n")
        .append("          <li class=\"menu-item\"><a href=\"/search\" aria-label=\"Search\"><span class=\"icon icon-search\"></span></a></li>\n")
        .append("        </ul></nav>\n")
        .append("      </header>\n")
        .append("      <main id=\"main-content\" role=\"main\">\n");
  }

  private static void bodyEnd(StringBuilder out) {
    out.append("      </main>\n")
        .append("      <footer class=\"site-footer\" role=\"contentinfo\">\n")
        .append("        <div class=\"footer-address\" aria-hidden=\"true\"></div>\n")
        .append("      </footer>\n")
        .append("    </div>\n")
        .append("  </body>\n")
        .append("</html>\n");
  }

  /** Escapes text content; U+00A0 is written as {@code &nbsp;} as on the site. */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\u00a0' -> out.append("&nbsp;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String attribute(String s) {
    return text(s).replace("\"", "&quot;").replace("'", "&#x27;");
  }
}
