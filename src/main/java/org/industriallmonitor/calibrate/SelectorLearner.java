package org.industriallmonitor.calibrate;

import static org.industriallmonitor.calibrate.TextDifference.firstDifference;
import static org.industriallmonitor.calibrate.TextDifference.shorten;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.industriallmonitor.calibrate.Calibrator.Field;
import org.industriallmonitor.config.CountryNames;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.parse.BodyBlocks;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.parse.ListingPage;
import org.industriallmonitor.parse.ListingParser;
import org.industriallmonitor.parse.MainContent;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.parse.ResultRange;
import org.industriallmonitor.parse.SiteDates;
import org.industriallmonitor.parse.SiteText;
import org.industriallmonitor.parse.SiteUrls;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Learns the selectors of markup the monitor has never seen from pages whose text is known: for
 * each field, the elements whose text is the known text give candidate selectors (classes,
 * structure, attributes; never positions, see {@link SelectorCandidates}), and a candidate is kept
 * only when it gives the known text on every reference. Pure: HTML and known texts in, selectors
 * out, the same for the same pages; it neither fetches nor verifies the whole set (that is {@link
 * SelectorVerifier}'s), and keeps nothing between calls.
 */
final class SelectorLearner {
  private final SiteUrls urls;

  /** A learner for pages of the site at {@code urls} (which addresses are articles, listings, countries). */
  SelectorLearner(SiteUrls urls) {
    this.urls = urls;
  }

  /**
   * What was learned: every field (its selector, or why it was not learned) and the whole set to
   * verify, the defaults where a field was not learned.
   */
  record Learned(List<Field> fields, Selectors selectors) {
    Learned {
      fields = List.copyOf(fields);
    }
  }

  /** A reference article's page, parsed once for all the candidates tried on it. */
  private record ArticlePage(KnownArticle known, Document doc) {}

  /** A reference listing page, parsed once, its offset, and the country id it was asked for (null: a search page). */
  private record ListingDoc(KnownListing known, int from, String url, Document doc, Integer region) {}

  /** Learns from {@code articles} and {@code listings}; {@code articleRegions} are the countries each article is known to be tagged with. */
  Learned learn(List<ArticleReference> articles, List<ListingReference> listings, Map<String, List<Region>> articleRegions) {
    List<ArticlePage> pages = articles.stream().map(a -> new ArticlePage(a.known(), Jsoup.parse(a.html(), a.known().url()))).toList();
    List<ListingDoc> listingPages = listings.stream()
        .map(l -> new ListingDoc(l.known(), l.from(), l.url(), Jsoup.parse(l.html(), l.url()), l.region())).toList();
    List<Field> fields = new ArrayList<>();
    Map<String, String> learned = new LinkedHashMap<>(Selectors.defaults().byKey());
    if (pages.isEmpty()) {
      fields.add(new Field("article_*", null, null, "no reference article could be fetched"));
    } else {
      learnArticle(pages, articleRegions, learned, fields);
    }
    if (listingPages.isEmpty()) {
      fields.add(new Field("listing_*", null, null, "no listing page with a known item was found"));
    } else {
      learnListing(listingPages, learned, fields);
    }
    return new Learned(fields, Selectors.fromKeys(learned));
  }

  // ----- articles

  private void learnArticle(List<ArticlePage> pages, Map<String, List<Region>> regions, Map<String, String> learned, List<Field> fields) {
    ArticlePage first = pages.get(0);
    learn("article_title", fields, learned, first.known().title(), elementsWithText(first.doc(), first.known().title()),
        sel -> pages.stream().allMatch(p -> textOf(p.doc().selectFirst(sel)).equals(p.known().title())), first.doc());
    learnBody(pages, learned, fields);
    learnLead(pages, learned, fields);
    learnPublished(pages, learned, fields);
    learnRegions(pages, regions, learned, fields);
    learnLinks("article_themes", "themes=", "data-theme", pages.stream().map(ArticlePage::doc).toList(), learned, fields);
    learnLinks("article_translations", null, "hreflang", pages.stream().map(ArticlePage::doc).toList(), learned, fields);
  }

  /**
   * The body's element: never one in an aside, a nav, a header or a footer (a widget may hold a copy
   * of the body while the references are read, and other text later); of the parts of the page that
   * read the body, those in {@code main} or {@code article} first, then those that are not one of
   * several boxes alike (repeated widgets, cards). When two parts that nothing tells
   * apart each read the body on every reference, no choice is made: the field is not learned.
   */
  private void learnBody(List<ArticlePage> pages, Map<String, String> learned, List<Field> fields) {
    ArticlePage first = pages.get(0);
    String known = String.join("\n\n", first.known().blocks());
    List<Element> reading = first.doc().getAllElements().stream().filter(e -> BodyBlocks.of(e).equals(first.known().blocks())).toList();
    if (reading.isEmpty()) {
      learn("article_body", fields, learned, known, List.of(), sel -> false, first.doc());
      return;
    }
    List<Element> main = reading.stream().filter(e -> MainContent.outside(e).isEmpty()).toList();
    if (main.isEmpty()) {
      Element where = MainContent.outside(reading.get(0)).orElseThrow();
      fields.add(new Field("article_body", null, null, "only a part of the page that is not the article's content holds the body's"
          + " text (" + SelectorCandidates.steps(where).get(0) + ": a sidebar, menu, header or footer); write the selector of the"
          + " article's body under site.selectors.article_body"));
      return;
    }
    // Parts of the page: the innermost element that reads the body, and the wrappers around it that read the same.
    List<List<Element>> parts = new ArrayList<>();
    for (Element inner : smallestFirst(main)) {
      if (main.stream().noneMatch(o -> o != inner && o.parents().contains(inner))) {
        List<Element> part = new ArrayList<>(List.of(inner));
        main.stream().filter(o -> inner.parents().contains(o)).sorted((x, y) -> Integer.compare(y.parents().size(), x.parents().size()))
            .forEach(part::add);
        parts.add(part);
      }
    }
    parts.sort((x, y) -> Integer.compare(rank(x.get(0)), rank(y.get(0))));
    List<Element> chosen = new ArrayList<>();
    List<String> selectors = new ArrayList<>();
    for (List<Element> part : parts) {
      String selector = null;
      for (Element element : part) {
        selector = first(SelectorCandidates.of(element), sel -> part.contains(first.doc().selectFirst(sel))
            && pages.stream().allMatch(p -> {
              Element body = p.doc().selectFirst(sel);
              return body != null && MainContent.outside(body).isEmpty() && BodyBlocks.of(body).equals(p.known().blocks());
            }));
        if (selector != null) {
          break;
        }
      }
      if (selector != null) {
        chosen.add(part.get(0));
        selectors.add(selector);
      }
    }
    if (selectors.isEmpty()) {
      fields.add(new Field("article_body", null, null, "no stable selector gives it on every reference (" + main.size() + " elements tried)"));
      return;
    }
    if (selectors.size() >= 2 && rank(chosen.get(0)) == rank(chosen.get(1))) {
      fields.add(new Field("article_body", null, null, "two parts of the page read the body on every reference, \"" + selectors.get(0)
          + "\" and \"" + selectors.get(1) + "\", and nothing tells which is the article's; write the right one under"
          + " site.selectors.article_body"));
      return;
    }
    learned.put("article_body", selectors.get(0));
    fields.add(new Field("article_body", selectors.get(0), known, null));
  }

  /** How much a part of the page looks like the article's body, 0 best: in main or article first, then not one of repeated widgets. */
  private static int rank(Element part) {
    return (MainContent.inMain(part) ? 0 : 2) + (repeated(part) ? 1 : 0);
  }

  /** True when {@code e} is one of several boxes alike (a sibling with its tag and classes): a widget, a card, not the body. */
  private static boolean repeated(Element e) {
    return !e.classNames().isEmpty() && e.siblingElements().stream()
        .anyMatch(s -> s.normalName().equals(e.normalName()) && s.classNames().equals(e.classNames()));
  }

  /** The lede's element (with the date inside it, or apart from it) and the date's. */
  private void learnLead(List<ArticlePage> pages, Map<String, String> learned, List<Field> fields) {
    ArticlePage first = pages.get(0);
    String date = first.known().date();
    String lede = first.known().lede();
    List<Element> dates = elementsWithText(first.doc(), date);
    List<Element> leads = first.doc().getAllElements().stream()
        .filter(e -> SiteText.of(e).equals(date + lede) || SiteText.of(e).equals(lede)).toList();
    for (Element lead : smallestFirst(leads)) {
      for (String leadSelector : SelectorCandidates.of(lead)) {
        for (Element dateElement : smallestFirst(dates)) {
          for (String dateSelector : SelectorCandidates.of(dateElement)) {
            if (pages.stream().allMatch(p -> leadReads(p, leadSelector, dateSelector))) {
              learned.put("article_lead", leadSelector);
              learned.put("article_date", dateSelector);
              fields.add(new Field("article_lead", leadSelector, lede, null));
              fields.add(new Field("article_date", dateSelector, date, null));
              return;
            }
          }
        }
      }
    }
    fields.add(new Field("article_lead", null, null, "no element reads \"" + shorten(lede) + "\" with its date \"" + date + "\""
        + (leads.isEmpty() ? " (no element has the lede's text)" : " on every reference")));
    fields.add(new Field("article_date", null, null, dates.isEmpty() ? "no element reads \"" + date + "\"" : "see article_lead"));
  }

  private static boolean leadReads(ArticlePage page, String leadSelector, String dateSelector) {
    Element lead = page.doc().selectFirst(leadSelector);
    if (lead == null) {
      return false;
    }
    Element date = lead.selectFirst(dateSelector);
    if (date == null) {
      date = page.doc().selectFirst(dateSelector);
    }
    return date != null && SiteText.of(date).equals(page.known().date())
        && SiteText.ofExcept(lead, date).equals(page.known().lede());
  }

  /** A machine-readable date of publication that agrees with the printed one; not needed when the printed date reads. */
  private void learnPublished(List<ArticlePage> pages, Map<String, String> learned, List<Field> fields) {
    ArticlePage first = pages.get(0);
    Optional<LocalDate> printed = SiteDates.fromPrinted(first.known().date());
    List<String> candidates = new ArrayList<>();
    for (Element e : first.doc().select("meta[content], time[datetime]")) {
      String value = e.hasAttr("content") ? e.attr("content") : e.attr("datetime");
      Optional<LocalDate> iso = SiteDates.fromIso(value);
      if (iso.isPresent() && (printed.isEmpty() || iso.equals(printed))) {
        candidates.addAll(SelectorCandidates.steps(e));
      }
    }
    for (String candidate : candidates) {
      if (pages.stream().allMatch(p -> {
        Element e = p.doc().selectFirst(candidate);
        Optional<LocalDate> expected = SiteDates.fromPrinted(p.known().date());
        return e != null && SiteDates.fromIso(e.hasAttr("content") ? e.attr("content") : e.attr("datetime")).map(d -> expected.isEmpty()
            || expected.get().equals(d)).orElse(false);
      })) {
        learned.put("article_published", candidate);
        fields.add(new Field("article_published", candidate, first.known().date(), null));
        return;
      }
    }
    if (pages.stream().allMatch(p -> SiteDates.fromPrinted(p.known().date()).isPresent())) {
      fields.add(new Field("article_published", learned.get("article_published"), first.known().date(),
          null));
      return;
    }
    fields.add(new Field("article_published", null, null, "no machine-readable date agrees with \"" + first.known().date() + "\""));
  }

  private void learnRegions(List<ArticlePage> pages, Map<String, List<Region>> regions, Map<String, String> learned, List<Field> fields) {
    ArticlePage first = pages.get(0);
    List<Region> expected = regions.getOrDefault(first.known().url(), List.of());
    if (expected.isEmpty()) {
      learnLinks("article_regions", "regions=", "data-region", pages.stream().map(ArticlePage::doc).toList(), learned, fields);
      return;
    }
    // By name, not id: a site that renumbered its countries tags the references with their names under other ids.
    List<Element> links = first.doc().getAllElements().stream().filter(e -> e.normalName().equals("a")
        && expected.stream().anyMatch(r -> CountryNames.same(r.name(), SiteText.of(e)))).toList();
    learn("article_regions", fields, learned, expected.get(0).name(), links, sel -> pages.stream().allMatch(p -> {
      List<Region> want = regions.getOrDefault(p.known().url(), List.of());
      List<Region> got = regionsOf(p.doc(), sel, learned);
      Set<String> names = got.stream().map(r -> CountryNames.key(r.name())).collect(Collectors.toSet());
      return want.stream().allMatch(r -> names.contains(CountryNames.key(r.name())))
          && got.stream().map(Region::id).distinct().count() == got.size();
    }));
  }

  private List<Region> regionsOf(Document doc, String selector, Map<String, String> learned) {
    Map<String, String> keys = new HashMap<>(learned);
    keys.put("region_facets", selector);
    try {
      return new ArrayList<>(new ListingParser(Selectors.fromKeys(keys), urls).regions(doc.outerHtml(), doc.location()).entrySet()
          .stream().map(e -> new Region(e.getKey(), e.getValue())).toList());
    } catch (LayoutException | RuntimeException e) {
      return List.of();
    }
  }

  /** Links that carry an id ({@code themes=}, a data attribute) or a language: on every reference, at least one. */
  private void learnLinks(String key, String hrefPart, String attribute, List<Document> docs, Map<String, String> learned,
      List<Field> fields) {
    Document first = docs.get(0);
    List<Element> links = first.select("a").stream()
        .filter(a -> a.hasAttr(attribute) || hrefPart != null && a.attr("href").contains(hrefPart)).toList();
    learn(key, fields, learned, links.isEmpty() ? null : SiteText.of(links.get(0)), links,
        sel -> docs.stream().allMatch(d -> {
          List<Element> found = d.select(sel);
          return !found.isEmpty() && found.stream().allMatch(a -> a.hasAttr(attribute) || hrefPart != null && a.attr("href").contains(hrefPart));
        }));
  }

  // ----- listings

  private void learnListing(List<ListingDoc> pages, Map<String, String> learned, List<Field> fields) {
    // Each known item on the pages: the element of its date followed by its teaser, and the nearest link with its
    // title (a sidebar or a related box may repeat the title, never the teaser).
    List<Element> links = new ArrayList<>();
    List<Element> teasers = new ArrayList<>();
    List<Element> dates = new ArrayList<>();
    for (ListingDoc page : pages) {
      for (String title : page.known().titles()) {
        Optional<String> dateAndTeaser = page.known().dateAndTeaser(title);
        if (dateAndTeaser.isEmpty()) {
          continue;
        }
        for (Element teaser : smallestFirst(elementsWithText(page.doc(), dateAndTeaser.get()))) {
          Optional<Element> date = teaser.getAllElements().stream()
              .filter(d -> d != teaser && SiteDates.isPrinted(SiteText.of(d)) && dateAndTeaser.get().startsWith(SiteText.of(d))).findFirst();
          Optional<Element> link = Optional.empty();
          for (Element up = teaser.parent(); up != null && link.isEmpty() && up.hasParent(); up = up.parent()) {
            link = up.select("a[href]").stream().filter(a -> SiteText.of(a).equals(title)).findFirst();
          }
          if (date.isPresent() && link.isPresent()) {
            links.add(link.get());
            teasers.add(teaser);
            dates.add(date.get());
            break;
          }
        }
      }
    }
    if (links.isEmpty() || teasers.isEmpty()) {
      fields.add(new Field("listing_item", null, null, "no known item's title and teaser were found together on the listing pages"));
      return;
    }
    // Field by field inside the known items (each a sum of tries, not a product), then the item selector that reads them all.
    List<Element> items = new ArrayList<>();
    for (int i = 0; i < links.size() && i < teasers.size(); i++) {
      items.add(commonAncestor(links.get(i), teasers.get(i)));
    }
    Element firstItem = items.get(0);
    String linkSelector = first(smallSteps(links.get(0), firstItem), sel -> allIndexed(items, (item, i) -> links.get(i) == item.selectFirst(sel)));
    String teaserSelector = first(smallSteps(teasers.get(0), firstItem),
        sel -> allIndexed(items, (item, i) -> teasers.get(i) == item.selectFirst(sel)));
    String dateSelector = teaserSelector == null ? null : first(smallSteps(dates.get(0), teasers.get(0)),
        sel -> allIndexed(items, (item, i) -> dates.get(i) == teasers.get(i).selectFirst(sel)));
    if (linkSelector != null && teaserSelector != null && dateSelector != null) {
      for (String itemSelector : SelectorCandidates.of(firstItem)) {
        Map<String, String> keys = new HashMap<>(learned);
        keys.put("listing_item", itemSelector);
        keys.put("item_link", linkSelector);
        keys.put("item_teaser", teaserSelector);
        keys.put("item_date", dateSelector);
        if (pages.stream().allMatch(p -> itemsRead(p, keys))) {
          keys.forEach(learned::put);
          String line = String.join(" / ", SiteText.of(links.get(0)), SiteText.of(teasers.get(0)));
          for (String key : List.of("listing_item", "item_link", "item_teaser", "item_date")) {
            fields.add(new Field(key, keys.get(key), line, null));
          }
          learnSummaryAndPager(pages, learned, fields);
          return;
        }
      }
    }
    fields.add(new Field("listing_item", null, null, "no selectors read every known item (title, date, teaser) and nothing else"));
  }

  /** Every known item on the page read exactly, and every item read a real one (no sidebar, no related box). */
  private boolean itemsRead(ListingDoc page, Map<String, String> keys) {
    Map<String, String> withSummary = new HashMap<>(keys);
    withSummary.put("listing_summary", withSummary.getOrDefault("listing_summary", "*"));
    ListingPage parsed;
    try {
      parsed = new ListingParser(Selectors.fromKeys(withSummary), urls).parse(page.doc(), page.url());
    } catch (LayoutException | RuntimeException e) {
      return false;
    }
    int known = 0;
    for (ListingItem item : parsed.items()) {
      if (item.slug() == null || item.title().isEmpty() || !SiteDates.isPrinted(item.date()) || item.teaser().isEmpty()) {
        return false;
      }
      if (page.known().matches(item.title(), item.date(), item.teaser())) {
        known++;
      } else if (page.known().titles().contains(item.title())) {
        return false; // a known item read with another date or teaser
      }
    }
    long onPage = page.known().titles().stream().filter(t -> !elementsWithText(page.doc(), t).isEmpty()).count();
    return known == onPage;
  }

  private void learnSummaryAndPager(List<ListingDoc> pages, Map<String, String> learned, List<Field> fields) {
    // The first page that has a next page (a search page may hold all its results): the pager is learned from it.
    ListingDoc first = pages.stream().filter(p -> !p.doc().select("a[href*=from=" + (p.from() + 10) + "]").isEmpty()).findFirst()
        .orElse(pages.get(0));
    List<Element> summaries = first.doc().getAllElements().stream()
        .filter(e -> ListingParser.range(SiteText.of(e)).isPresent() && SiteText.of(e).length() < 120).toList();
    learn("listing_summary", fields, learned, summaries.isEmpty() ? null : SiteText.of(summaries.get(0)), summaries,
        sel -> pages.stream().allMatch(p -> {
          Optional<ResultRange> range = ListingParser.range(textOf(p.doc().selectFirst(sel)));
          return range.isPresent() && range.get().first() == p.from() + 1;
        }));
    List<Element> nexts = first.doc().select("a[href]").stream().filter(a -> a.attr("href").contains("from=" + (first.from() + 10))).toList();
    learn("next_page", fields, learned, nexts.isEmpty() ? null : nexts.get(0).attr("href"), nexts,
        sel -> pages.stream().allMatch(p -> {
          Element next = p.doc().selectFirst(sel);
          Optional<ResultRange> range = ListingParser.range(textOf(p.doc().selectFirst(learned.get("listing_summary"))));
          boolean last = range.isPresent() && range.get().isLastPage();
          return last ? next == null || !next.attr("href").contains("from=") || next.attr("href").contains("from=" + (p.from() + 10))
              : next != null && next.attr("href").contains("from=" + (p.from() + 10));
        }));
    List<Element> facets = first.doc().select("a[href]").stream().filter(a -> a.attr("href").contains("regions=")
        && !a.attr("href").contains("from=") && !SiteText.of(a).isEmpty()).toList();
    learn("region_facets", fields, learned, facets.isEmpty() ? null : SiteText.of(facets.get(0)), facets,
        sel -> pages.stream().allMatch(p -> {
          // Each link one country: the pager's links also say regions=, and would give a country the name "Next".
          Document doc = p.region() == null ? asCountryPage(p.doc()) : p.doc();
          List<Element> selected = doc.select(sel);
          List<Region> regions = regionsOf(doc, sel, learned);
          // The id the page was asked for, not the contract's: a migration renumbers them. A search page names no country.
          boolean own = p.region() == null || regions.stream().anyMatch(r -> r.id() == p.region());
          return own && regions.size() >= 2 && regions.size() == selected.size()
              && selected.stream().noneMatch(a -> a.attr("href").contains("from="));
        }));
  }

  /**
   * A search page as a country's listing page would be: its pager's links say {@code regions=} too. A selector of the
   * country list learned from search pages alone must not take in the pager of the country pages the crawl reads.
   */
  private static Document asCountryPage(Document search) {
    Document copy = search.clone();
    for (Element link : copy.select("a[href*=from=]")) {
      if (!link.attr("href").contains("regions=")) {
        link.attr("href", link.attr("href") + "&regions=1");
      }
    }
    return copy;
  }

  // ----- helpers

  private static String first(List<String> candidates, Predicate<String> holds) {
    return candidates.stream().filter(holds).findFirst().orElse(null);
  }

  private static boolean allIndexed(List<Element> items, BiPredicate<Element, Integer> holds) {
    for (int i = 0; i < items.size(); i++) {
      if (!holds.test(items.get(i), i)) {
        return false;
      }
    }
    return true;
  }

  /** Learns {@code key} from the first of {@code elements}' candidates that {@code holds}. */
  private static void learn(String key, List<Field> fields, Map<String, String> learned, String matched, List<Element> elements,
      Predicate<String> holds) {
    for (Element element : smallestFirst(elements)) {
      for (String candidate : SelectorCandidates.of(element)) {
        if (holds.test(candidate)) {
          learned.put(key, candidate);
          fields.add(new Field(key, candidate, matched, null));
          return;
        }
      }
    }
    fields.add(new Field(key, null, null, elements.isEmpty() ? "no element holds the known text"
        + (matched == null ? "" : " \"" + shorten(matched) + "\"") : "no stable selector gives it on every reference ("
        + elements.size() + " elements tried)"));
  }

  /** Like {@link #learn}, and when nothing holds the known text, says which element of {@code page} comes closest, and how it differs. */
  private static void learn(String key, List<Field> fields, Map<String, String> learned, String matched, List<Element> elements,
      Predicate<String> holds, Document page) {
    learn(key, fields, learned, matched, elements, holds);
    Field last = fields.get(fields.size() - 1);
    if (!last.learned() && elements.isEmpty() && matched != null) {
      closest(page, matched).ifPresent(near -> fields.set(fields.size() - 1, new Field(key, null, null, last.problem() + "; closest: "
          + SelectorCandidates.steps(near).get(0) + " reads \"" + shorten(SiteText.of(near)) + "\", which differs at "
          + firstDifference(SiteText.of(near), matched))));
    }
  }

  /** The element whose text shares the longest start with {@code text} (at least a few words), if any. */
  private static Optional<Element> closest(Document page, String text) {
    Element best = null;
    int bestLength = 12;
    for (Element e : page.getAllElements()) {
      String candidate = SiteText.of(e);
      int common = 0;
      while (common < candidate.length() && common < text.length() && candidate.charAt(common) == text.charAt(common)) {
        common++;
      }
      if (common > bestLength || common == bestLength && best != null && candidate.length() < SiteText.of(best).length()) {
        best = e;
        bestLength = common;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Selectors of {@code element} that stay inside {@code within} (the steps of the element and of its ancestors up to it). */
  private static List<String> smallSteps(Element element, Element within) {
    List<String> own = SelectorCandidates.steps(element);
    List<String> all = new ArrayList<>(own);
    for (Element up = element.parent(); up != null && up != within && up.hasParent(); up = up.parent()) {
      for (String step : SelectorCandidates.steps(up)) {
        for (String mine : own) {
          all.add(step + " " + mine);
        }
      }
    }
    return all;
  }

  private static Element commonAncestor(Element a, Element b) {
    for (Element up = a; up != null; up = up.parent()) {
      if (b.parents().contains(up) || up == b) {
        return up;
      }
    }
    return a.ownerDocument();
  }

  private static List<Element> elementsWithText(Document doc, String text) {
    return doc.getAllElements().stream().filter(e -> SiteText.of(e).equals(text)).toList();
  }

  /** Innermost elements first: the one that holds just the text, not every wrapper around it. */
  private static List<Element> smallestFirst(List<Element> elements) {
    List<Element> sorted = new ArrayList<>(elements);
    sorted.sort((x, y) -> Integer.compare(y.parents().size(), x.parents().size()));
    return sorted;
  }

  private static String textOf(Element e) {
    return e == null ? "" : SiteText.of(e);
  }
}
