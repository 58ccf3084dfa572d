package org.industriallmonitor.archive;

import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.ListingItem;
import org.industriallmonitor.parse.ListingPage;

/** Renders articles and listing pages in the plain-text format of the archive contract. */
public final class ArchiveText {
  /** The two lines every archived page starts with. */
  public static final String HEADER = "Jump to main content\nIndustriALL logotype";

  private ArchiveText() {}

  /**
   * An archived text without the two lines of {@link #HEADER} that every page starts with: what the search
   * index holds and a feed shows (the same two lines in every article are no words to find or read).
   */
  public static String withoutHeader(String archived) {
    String prefix = HEADER + "\n\n";
    return archived.startsWith(prefix) ? archived.substring(prefix.length()) : archived;
  }

  /** Header, title, date immediately followed by the lede, then the body's blocks; no final newline. */
  public static String article(Article article) {
    StringBuilder out = new StringBuilder(HEADER)
        .append("\n\n").append(article.title())
        .append("\n\n").append(article.date()).append(article.lede());
    for (String block : article.blocks()) {
      out.append("\n\n").append(block);
    }
    return out.toString();
  }

  /** Header, the summary line, then each item's title and its date followed by its teaser. */
  public static String listing(ListingPage page) {
    StringBuilder out = new StringBuilder(HEADER).append("\n\n\n").append(page.summary() == null ? "" : page.summary());
    for (ListingItem item : page.items()) {
      out.append("\n\n").append(item.title()).append("\n\n").append(item.date()).append(item.teaser());
    }
    return out.toString();
  }
}
