package org.industriallmonitor.parse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds articles on pages the configured selectors no longer understand: links in the main
 * content whose path looks like an article slug, and for an article page the {@code h1} (or
 * {@code og:title}), {@code article:published_time} and the largest block of paragraphs. What it
 * finds is flagged degraded.
 */
public final class FallbackExtractor {
  /** Three or more lowercase words joined by hyphens: how the site's article slugs look. */
  private static final Pattern ARTICLE_SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+){2,}");
  private static final String CHROME = "nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo]";

  private final SiteUrls urls;

  public FallbackExtractor(SiteUrls urls) {
    this.urls = urls;
  }

  /** Links of the main content that look like articles, by slug, with their link text as title. */
  public List<ListingItem> listingLinks(String html, String pageUrl) {
    Document doc = Jsoup.parse(html, pageUrl);
    Element main = mainContent(doc);
    main.select(CHROME).remove();
    Map<String, ListingItem> items = new LinkedHashMap<>();
    for (Element link : main.select("a[href]")) {
      String url = link.absUrl("href");
      Optional<String> slug = urls.slugOf(url);
      if (slug.isPresent() && ARTICLE_SLUG.matcher(slug.get()).matches() && !url.contains("?")) {
        items.putIfAbsent(slug.get(), new ListingItem(url, slug.get(), SiteText.of(link), "", ""));
      }
    }
    return new ArrayList<>(items.values());
  }

  /** The article as well as the fallback can read it; empty without a title, a date or paragraphs. */
  public Optional<Article> article(String html, String url, String slug, Region country) {
    Document doc = Jsoup.parse(html, url);
    String title = Optional.ofNullable(doc.selectFirst("h1")).map(SiteText::of).filter(t -> !t.isEmpty())
        .or(() -> Optional.ofNullable(doc.selectFirst("meta[property=og:title]")).map(m -> SiteText.fold(m.attr("content"))))
        .orElse("");
    Optional<LocalDate> published = Optional.ofNullable(doc.selectFirst("meta[property=article:published_time]"))
        .flatMap(m -> SiteDates.fromIso(m.attr("content")))
        .or(() -> Optional.ofNullable(doc.selectFirst("time[datetime]")).flatMap(t -> SiteDates.fromIso(t.attr("datetime"))));
    List<String> paragraphs = largestParagraphBlock(doc);
    if (title.isEmpty() || published.isEmpty() || paragraphs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Article(url, slug, title, published.get(), SiteDates.print(published.get()), "", paragraphs,
        List.of(country), List.of(), List.of()));
  }

  private static Element mainContent(Document doc) {
    Element main = doc.selectFirst("main, [role=main], #main-content");
    return (main != null ? main : doc.body()).clone();
  }

  /** The paragraphs of the element whose own {@code p} children hold the most text. */
  private static List<String> largestParagraphBlock(Document doc) {
    Element best = null;
    int bestLength = 0;
    for (Element p : doc.select("p")) {
      Element parent = p.parent();
      if (parent == null) {
        continue;
      }
      int length = 0;
      for (Element sibling : parent.children()) {
        if (sibling.tagName().equals("p")) {
          length += SiteText.of(sibling).length();
        }
      }
      if (length > bestLength) {
        best = parent;
        bestLength = length;
      }
    }
    List<String> paragraphs = new ArrayList<>();
    if (best != null) {
      for (Element p : best.children()) {
        String text = p.tagName().equals("p") ? SiteText.of(p) : "";
        if (!text.isEmpty()) {
          paragraphs.add(text);
        }
      }
    }
    return paragraphs;
  }
}
