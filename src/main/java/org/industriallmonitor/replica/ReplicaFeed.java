package org.industriallmonitor.replica;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The replica's {@code /rss.xml}: a Drupal-like RSS 2.0 feed of the newest articles, newest first.
 * As on the live site, its items carry no country; the article page does.
 */
final class ReplicaFeed {
  static final int ITEMS = 20;

  private ReplicaFeed() {}

  static String rss(URI base, List<ReplicaArticle> newestFirst) {
    StringBuilder xml = new StringBuilder(4096)
        .append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<rss version=\"2.0\" xml:base=\"").append(xml(base.toString())).append("\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
        .append("  <channel>\n")
        .append("    <title>IndustriALL (replica)</title>\n")
        .append("    <link>").append(xml(base.toString())).append("</link>\n")
        .append("    <description>The replica site's newest articles</description>\n")
        .append("    <language>en</language>\n");
    for (ReplicaArticle article : newestFirst) {
      String link = base + "/" + article.slug();
      xml.append("    <item>\n")
          .append("      <title>").append(xml(article.title())).append("</title>\n")
          .append("      <link>").append(xml(link)).append("</link>\n")
          .append("      <description>").append(xml(article.lede())).append("</description>\n")
          .append("      <pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(article.date().atTime(12, 0).atOffset(ZoneOffset.UTC)))
          .append("</pubDate>\n")
          .append("      <guid isPermaLink=\"false\">").append(xml(article.slug())).append(" at https://www.industriall-union.org</guid>\n")
          .append("    </item>\n");
    }
    return xml.append("  </channel>\n</rss>\n").toString();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
