package org.industriallmonitor.calibrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.parse.Region;

/**
 * The texts a calibration checks selectors against: articles (their address and archive text),
 * listing items per country, and the countries an article is tagged with when known.
 */
public record References(List<KnownArticle> articles, List<KnownListing> listings, Map<String, List<Region>> regions) {
  private static final String STRUGGLE = "kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";
  private static final String ORGANIZING = "organizing-leads-to-massive-increase-of-the-union-membership-in-kyrgyzstan";

  public References {
    articles = List.copyOf(articles);
    listings = List.copyOf(listings);
    regions = Map.copyOf(regions);
  }

  /**
   * The contract's references on {@code base}: the two seed articles at their live slugs, the
   * items of Kazakhstan's listing (region 169, seed 004) and of Kyrgyzstan's (364, seed 000).
   */
  public static References contract(String base) {
    String site = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    List<KnownArticle> articles = new ArrayList<>();
    for (String slug : List.of(STRUGGLE, ORGANIZING)) {
      KnownArticle.of(site + "/" + slug, resource("article-" + slug + ".txt")).ifPresent(articles::add);
    }
    List<KnownListing> listings = new ArrayList<>();
    KnownListing.ofSnapshot(169, resource("listing-169.txt")).map(l -> l.of("Kazakhstan", "seed 004")).ifPresent(listings::add);
    listings.add(KnownListing.ofCompact(364, resource("listing-364-compact.txt")).of("Kyrgyzstan", "seed 000"));
    List<Region> kyrgyzstan = List.of(new Region(364, "Kyrgyzstan"));
    return new References(articles, listings, Map.of(site + "/" + STRUGGLE, kyrgyzstan, site + "/" + ORGANIZING, kyrgyzstan));
  }

  /** These references and {@code others}'. */
  public References plus(References others) {
    List<KnownArticle> a = new ArrayList<>(articles);
    a.addAll(others.articles);
    List<KnownListing> l = new ArrayList<>(listings);
    l.addAll(others.listings);
    Map<String, List<Region>> r = new java.util.HashMap<>(regions);
    r.putAll(others.regions);
    return new References(a, l, r);
  }

  /**
   * A reference a user gives ({@code calibrate --reference URL=FILE}): the archive text of the
   * article at URL, or a listing snapshot of the listing page at URL (its {@code regions=}).
   */
  public static References given(String url, String text) {
    var article = KnownArticle.of(url, text);
    if (article.isPresent()) {
      return new References(List.of(article.get()), List.of(), Map.of());
    }
    var region = java.util.regex.Pattern.compile("[?&]regions=(\\d+)").matcher(url);
    if (region.find()) {
      var listing = KnownListing.ofSnapshot(Integer.parseInt(region.group(1)), text);
      if (listing.isPresent()) {
        return new References(List.of(), List.of(listing.get()), Map.of());
      }
    }
    throw new IllegalArgumentException("neither an article's archive text nor a listing snapshot of a regions= page: " + url);
  }

  /** The items of a country's listing page as the archive's snapshot of it holds them. */
  public static References snapshot(int region, String text) {
    return KnownListing.ofSnapshot(region, text).map(l -> new References(List.of(), List.of(l), Map.of()))
        .orElse(new References(List.of(), List.of(), Map.of()));
  }

  public boolean isEmpty() {
    return articles.isEmpty() && listings.isEmpty();
  }

  /** An article of the monitor's own archive, with the countries its sidecar names. */
  public static References archived(String url, String text, List<Region> countries) {
    return KnownArticle.of(url, text).map(a -> new References(List.of(a), List.of(), countries.isEmpty() ? Map.of() : Map.of(url, countries)))
        .orElse(new References(List.of(), List.of(), Map.of()));
  }

  private static String resource(String name) {
    try (InputStream in = References.class.getResourceAsStream("/calibration/" + name)) {
      if (in == null) {
        throw new IllegalStateException("calibration/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
