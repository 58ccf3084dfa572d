package org.industriallmonitor.replica;

import static org.industriallmonitor.replica.ReplicaPages.LANGUAGES;
import static org.industriallmonitor.replica.ReplicaPages.attribute;
import static org.industriallmonitor.replica.ReplicaPages.text;

import java.util.List;
import org.industriallmonitor.parse.SiteDates;

/** The replica's pages in the markup of a WordPress theme: {@code entry-*} classes, widgets, related posts. */
final class WordPressPages {
  private WordPressPages() {}

  static String listing(ReplicaCatalog catalog, Integer region, ListingSlice slice) {
    return listing(catalog, region, slice, "en");
  }

  /** The listing page with its facets' country names in {@code language} (its items are the replica's English ones). */
  static String listing(ReplicaCatalog catalog, Integer region, ListingSlice slice, String language) {
    StringBuilder out = start("Search – IndustriALL", "search search-results");
    out.append("  <main id=\"main\" class=\"site-main\">\n");
    out.append("   <header class=\"page-header\"><h1 class=\"page-title\">Search</h1>\n");
    out.append("    <p class=\"search-count\">").append(ReplicaPages.summary(slice)).append("</p></header>\n");
    for (ReplicaArticle article : slice.articles()) {
      out.append("   <article class=\"post type-post status-publish format-standard hentry\">\n");
      out.append("    <header class=\"entry-header\"><h2 class=\"entry-title\"><a href=\"/").append(attribute(article.slug()))
          .append("\" rel=\"bookmark\">").append(text(article.title())).append("</a></h2></header>\n");
      out.append("    <div class=\"entry-summary\"><p><time class=\"entry-date\" datetime=\"").append(article.date()).append("\">")
          .append(SiteDates.print(article.date())).append("</time>").append(text(article.lede())).append("</p></div>\n");
      out.append("   </article>\n");
    }
    String base = "/search?" + slice.filter(region) + "language=en&amp;sort=relevance&amp;from=";
    int pageSize = region == null ? ReplicaCatalog.PAGE_SIZE : catalog.pageSize(region);
    out.append("   <nav class=\"navigation pagination\"><h2 class=\"screen-reader-text\">Posts navigation</h2><div class=\"nav-links\">");
    if (slice.from() > 0) {
      out.append("<a class=\"prev page-numbers\" href=\"").append(base).append(Math.max(0, slice.from() - pageSize)).append("\">Previous</a>");
    }
    if (slice.from() + pageSize < slice.total()) {
      out.append("<a class=\"next page-numbers\" href=\"").append(base).append(slice.from() + pageSize).append("\">Next</a>");
    }
    out.append("</div></nav>\n");
    out.append("  </main>\n");
    out.append("  <aside id=\"secondary\" class=\"widget-area\">\n");
    out.append("   <section class=\"widget widget_countries\"><h2 class=\"widget-title\">Countries</h2><ul>\n");
    for (ReplicaCountry country : catalog.countries()) {
      out.append("    <li class=\"cat-item\"><a href=\"/search?regions=").append(country.region()).append("&amp;language=en&amp;sort=relevance\">")
          .append(text(country.nameIn(language))).append("</a></li>\n");
    }
    out.append("   </ul></section>\n");
    recent(out, catalog);
    out.append("  </aside>\n");
    return end(out);
  }

  static String article(ReplicaCatalog catalog, ReplicaArticle article) {
    StringBuilder out = start(article.title() + " – IndustriALL", "post-template-default single single-post",
        "<meta property=\"og:title\" content=\"" + attribute(article.title()) + "\">",
        "<meta property=\"article:published_time\" content=\"" + article.date() + "T08:00:00+00:00\">");
    out.append("  <main id=\"main\" class=\"site-main\">\n");
    out.append("   <article class=\"post type-post status-publish format-standard hentry\">\n");
    out.append("    <header class=\"entry-header\">\n");
    out.append("     <h1 class=\"entry-title\">").append(text(article.title())).append("</h1>\n");
    out.append("     <div class=\"entry-meta\"><span class=\"posted-on\">Posted on <time class=\"entry-date published\" datetime=\"")
        .append(article.date()).append("T08:00:00+00:00\">").append(SiteDates.print(article.date())).append("</time></span></div>\n");
    out.append("    </header>\n");
    out.append("    <div class=\"entry-summary\"><p>").append(text(article.lede())).append("</p></div>\n");
    out.append("    <div class=\"entry-content\">\n");
    for (String paragraph : article.paragraphs()) {
      out.append("     <p>").append(text(paragraph)).append("</p>\n");
    }
    out.append("    </div>\n");
    out.append("    <footer class=\"entry-footer\">\n     <span class=\"tags-links\">Countries: ");
    for (int region : article.regions()) {
      String name = catalog.country(region).map(ReplicaCountry::name).orElse("Region " + region);
      out.append("<a href=\"/search?regions=").append(region).append("&amp;language=en\" rel=\"tag\">").append(text(name)).append("</a> ");
    }
    out.append("</span>\n     <span class=\"cat-links\">Themes: ");
    for (int theme : article.themes()) {
      out.append("<a href=\"/search?themes=").append(theme).append("&amp;language=en\" rel=\"category tag\">")
          .append(text(catalog.themeName(theme))).append("</a> ");
    }
    out.append("</span>\n     <div class=\"translations\">Read this article in: ");
    for (String[] language : LANGUAGES) {
      out.append("<a href=\"/").append(language[0]).append('/').append(attribute(article.slug())).append("\" hreflang=\"")
          .append(language[0]).append("\">").append(language[1]).append("</a> ");
    }
    out.append("</div>\n    </footer>\n   </article>\n");
    out.append("   <section class=\"related-posts\"><h2 class=\"widget-title\">Related articles</h2>\n");
    for (ReplicaArticle other : others(catalog, article, 3)) {
      out.append("    <article class=\"related-post\"><h3 class=\"entry-title\"><a href=\"/").append(attribute(other.slug())).append("\">")
          .append(text(other.title())).append("</a></h3><time class=\"entry-date\" datetime=\"").append(other.date()).append("\">")
          .append(SiteDates.print(other.date())).append("</time><div class=\"entry-summary\"><p>").append(text(other.lede()))
          .append("</p></div></article>\n");
    }
    out.append("   </section>\n  </main>\n");
    out.append("  <aside id=\"secondary\" class=\"widget-area\">\n");
    recent(out, catalog);
    out.append("  </aside>\n");
    return end(out);
  }

  private static void recent(StringBuilder out, ReplicaCatalog catalog) {
    out.append("   <section class=\"widget widget_recent_entries\"><h2 class=\"widget-title\">Recent news</h2><ul>\n");
    for (ReplicaArticle recent : others(catalog, null, 3)) {
      out.append("    <li><a href=\"/").append(attribute(recent.slug())).append("\">").append(text(recent.title()))
          .append("</a> <span class=\"post-date\">").append(SiteDates.print(recent.date())).append("</span></li>\n");
    }
    out.append("   </ul></section>\n");
  }

  /** A few other articles of the catalog, for the boxes a learner must not take for content. */
  static List<ReplicaArticle> others(ReplicaCatalog catalog, ReplicaArticle except, int count) {
    return catalog.listingOfAll(0).articles().stream().filter(a -> except == null || !a.slug().equals(except.slug())).limit(count).toList();
  }

  private static StringBuilder start(String title, String bodyClass, String... meta) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"UTF-8\">\n<title>")
        .append(text(title)).append("</title>\n");
    for (String line : meta) {
      out.append(line).append('\n');
    }
    out.append("<link rel=\"stylesheet\" href=\"/wp-content/themes/industriall/style.css\">\n</head>\n")
        .append("<body class=\"").append(bodyClass).append("\">\n<div id=\"page\" class=\"site\">\n")
        .append(" <a class=\"skip-link screen-reader-text\" href=\"#content\">Skip to content</a>\n")
        .append(" <header id=\"masthead\" class=\"site-header\"><p class=\"site-title\"><a href=\"/\" rel=\"home\">IndustriALL</a></p>\n")
        .append("  <nav class=\"main-navigation\"><ul class=\"menu\"><li class=\"menu-item\"><a href=\"/about-us\">About us</a></li>")
        .append("<li class=\"menu-item\"><a href=\"/search\">Search</a></li></ul></nav></header>\n")
        .append(" <div id=\"content\" class=\"site-content\"><div class=\"wrap\">\n");
    return out;
  }

  private static String end(StringBuilder out) {
    return out.append(" </div></div>\n")
        .append(" <footer id=\"colophon\" class=\"site-footer\"><div class=\"site-info\">IndustriALL Global Union, 54 bis route des Acacias,"
            + " 1227 Geneva, Switzerland</div></footer>\n")
        .append("</div>\n</body>\n</html>\n").toString();
  }
}
