package org.industriallmonitor.replica;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.testing.ReplicaTweaks;

/**
 * Hostile content for the replica: titles with line breaks, markup, direction marks, emoji,
 * terminal control characters and 10,000 characters; slugs with dot segments, encoded dots, NUL, backslashes, 500 characters,
 * queries and fragments; a listing of thousands of items on one page; pages with invalid UTF-8,
 * a lying charset, or that trickle one byte a second.
 */
public final class HostileFixtures {
  public static final int REGION = 999;
  public static final String COUNTRY = "Hostile Land";
  public static final int LONG_LISTING_REGION = 998;

  public static final String INVALID_UTF8 = "a-page-with-invalid-utf-8";
  public static final String LYING_CHARSET = "a-page-with-a-lying-charset";
  public static final String TRICKLE = "a-page-that-trickles";

  /** Titles that must reach the archive exactly (ASCII white space folded) and alerts safely. */
  public static final List<String> TITLES = List.of(
      "Line one\r\nBcc: victim@example.org\r\n\r\nbody",
      "<script>alert('x')</script> & <b>bold</b> \"quoted\"",
      "\u202Egnp.exe\u202C right-to-left \u200F marks \u200E",
      "Solidarity \u270A\uD83C\uDFFD with striking miners \uD83D\uDEA9\u26CF",
      "Long title " + "x".repeat(10_000),
      "A bell\u0007, an escape \u001B[2J\u001B[31mred\u001B[0m and a NUL \u0000 in a title");

  /** Slugs that must never write outside the archive folder. */
  public static final List<String> SLUGS = List.of(
      "../../escape-attempt-one",
      "%2e%2e%2f%2e%2e%2fescape-attempt-two",
      "nul%00byte-in-slug",
      "back\\slash\\slug",
      "a" + "-a".repeat(250),
      "query-and-fragment-slug?utm_source=x&from=10#top");

  private HostileFixtures() {}

  /** Adds the country {@value #COUNTRY} with one ordinary article, for a baseline before the hostile ones. */
  public static void addCountry(ReplicaCatalog catalog) {
    catalog.addCountry(new ReplicaCountry(REGION, COUNTRY), ReplicaCatalog.PAGE_SIZE);
    catalog.publish(article("an-ordinary-article", "An ordinary article", "Nothing unusual."), 0);
  }

  /** Publishes every hostile title, slug and page in {@value #COUNTRY}; {@code tweaks} serves the broken pages. */
  public static void publishAll(ReplicaCatalog catalog, ReplicaTweaks tweaks) {
    int n = 0;
    for (String title : TITLES) {
      catalog.publish(article("hostile-title-" + (++n), title, "A hostile title."), 0);
    }
    n = 0;
    for (String slug : SLUGS) {
      catalog.publish(article(slug, "Hostile slug " + (++n), "A hostile slug."), 0);
    }
    catalog.publish(article(INVALID_UTF8, "Invalid bytes", "Ends with bytes that are not UTF-8."), 0);
    catalog.publish(article(LYING_CHARSET, "Zürich, Łódź, Астана: a lying charset", "Sent as ISO-8859-1, written in UTF-8: ÅÄÖ."), 0);
    catalog.publish(article(TRICKLE, "A page that trickles", "One byte a second."), 0);
    tweaks.misbehave(INVALID_UTF8, ReplicaTweaks.Misbehaviour.INVALID_UTF8);
    tweaks.misbehave(LYING_CHARSET, ReplicaTweaks.Misbehaviour.LYING_CHARSET);
    tweaks.misbehave(TRICKLE, ReplicaTweaks.Misbehaviour.TRICKLE);
  }

  /** Adds a country whose single listing page holds {@code items} results. */
  public static void addLongListing(ReplicaCatalog catalog, int items) {
    catalog.addCountry(new ReplicaCountry(LONG_LISTING_REGION, "Long Listing"), items);
    List<ReplicaArticle> all = new ArrayList<>();
    for (int i = items; i >= 1; i--) {
      all.add(new ReplicaArticle("long-listing-item-" + i, "Long listing item " + i, LocalDate.of(2020, 1, 1).plusDays(i % 1500),
          "Item " + i + " of a listing of " + items + ".", List.of("Body of item " + i + "."), List.of(LONG_LISTING_REGION), List.of(1201)));
    }
    all.forEach(a -> catalog.publish(a, 0));
  }

  private static ReplicaArticle article(String slug, String title, String lede) {
    return new ReplicaArticle(slug, title, LocalDate.of(2026, 11, 1), lede, List.of("First paragraph.", "Second paragraph."),
        List.of(REGION), List.of(1201));
  }
}
