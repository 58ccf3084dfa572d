package org.industriallmonitor.web;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.store.ArticleRepository;

/**
 * The console's Atom 1.0 feeds: the newest archived articles, of all countries or of one. An
 * entry's id is a tag URI made from the article's slug, and its updated time is when the article
 * was found: both come from the database, so a restart or a re-archiving never changes them.
 */
final class AtomFeeds {
  static final int ENTRIES = 50;
  static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";
  private static final String TAG = "tag:industriall-monitor,2026:";

  private final Archive archive;

  AtomFeeds(Archive archive) {
    this.archive = archive;
  }

  /** The id of an article's entry, the same wherever and whenever the feed is built. */
  static String entryId(String slug) {
    return TAG + "article/" + slug;
  }

  /**
   * A feed of {@code articles} (newest first); {@code self} is the feed's own address, {@code
   * console} the console's root, for the entries' alternate links to their archived text.
   */
  byte[] feed(String title, String feedId, String self, String console, List<ArticleRepository.Summary> articles) {
    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType("atom_1.0");
    feed.setTitle(xmlSafe(DisplayText.of(title)));
    feed.setUri(TAG + "feed/" + feedId);
    feed.setLink(console);
    SyndLink selfLink = new SyndLinkImpl();
    selfLink.setRel("self");
    selfLink.setHref(self);
    selfLink.setType("application/atom+xml");
    feed.setLinks(List.of(selfLink));
    feed.setAuthors(List.of());
    Instant updated = articles.stream().map(ArticleRepository.Summary::detectedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
    feed.setPublishedDate(Date.from(updated));
    List<SyndEntry> entries = new ArrayList<>();
    for (ArticleRepository.Summary a : articles) {
      entries.add(entry(a, console));
    }
    feed.setEntries(entries);
    try {
      return new SyndFeedOutput().outputString(feed, true).getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw new IllegalStateException("cannot write the Atom feed " + feedId + ": " + e.getMessage(), e);
    }
  }

  private SyndEntry entry(ArticleRepository.Summary a, String console) {
    SyndEntry entry = new SyndEntryImpl();
    entry.setUri(entryId(a.slug()));
    entry.setTitle(xmlSafe(DisplayText.of(a.title())));
    SyndLink archived = new SyndLinkImpl();
    archived.setRel("related");
    archived.setType("text/html");
    archived.setHref(console + "articles/" + ConsolePages.encodePath(a.slug()));
    if (DisplayText.isWebLink(a.url())) {
      entry.setLink(a.url());
      SyndLink original = new SyndLinkImpl();
      original.setRel("alternate");
      original.setType("text/html");
      original.setHref(a.url());
      entry.setLinks(List.of(original, archived));
    } else {
      // Not an address a reader should follow (javascript:, say): the archived page stands in for it.
      entry.setLink(archived.getHref());
      entry.setLinks(List.of(archived));
    }
    entry.setAuthor("IndustriALL Global Union");
    entry.setPublishedDate(Date.from(LocalDate.parse(a.published()).atStartOfDay(ZoneOffset.UTC).toInstant()));
    entry.setUpdatedDate(Date.from(a.detectedAt()));
    List<SyndCategory> categories = new ArrayList<>();
    Arrays.stream(a.countries().split(",\\s*")).filter(c -> !c.isBlank()).forEach(name -> {
      SyndCategory category = new SyndCategoryImpl();
      category.setName(xmlSafe(DisplayText.of(name)));
      categories.add(category);
    });
    entry.setCategories(categories);
    SyndContent content = new SyndContentImpl();
    content.setType("text");
    content.setValue(xmlSafe(DisplayText.block(archivedText(a))));
    entry.setContents(List.of(content));
    return entry;
  }

  /** Text that XML 1.0 can hold: a character it cannot (a NUL, an escape from a hostile title) becomes U+FFFD. */
  static String xmlSafe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
      out.appendCodePoint(allowed ? c : 0xFFFD);
    });
    return out.toString();
  }

  private String archivedText(ArticleRepository.Summary a) {
    try {
      return ArchiveText.withoutHeader(Files.readString(archive.resolve(a.archivePath()), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return "(the archived text " + a.archivePath() + " cannot be read: " + e.getMessage() + ")";
    }
  }
}
