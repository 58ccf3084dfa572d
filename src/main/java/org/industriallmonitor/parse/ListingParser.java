package org.industriallmonitor.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industriallmonitor.config.Selectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/** Reads a country listing page: its summary line, its items and its next link. */
public final class ListingParser {
  /**
   * A summary line read by its three numbers, in any language: {@code Showing 41-50 of 55 results},
   * {@code Mostrando 11-20 de 33 resultados}, {@code Showing 3211-3220 sur 5753 results}.
   */
  private static final Pattern RANGE =
      Pattern.compile("(\\d[\\d,.]*)\\s*[-–]\\s*(\\d[\\d,.]*)\\D+?(\\d[\\d,.]*)", Pattern.CASE_INSENSITIVE);
  /** An empty listing, in the site's languages. */
  private static final Pattern NO_RESULTS = Pattern.compile(
      "\\bno results\\b|\\bno hay resultados\\b|\\bning[uú]n resultado|\\baucun r[ée]sultat|ничего не найдено|нет результатов",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private final Selectors selectors;
  private final SiteUrls urls;
  // Parsed once: jsoup parses a selector given as text again at every call.
  private final Evaluator summarySelector;
  private final Evaluator itemSelector;
  private final Evaluator itemLinkSelector;
  private final Evaluator itemTeaserSelector;
  private final Evaluator itemDateSelector;
  private final Evaluator nextPageSelector;
  private final Evaluator regionFacetsSelector;

  public ListingParser(Selectors selectors, SiteUrls urls) {
    this.selectors = selectors;
    this.urls = urls;
    this.summarySelector = QueryParser.parse(selectors.listingSummary());
    this.itemSelector = QueryParser.parse(selectors.listingItem());
    this.itemLinkSelector = QueryParser.parse(selectors.itemLink());
    this.itemTeaserSelector = QueryParser.parse(selectors.itemTeaser());
    this.itemDateSelector = QueryParser.parse(selectors.itemDate());
    this.nextPageSelector = QueryParser.parse(selectors.nextPage());
    this.regionFacetsSelector = QueryParser.parse(selectors.regionFacets());
  }

  public ListingPage parse(String html, String pageUrl) throws LayoutException {
    return parse(Jsoup.parse(html, pageUrl), pageUrl);
  }

  /** Reads a page already parsed (calibration tries many selectors on one page). */
  public ListingPage parse(Document doc, String pageUrl) throws LayoutException {
    PageLinks links = new PageLinks(doc);
    Element summaryElement = doc.selectFirst(summarySelector);
    String summary = summaryElement == null ? null : SiteText.of(summaryElement);
    List<ListingItem> items = new ArrayList<>();
    for (Element result : doc.select(itemSelector)) {
      items.add(item(result, pageUrl, links));
    }
    for (ListingItem item : items) {
      if (urls != null && urls.isListing(item.url())) {
        // A country list or a pager read as results: the selectors read something else than the listing.
        throw new LayoutException(pageUrl, "listing_item", selectors.listingItem(), "results that link to a listing page, not to an"
            + " article (\"" + item.title() + "\": " + item.url() + ")");
      }
    }
    if (summary == null && items.isEmpty()) {
      throw new LayoutException(pageUrl, "listing_summary", selectors.listingSummary(),
          "no summary line and no results (listing_item = \"" + selectors.listingItem() + "\" found nothing either)");
    }
    Element next = doc.selectFirst(nextPageSelector);
    String nextUrl = next == null || links.href(next).isEmpty() ? null : links.href(next);
    Map<Integer, String> countries = new LinkedHashMap<>();
    TagLinks.find(doc, regionFacetsSelector, TagLinks.Kind.REGION, Region::new).forEach(r -> countries.putIfAbsent(r.id(), r.name()));
    return new ListingPage(pageUrl, summary, range(summary), items, nextUrl, countries);
  }

  /** The countries of the region facet list, by region id, in page order. */
  public Map<Integer, String> regions(String html, String pageUrl) throws LayoutException {
    Document doc = Jsoup.parse(html, pageUrl);
    Map<Integer, String> regions = new LinkedHashMap<>();
    for (Region region : TagLinks.find(doc, regionFacetsSelector, TagLinks.Kind.REGION, Region::new)) {
      regions.putIfAbsent(region.id(), region.name());
    }
    if (regions.isEmpty()) {
      throw new LayoutException(pageUrl, "region_facets", selectors.regionFacets(), "no country list");
    }
    return regions;
  }

  private ListingItem item(Element result, String pageUrl, PageLinks links) throws LayoutException {
    Element link = result.selectFirst(itemLinkSelector);
    if (link == null) {
      throw new LayoutException(pageUrl, "item_link", selectors.itemLink(), "a result without a title link");
    }
    String url = links.href(link);
    String slug = urls.slugOf(url).orElse(null);
    Element teaserElement = result.selectFirst(itemTeaserSelector);
    String date = "";
    String teaser = "";
    if (teaserElement != null) {
      Element dateElement = teaserElement.selectFirst(itemDateSelector);
      date = dateElement == null ? "" : SiteText.of(dateElement);
      teaser = SiteText.ofExcept(teaserElement, dateElement);
    }
    return new ListingItem(url, slug, SiteText.of(link), date, teaser);
  }

  public static Optional<ResultRange> range(String summary) {
    if (summary == null) {
      return Optional.empty();
    }
    Matcher m = RANGE.matcher(summary);
    if (m.find()) {
      return Optional.of(new ResultRange(number(m.group(1)), number(m.group(2)), number(m.group(3))));
    }
    return NO_RESULTS.matcher(summary).find() ? Optional.of(ResultRange.EMPTY) : Optional.empty();
  }

  /** A number as printed: thousands separated by commas or points ({@code 5,749}, {@code 5.749}). */
  private static int number(String digits) {
    return Integer.parseInt(digits.replaceAll("\\D", ""));
  }
}
