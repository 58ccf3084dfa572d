package org.industriallmonitor.fetch;

import java.util.Locale;
import java.util.Set;
import okhttp3.MediaType;

/** What kind of document a fetch asks for, and which content types it takes as that kind. */
public enum Accepts {
  /** An HTML page, decoded to text. */
  HTML("HTML", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1", Set.of("text/html", "application/xhtml+xml")),
  /**
   * A news feed, kept as bytes: an XML document declares its own encoding, which the feed parser
   * reads. Drupal serves its RSS as {@code application/rss+xml}; some servers say {@code text/xml}.
   */
  FEED("a feed", "application/rss+xml,application/atom+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1",
      Set.of("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml"));

  private final String description;
  private final String acceptHeader;
  private final Set<String> types;

  Accepts(String description, String acceptHeader, Set<String> types) {
    this.description = description;
    this.acceptHeader = acceptHeader;
    this.types = types;
  }

  String acceptHeader() {
    return acceptHeader;
  }

  boolean takes(MediaType type) {
    return types.contains(type.type().toLowerCase(Locale.ROOT) + "/" + type.subtype().toLowerCase(Locale.ROOT));
  }

  String describe() {
    return description;
  }
}
