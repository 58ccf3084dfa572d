package org.industriallmonitor.parse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.config.Selectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/** Reads an article page into an {@link Article}. */
public final class ArticleParser {
  private final Selectors selectors;
  // Parsed once: jsoup parses a selector given as text again at every call.
  private final Evaluator titleSelector;
  private final Evaluator bodySelector;
  private final Evaluator legacyParagraphsSelector;
  private final Evaluator leadSelector;
  private final Evaluator dateSelector;
  private final Evaluator publishedSelector;
  private final Evaluator translationsSelector;
  private final Evaluator regionsSelector;
  private final Evaluator themesSelector;

  public ArticleParser(Selectors selectors) {
    this.selectors = selectors;
    this.titleSelector = QueryParser.parse(selectors.articleTitle());
    this.bodySelector = QueryParser.parse(selectors.articleBody());
    this.legacyParagraphsSelector = selectors.articleParagraphs() == null ? null : QueryParser.parse(selectors.articleParagraphs());
    this.leadSelector = QueryParser.parse(selectors.articleLead());
    this.dateSelector = QueryParser.parse(selectors.articleDate());
    this.publishedSelector = QueryParser.parse(selectors.articlePublished());
    this.translationsSelector = QueryParser.parse(selectors.articleTranslations());
    this.regionsSelector = QueryParser.parse(selectors.articleRegions());
    this.themesSelector = QueryParser.parse(selectors.articleThemes());
  }

  /**
   * Parses the page of the article {@code slug} found at {@code url}.
   *
   * @throws LayoutException when the page has no title, no body text or no readable date
   */
  public Article parse(String html, String url, String slug) throws LayoutException {
    return parse(Jsoup.parse(html, url), url, slug);
  }

  /** Reads a page already parsed (calibration tries many selectors on one page). */
  public Article parse(Document doc, String url, String slug) throws LayoutException {
    Element titleElement = doc.selectFirst(titleSelector);
    String title = titleElement == null ? "" : SiteText.of(titleElement);
    if (title.isEmpty()) {
      throw new LayoutException(url, "article_title", selectors.articleTitle(), "no title");
    }
    List<BodyBlocks.Block> blocks = body(doc, url);
    Element lead = doc.selectFirst(leadSelector);
    checkBody(doc, url, titleElement, lead);
    Element dateElement = lead == null ? null : lead.selectFirst(dateSelector);
    if (dateElement == null) {
      // Some markups print the date apart from the lede (in the article's header, say).
      dateElement = doc.selectFirst(dateSelector);
    }
    String date = dateElement == null ? "" : SiteText.of(dateElement);
    String lede = lead == null ? "" : SiteText.ofExcept(lead, dateElement);
    LocalDate published = published(doc, date, url);
    return new Article(url, slug, title, published, date, lede, blocks.stream().map(BodyBlocks.Block::text).toList(),
        blocks.stream().map(BodyBlocks.Block::kind).toList(), countries(doc), themes(doc), translations(doc));
  }

  /** The body's blocks: of the body element, or (an old configuration) the text of each element of article_paragraphs. */
  private List<BodyBlocks.Block> body(Document doc, String url) throws LayoutException {
    List<BodyBlocks.Block> blocks = new ArrayList<>();
    if (legacyParagraphsSelector != null) {
      for (Element p : doc.select(legacyParagraphsSelector)) {
        String text = SiteText.of(p);
        if (!text.isEmpty()) {
          blocks.add(new BodyBlocks.Block(text, BodyBlocks.Kind.ofText(text)));
        }
      }
      if (blocks.isEmpty()) {
        throw new LayoutException(url, Selectors.LEGACY_PARAGRAPHS, selectors.articleParagraphs(), "no body text");
      }
      return blocks;
    }
    Element body = doc.selectFirst(bodySelector);
    if (body != null) {
      blocks.addAll(BodyBlocks.read(body));
    }
    if (blocks.isEmpty()) {
      throw new LayoutException(url, "article_body", selectors.articleBody(), "no body text");
    }
    return blocks;
  }

  /**
   * A body that stopped looking like the article's (read in a sidebar, a menu, a header or a
   * footer, or away from the lede and title) is a layout error, not an article with another text.
   */
  private void checkBody(Document doc, String url, Element title, Element lead) throws LayoutException {
    if (legacyParagraphsSelector != null) {
      return;
    }
    Element body = doc.selectFirst(bodySelector);
    boolean lede = lead != null && !SiteText.of(lead).isEmpty();
    Optional<String> problem = MainContent.problem(body, lede ? lead : title, lede ? "lede" : "title");
    if (problem.isPresent()) {
      throw new LayoutException(url, "article_body", selectors.articleBody(), problem.get(), "does not read the article's body");
    }
  }

  private LocalDate published(Document doc, String printedDate, String url) throws LayoutException {
    Element meta = doc.selectFirst(publishedSelector);
    if (meta != null) {
      String value = meta.hasAttr("content") ? meta.attr("content") : meta.hasAttr("datetime") ? meta.attr("datetime") : meta.text();
      var iso = SiteDates.fromIso(value);
      var printed = SiteDates.fromPrinted(printedDate);
      if (iso.isPresent() && printed.isPresent() && !iso.equals(printed)) {
        // The date read is another article's (a related box, a sidebar): the selectors read the wrong element.
        throw new LayoutException(url, "article_date", selectors.articleDate(), "the date read, \"" + printedDate
            + "\", is not the article's publication date " + iso.get() + "; no article date");
      }
      if (iso.isPresent()) {
        return iso.get();
      }
    }
    Optional<String> unreadable = SiteDates.unreadable(printedDate);
    if (unreadable.isPresent()) {
      throw new LayoutException(url, "article_date", selectors.articleDate(), unreadable.get());
    }
    return SiteDates.fromPrinted(printedDate)
        .orElseThrow(() -> new LayoutException(url, "article_published", selectors.articlePublished(),
            "no publication date (article_date = \"" + selectors.articleDate() + "\" found none either)"));
  }

  private List<Region> countries(Document doc) {
    return TagLinks.find(doc, regionsSelector, TagLinks.Kind.REGION, Region::new);
  }

  private List<Theme> themes(Document doc) {
    return TagLinks.find(doc, themesSelector, TagLinks.Kind.THEME, Theme::new);
  }

  private List<Translation> translations(Document doc) {
    List<Translation> translations = new ArrayList<>();
    PageLinks links = new PageLinks(doc);
    for (Element link : doc.select(translationsSelector)) {
      String href = links.href(link);
      if (!href.isEmpty()) {
        translations.add(new Translation(link.attr("hreflang").trim(), href));
      }
    }
    return translations;
  }
}
