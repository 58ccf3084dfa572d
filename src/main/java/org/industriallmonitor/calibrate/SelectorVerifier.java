package org.industriallmonitor.calibrate;

import static org.industriallmonitor.calibrate.TextDifference.firstDifference;
import static org.industriallmonitor.calibrate.TextDifference.shorten;

import java.util.List;
import java.util.Optional;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.parse.ListingParser;
import org.industriallmonitor.parse.SiteUrls;

/**
 * Verifies a set of selectors as the crawl would use them: every reference article, read by the
 * parser and rendered as the archive renders it, is its known text byte for byte, and every known
 * item on the reference listing pages reads its exact title, date and teaser. A field learned
 * alone can still fail here (the lede's element takes in the body, say): what is verified is the
 * whole set. No I/O: the pages are given.
 */
final class SelectorVerifier {
  private final SiteUrls urls;

  SelectorVerifier(SiteUrls urls) {
    this.urls = urls;
  }

  /** Empty when every reference reads exactly with {@code selectors}; else the first difference, or the layout error met. */
  Optional<String> verify(Selectors selectors, List<ArticleReference> articles, List<ListingReference> listings) {
    ArticleParser articleParser = new ArticleParser(selectors);
    for (ArticleReference page : articles) {
      try {
        Article article = articleParser.parse(page.html(), page.known().url(), "reference");
        String rendered = ArchiveText.article(article);
        if (!rendered.equals(page.known().text())) {
          return Optional.of(page.known().url() + ": the article renders differently, from " + firstDifference(rendered, page.known().text()));
        }
      } catch (LayoutException e) {
        return Optional.of(e.getMessage());
      }
    }
    ListingParser listingParser = new ListingParser(selectors, urls);
    for (ListingReference page : listings) {
      try {
        for (ListingItem item : listingParser.parse(page.html(), page.url()).items()) {
          if (page.known().titles().contains(item.title()) && !page.known().matches(item.title(), item.date(), item.teaser())) {
            return Optional.of(page.url() + ": the item \"" + shorten(item.title()) + "\" reads another date or teaser");
          }
        }
      } catch (LayoutException e) {
        return Optional.of(e.getMessage());
      }
    }
    return Optional.empty();
  }
}
