package org.industriallmonitor.replica;

import java.util.Locale;

/**
 * The markups the replica serves the same texts in: the contract's, a WordPress-like one, and
 * one with no class attributes at all. The site may change its CMS without notice; these let
 * the monitor (its selectors, calibration and repair) be tried on markup it was not written for.
 * Each has what a learner must not take for content: menus, sidebars, related articles, footers.
 */
public enum ReplicaTheme {
  CONTRACT,
  WORDPRESS,
  BARE;

  public String listing(ReplicaCatalog catalog, Integer region, ListingSlice slice) {
    return listing(catalog, region, slice, "en");
  }

  /** A listing page whose country facets are named in {@code language}. */
  public String listing(ReplicaCatalog catalog, Integer region, ListingSlice slice, String language) {
    return switch (this) {
      case CONTRACT -> ReplicaPages.listing(catalog, region, slice, language);
      case WORDPRESS -> WordPressPages.listing(catalog, region, slice, language);
      case BARE -> BarePages.listing(catalog, region, slice, language);
    };
  }

  public String article(ReplicaCatalog catalog, ReplicaArticle article) {
    return switch (this) {
      case CONTRACT -> ReplicaPages.article(catalog, article);
      case WORDPRESS -> WordPressPages.article(catalog, article);
      case BARE -> BarePages.article(catalog, article);
    };
  }

  /** The theme named {@code name} ({@code contract}, {@code wordpress}, {@code bare}), or an error listing them. */
  public static ReplicaTheme named(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("no replica theme '" + name + "' (themes: contract, wordpress, bare)");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
