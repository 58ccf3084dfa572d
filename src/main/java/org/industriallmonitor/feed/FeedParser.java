package org.industriallmonitor.feed;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.industriallmonitor.parse.SiteUrls;

/**
 * Reads the site-wide feed (RSS or Atom, through Rome) into the articles it links, in the feed's
 * order. Items that link off the site or to no article are left out: the feed only says which
 * slugs to look at, the article page says everything else.
 */
public final class FeedParser {
  private final SiteUrls urls;

  public FeedParser(SiteUrls urls) {
    this.urls = urls;
  }

  /** The items of the feed document {@code bytes}, fetched from {@code url}. */
  public List<FeedItem> parse(String url, byte[] bytes) throws UnreadableFeedException {
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      // A feed has no business declaring a DTD; refusing one also shuts out entity expansion.
      input.setAllowDoctypes(false);
      feed = input.build(new XmlReader(new ByteArrayInputStream(withoutControlBytes(bytes))));
    } catch (FeedException | IllegalArgumentException e) {
      throw new UnreadableFeedException(url, "not a readable RSS or Atom feed (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UnreadableFeedException(url, "the feed's encoding cannot be read (" + e.getMessage() + ")", e);
    }
    List<FeedItem> items = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      link(entry).ifPresent(link -> urls.slugOf(link).ifPresent(slug -> items.add(new FeedItem(slug, link,
          entry.getTitle() == null ? "" : entry.getTitle().strip(),
          Optional.ofNullable(entry.getPublishedDate()).map(java.util.Date::toInstant)))));
    }
    return items;
  }

  /**
   * The document without the C0 control characters that XML 1.0 forbids (tab, line feed and
   * carriage return stay): a CMS that copies one title's stray control character into its feed
   * must not make the whole feed unreadable. Safe in UTF-8 and the other ASCII-based encodings,
   * where those bytes are never part of another character; UTF-16 (a byte-order mark) is left as it is.
   */
  static byte[] withoutControlBytes(byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      return bytes;
    }
    int kept = 0;
    byte[] out = new byte[bytes.length];
    for (byte b : bytes) {
      if (b >= 0x20 || b < 0 || b == '\t' || b == '\n' || b == '\r') {
        out[kept++] = b;
      }
    }
    return kept == bytes.length ? bytes : java.util.Arrays.copyOf(out, kept);
  }

  private static Optional<String> link(SyndEntry entry) {
    if (entry.getLink() != null && !entry.getLink().isBlank()) {
      return Optional.of(entry.getLink().strip());
    }
    // An RSS guid that is a permalink is the article's address too.
    String uri = entry.getUri();
    return uri != null && (uri.startsWith("http://") || uri.startsWith("https://")) ? Optional.of(uri.strip()) : Optional.empty();
  }
}
