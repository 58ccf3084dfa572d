package org.industriallmonitor.replica;

import static org.industriallmonitor.replica.ReplicaPages.LANGUAGES;
import static org.industriallmonitor.replica.ReplicaPages.attribute;
import static org.industriallmonitor.replica.ReplicaPages.text;

import org.industriallmonitor.parse.SiteDates;

/** The replica's pages with no class attribute at all: only elements and their structure say what is what. */
final class BarePages {
  private BarePages() {}

  static String listing(ReplicaCatalog catalog, Integer region, ListingSlice slice) {
    return listing(catalog, region, slice, "en");
  }

  /** The listing page with its facets' country names in {@code language} (its items are the replica's English ones). */
  static String listing(ReplicaCatalog catalog, Integer region, ListingSlice slice, String language) {
    StringBuilder out = start("Search");
    out.append("<main>\n<h1>Search</h1>\n<p>").append(ReplicaPages.summary(slice)).append("</p>\n");
    if (!slice.articles().isEmpty()) {
      out.append("<ol>\n");
      for (ReplicaArticle article : slice.articles()) {
        out.append("<li><h2><a href=\"/").append(attribute(article.slug())).append("\">").append(text(article.title()))
            .append("</a></h2><p><time datetime=\"").append(article.date()).append("\">").append(SiteDates.print(article.date()))
            .append("</time>").append(text(article.lede())).append("</p></li>\n");
      }
      out.append("</ol>\n");
    }
    String base = "/search?" + slice.filter(region) + "language=en&amp;sort=relevance&amp;from=";
    int pageSize = region == null ? ReplicaCatalog.PAGE_SIZE : catalog.pageSize(region);
    out.append("<nav>");
    if (slice.from() > 0) {
      out.append("<a href=\"").append(base).append(Math.max(0, slice.from() - pageSize)).append("\" rel=\"prev\">Previous</a> ");
    }
    if (slice.from() + pageSize < slice.total()) {
      out.append("<a href=\"").append(base).append(slice.from() + pageSize).append("\" rel=\"next\">Next</a>");
    }
    out.append("</nav>\n</main>\n<aside>\n<h2>Countries</h2>\n<ul>\n");
    for (ReplicaCountry country : catalog.countries()) {
      out.append("<li><a href=\"/search?regions=").append(country.region()).append("&amp;language=en&amp;sort=relevance\">")
          .append(text(country.nameIn(language))).append("</a></li>\n");
    }
    out.append("</ul>\n</aside>\n");
    return end(out);
  }

  static String article(ReplicaCatalog catalog, ReplicaArticle article) {
    StringBuilder out = start(article.title(), "<meta property=\"article:published_time\" content=\"" + article.date() + "\">");
    out.append("<main>\n<article>\n<h1>").append(text(article.title())).append("</h1>\n");
    out.append("<p><time datetime=\"").append(article.date()).append("\">").append(SiteDates.print(article.date())).append("</time>")
        .append(text(article.lede())).append("</p>\n<section>\n");
    for (String paragraph : article.paragraphs()) {
      out.append("<p>").append(text(paragraph)).append("</p>\n");
    }
    out.append("</section>\n<nav>Read this article in: ");
    for (String[] language : LANGUAGES) {
      out.append("<a href=\"/").append(language[0]).append('/').append(attribute(article.slug())).append("\" hreflang=\"")
          .append(language[0]).append("\">").append(language[1]).append("</a> ");
    }
    out.append("</nav>\n<footer>");
    for (int region : article.regions()) {
      String name = catalog.country(region).map(ReplicaCountry::name).orElse("Region " + region);
      out.append("<a href=\"/search?regions=").append(region).append("&amp;language=en\">").append(text(name)).append("</a> ");
    }
    for (int theme : article.themes()) {
      out.append("<a href=\"/search?themes=").append(theme).append("&amp;language=en\">").append(text(catalog.themeName(theme))).append("</a> ");
    }
    out.append("</footer>\n</article>\n<aside>\n<h2>Related</h2>\n<ul>\n");
    for (ReplicaArticle other : WordPressPages.others(catalog, article, 3)) {
      out.append("<li><a href=\"/").append(attribute(other.slug())).append("\">").append(text(other.title())).append("</a><p><time>")
          .append(SiteDates.print(other.date())).append("</time>").append(text(other.lede())).append("</p></li>\n");
    }
    out.append("</ul>\n</aside>\n</main>\n");
    return end(out);
  }

  private static StringBuilder start(String title, String... meta) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(text(title)).append(" | IndustriALL</title>\n");
    for (String line : meta) {
      out.append(line).append('\n');
    }
    return out.append("</head>\n<body>\n<header><a href=\"/\">IndustriALL</a> <nav><a href=\"/about-us\">About us</a> "
        + "<a href=\"/search\">Search</a></nav></header>\n");
  }

  private static String end(StringBuilder out) {
    return out.append("<footer><p>IndustriALL Global Union, Geneva</p></footer>\n</body>\n</html>\n").toString();
  }
}
