package org.industriallmonitor.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.EarlyWarningConfig;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.feed.EarlyWarningSource;
import org.industriallmonitor.feed.FeedItem;
import org.industriallmonitor.feed.UnreadableFeedException;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.BodyBlocks;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingPage;
import org.industriallmonitor.parse.ResultRange;
import org.industriallmonitor.parse.SiteText;
import org.industriallmonitor.site.SiteReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What {@code validate --online} asks the site about a configuration, paced and under robots.txt
 * like a crawl: its list of countries (one request), the first listing page of each configured
 * country and the first article it lists (two requests each), with what each selector finds on
 * them, and the early-warning source (one request). A configured id gone from the list is looked
 * for by the country's name and aliases (in the lists of its other languages too, one request each
 * when the English one names none), and its listing read under the one id found, as the monitor
 * follows it. Archives and records nothing.
 */
public final class OnlineCheck {
  private OnlineCheck() {}

  /** The site's country list by region id, or the problem that kept it from being read. */
  public record CountryList(String url, Map<Integer, String> regions, String problem) {}

  /**
   * One configured country as the site shows it. {@code listed} is empty when the country list
   * could not be read; {@code results} is null when the first page had no readable summary.
   */
  public record Finding(CountryConfig country, Optional<Boolean> listed, Integer results, String firstTitle, String problem,
      String warning, Map<Integer, String> namedLike) {
    public Finding {
      namedLike = Collections.unmodifiableMap(new TreeMap<>(namedLike));
    }

    public Finding(CountryConfig country, Optional<Boolean> listed, Integer results, String firstTitle, String problem, String warning) {
      this(country, listed, results, firstTitle, problem, warning, Map.of());
    }

    /**
     * True when nothing about the country needs fixing (a warning may still ask a question). A country
     * found again under another id still needs its id written: the site no longer knows the configured one.
     */
    public boolean ok() {
      return problem == null && listed.orElse(true);
    }

    /**
     * The one id the site lists the country under now, by its name or an alias, when its configured id is gone
     * ({@code namedLike} holds every such id); then its listing was read under that id, as the monitor follows it.
     */
    public Optional<Integer> movedTo() {
      return namedLike.size() == 1 ? Optional.of(namedLike.keySet().iterator().next()) : Optional.empty();
    }
  }

  /** What one selector finds on a page: how many elements, the first one's text, and where the selector comes from. */
  public record SelectorFinding(String key, String selector, String source, int count, String first) {}

  /** The early-warning source as the site answers it: the articles of the site it links, or its problem (naming its address). */
  public record SourceFinding(String source, String url, int items, String firstTitle, String problem) {}

  /** {@code source} is empty when the early warning is off. */
  public record Report(CountryList countryList, List<Finding> countries, Map<String, List<SelectorFinding>> selectors,
      Optional<SourceFinding> source) {
    public boolean ok() {
      return countryList.problem() == null && countries.stream().allMatch(Finding::ok)
          && source.map(s -> s.problem() == null && s.items() > 0).orElse(true);
    }
  }

  /**
   * {@code validate --online} on the site of {@code parts}, for its configuration's countries and early-warning source;
   * {@code sources} as below.
   */
  public static Report run(Components parts, Map<String, String> sources) throws InterruptedException {
    MonitorConfig config = parts.config();
    return run(parts.site().reader(), config.countries(), parts.site().selectors(), sources, config.site().earlyWarning());
  }

  /** Where each selector in force comes from: {@code configured} (the YAML), {@code learned} (calibrate) or {@code default}. */
  public static Report run(SiteReader site, List<CountryConfig> countries, Selectors selectors, Map<String, String> sources,
      EarlyWarningConfig earlyWarning) throws InterruptedException {
    CountryList list = countryList(site);
    List<Finding> findings = new ArrayList<>();
    Map<String, List<SelectorFinding>> found = new LinkedHashMap<>();
    Map<String, CountryList> otherLists = new LinkedHashMap<>();
    for (CountryConfig country : countries) {
      Optional<Boolean> listed = list.problem() == null ? Optional.of(list.regions().containsKey(country.region())) : Optional.empty();
      Map<Integer, String> namedLike = listed.orElse(true) ? Map.of() : namedLike(site, list, otherLists, country);
      if (listed.orElse(false) && !country.answersTo(list.regions().get(country.region()))) {
        // The configured id names another country now (a renumbering that reused it): when this country's name is
        // elsewhere in the list, the monitor follows it there, as for an id gone.
        Map<Integer, String> elsewhere = namedLike(site, list, otherLists, country);
        if (!elsewhere.isEmpty()) {
          listed = Optional.of(false);
          namedLike = elsewhere;
        }
      }
      int region = namedLike.size() == 1 ? namedLike.keySet().iterator().next() : country.region();
      String url = site.urls().listing(region, 0);
      try {
        FetchResult result = site.fetcher().fetch(url, Validators.NONE);
        Document listing = Jsoup.parse(result.body(), url);
        found.put(url, findings(listing, selectors, sources, LISTING_KEYS));
        ListingPage page = site.listingParser().parse(listing, url);
        if (!page.items().isEmpty() && page.items().get(0).slug() != null) {
          String article = site.urls().article(page.items().get(0).slug());
          try {
            found.put(article, findings(Jsoup.parse(site.fetcher().fetch(article, Validators.NONE).body(), article), selectors, sources,
                ARTICLE_KEYS));
          } catch (FetchException e) {
            found.put(article + " (" + e.getMessage() + ")", List.of());
          }
        }
        Integer results = page.range().map(ResultRange::total).orElse(null);
        String first = page.items().isEmpty() ? null : page.items().get(0).title();
        String warning = Integer.valueOf(0).equals(results) ? CrawlReport.noResults(region) : null;
        findings.add(new Finding(country, listed, results, first, null, warning, namedLike));
      } catch (FetchException | LayoutException e) {
        findings.add(new Finding(country, listed, null, null, e.getMessage(), null, namedLike));
      }
    }
    return new Report(list, findings, found, earlyWarning.enabled() ? Optional.of(source(site, earlyWarning.source())) : Optional.empty());
  }

  /**
   * The ids of the site's countries that answer to the country's name or one of its aliases, in id order: in the
   * English list, or else in the lists of the country's other languages (its name may be written in one of them),
   * each read once for all countries.
   */
  private static Map<Integer, String> namedLike(SiteReader site, CountryList english, Map<String, CountryList> otherLists,
      CountryConfig country) throws InterruptedException {
    Map<Integer, String> named = namedLike(english.regions(), country);
    for (String language : country.languages()) {
      if (!named.isEmpty()) {
        break;
      }
      if (!language.equals("en")) {
        CountryList list = otherLists.get(language);
        if (list == null) {
          list = countryList(site, language);
          otherLists.put(language, list);
        }
        named = namedLike(list.regions(), country);
      }
    }
    return named;
  }

  static Map<Integer, String> namedLike(Map<Integer, String> regions, CountryConfig country) {
    Map<Integer, String> named = new TreeMap<>();
    regions.forEach((id, name) -> {
      if (country.answersTo(name)) {
        named.put(id, name);
      }
    });
    return named;
  }

  private static SourceFinding source(SiteReader site, EarlyWarningConfig.Source which) throws InterruptedException {
    EarlyWarningSource source = EarlyWarningSource.of(which, site);
    try {
      // Its first page only, as a first poll reads it.
      List<FeedItem> items = source.poll(Validators.NONE, slug -> true).items();
      return new SourceFinding(which.id(), source.url(), items.size(), items.isEmpty() ? null : items.get(0).title(), null);
    } catch (FetchException | UnreadableFeedException e) {
      return new SourceFinding(which.id(), source.url(), 0, null, e.getMessage());
    }
  }

  private static final List<String> LISTING_KEYS =
      List.of("listing_summary", "listing_item", "item_link", "item_teaser", "item_date", "next_page", "region_facets");
  private static final List<String> ARTICLE_KEYS = List.of("article_title", "article_published", "article_lead", "article_date",
      "article_body", "article_translations", "article_regions", "article_themes");

  private static List<SelectorFinding> findings(Document doc, Selectors selectors, Map<String, String> sources, List<String> keys) {
    Map<String, String> byKey = selectors.byKey();
    List<SelectorFinding> out = new ArrayList<>();
    for (String key : keys) {
      String selector = byKey.get(key);
      List<Element> elements = doc.select(selector);
      String first = elements.isEmpty() ? null
          : key.equals("article_body") ? String.join(" | ", BodyBlocks.of(elements.get(0)))
          : elements.get(0).normalName().equals("meta") ? elements.get(0).attr("content") : SiteText.of(elements.get(0));
      out.add(new SelectorFinding(key, selector, sources.getOrDefault(key, "default"), elements.size(), first));
    }
    return out;
  }

  /**
   * {@code countries}: the site's list of countries (region id and name, named in {@code language}), read through
   * the site of {@code parts}, or the problem that kept it from being read.
   */
  public static CountryList countryList(Components parts, String language) throws InterruptedException {
    return countryList(parts.site().reader(), language);
  }

  private static CountryList countryList(SiteReader site) throws InterruptedException {
    return countryList(site, "en");
  }

  /** The site's country list in {@code language}, or the problem that kept it from being read (also read by {@link Monitor}). */
  static CountryList countryList(SiteReader site, String language) throws InterruptedException {
    String url = site.urls().facets(language);
    try {
      FetchResult page = site.fetcher().fetch(url, Validators.NONE);
      return new CountryList(url, site.listingParser().regions(page.body(), url), null);
    } catch (FetchException | LayoutException e) {
      return new CountryList(url, Map.of(), e.getMessage());
    }
  }
}
