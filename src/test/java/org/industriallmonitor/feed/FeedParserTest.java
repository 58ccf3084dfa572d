package org.industriallmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.industriallmonitor.parse.SiteUrls;
import org.junit.jupiter.api.Test;

/** The site-wide feed read through Rome: articles of the site in feed order, anything else refused or left out. */
class FeedParserTest {
  private final FeedParser parser = new FeedParser(new SiteUrls(URI.create("https://www.industriall-union.org")));

  @Test
  void readsADrupalRssFeedInItsOrderKeepingOnlyArticlesOfTheSite() throws Exception {
    String rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xml:base="https://www.industriall-union.org/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>IndustriALL</title>
            <link>https://www.industriall-union.org/</link>
            <description/>
            <item>
              <title>Kyrgyzstan’s ongoing struggle for fundamental workers’ rights</title>
              <link>https://www.industriall-union.org/kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights</link>
              <pubDate>Tue, 01 Dec 2026 09:30:00 +0000</pubDate>
              <guid isPermaLink="false">123 at https://www.industriall-union.org</guid>
            </item>
            <item>
              <title>Elsewhere</title>
              <link>https://example.org/not-the-site</link>
            </item>
            <item>
              <title>By its permalink guid</title>
              <guid isPermaLink="true">https://industriall-union.org/organizing-leads-to-massive-increase-of-the-union-membership-in-kyrgyzstan</guid>
            </item>
            <item>
              <title>The home page</title>
              <link>https://www.industriall-union.org/</link>
            </item>
          </channel>
        </rss>
        """;

    List<FeedItem> items = parser.parse("https://www.industriall-union.org/rss.xml", rss.getBytes(StandardCharsets.UTF_8));

    assertThat(items).extracting(FeedItem::slug).containsExactly("kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights",
        "organizing-leads-to-massive-increase-of-the-union-membership-in-kyrgyzstan");
    assertThat(items.get(0).title()).isEqualTo("Kyrgyzstan’s ongoing struggle for fundamental workers’ rights");
    assertThat(items.get(0).published()).contains(Instant.parse("2026-12-01T09:30:00Z"));
    assertThat(items.get(1).published()).isEmpty();
  }

  @Test
  void readsAnAtomFeedInItsDeclaredEncoding() throws Exception {
    String atom = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>IndustriALL</title><id>urn:x</id><updated>2026-12-01T10:00:00Z</updated>
          <entry>
            <title>Syndicats réunis à Genève</title><id>urn:y</id><updated>2026-12-01T10:00:00Z</updated>
            <link href="https://www.industriall-union.org/fr/syndicats-reunis"/>
          </entry>
        </feed>
        """;

    List<FeedItem> items = parser.parse("https://www.industriall-union.org/rss.xml", atom.getBytes(StandardCharsets.ISO_8859_1));

    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.slug()).isEqualTo("fr/syndicats-reunis");
      assertThat(item.title()).isEqualTo("Syndicats réunis à Genève");
    });
  }

  @Test
  void aStrayControlCharacterInOneTitleDoesNotMakeTheFeedUnreadable() throws Exception {
    String rss = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>IndustriALL</title>"
        + "<item><title>Bell\u0007 and back\bspace in Łódź</title><link>https://www.industriall-union.org/bell</link></item>"
        + "<item><title>Next</title><link>https://www.industriall-union.org/next</link></item></channel></rss>";

    List<FeedItem> items = parser.parse("https://www.industriall-union.org/rss.xml", rss.getBytes(StandardCharsets.UTF_8));

    assertThat(items).extracting(FeedItem::slug).containsExactly("bell", "next");
    assertThat(items.get(0).title()).isEqualTo("Bell and backspace in Łódź");
  }

  @Test
  void anHtmlPageOrTruncatedFeedIsAnErrorThatNamesTheFeed() {
    assertThatThrownBy(() -> parser.parse("https://www.industriall-union.org/rss.xml",
        "<!DOCTYPE html><html><body><p>Maintenance".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableFeedException.class)
        .hasMessageStartingWith("https://www.industriall-union.org/rss.xml: not a readable RSS or Atom feed");
    assertThatThrownBy(() -> parser.parse("https://www.industriall-union.org/rss.xml",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>cut".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableFeedException.class);
  }

  @Test
  void aFeedThatDeclaresEntitiesIsRefused() {
    String billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <rss version="2.0"><channel><title>&b;</title><link>https://www.industriall-union.org/</link><description/></channel></rss>
        """;

    assertThatThrownBy(() -> parser.parse("https://www.industriall-union.org/rss.xml", billionLaughs.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableFeedException.class);
  }
}
