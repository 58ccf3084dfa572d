package org.industriallmonitor.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CSS selectors that find things on the site's pages. The defaults (in {@code monitor-defaults.yaml}) are the
 * contract of {@code shared/site/README.md}; each can be overridden under {@code site.selectors}.
 * {@code articleParagraphs} is null unless a configuration still sets the old key
 * {@code article_paragraphs}: then the body is those elements' text, one block each, as before
 * {@code article_body} (the body element, whose lists, headings and quotes are archived too).
 */
public record Selectors(
    String listingSummary,
    String listingItem,
    String itemLink,
    String itemTeaser,
    String itemDate,
    String nextPage,
    String regionFacets,
    String articleTitle,
    String articlePublished,
    String articleLead,
    String articleDate,
    String articleBody,
    String articleParagraphs,
    String articleTranslations,
    String articleRegions,
    String articleThemes) {

  private static final Selectors DEFAULTS = fromKeys(MonitorDefaults.builtIn().section("site.selectors"));

  /** The site's markup as {@code monitor-defaults.yaml} has it under {@code site.selectors}. */
  public static Selectors defaults() {
    return DEFAULTS;
  }

  /** The YAML key of the old body selector, still read. */
  public static final String LEGACY_PARAGRAPHS = "article_paragraphs";

  /** The selectors by their YAML key, in a stable order; the old {@code article_paragraphs} only when it is set. */
  public Map<String, String> byKey() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("listing_summary", listingSummary);
    keys.put("listing_item", listingItem);
    keys.put("item_link", itemLink);
    keys.put("item_teaser", itemTeaser);
    keys.put("item_date", itemDate);
    keys.put("next_page", nextPage);
    keys.put("region_facets", regionFacets);
    keys.put("article_title", articleTitle);
    keys.put("article_published", articlePublished);
    keys.put("article_lead", articleLead);
    keys.put("article_date", articleDate);
    keys.put("article_body", articleBody);
    if (articleParagraphs != null) {
      keys.put(LEGACY_PARAGRAPHS, articleParagraphs);
    }
    keys.put("article_translations", articleTranslations);
    keys.put("article_regions", articleRegions);
    keys.put("article_themes", articleThemes);
    return keys;
  }

  public static Selectors fromKeys(Map<String, String> k) {
    return new Selectors(
        k.get("listing_summary"),
        k.get("listing_item"),
        k.get("item_link"),
        k.get("item_teaser"),
        k.get("item_date"),
        k.get("next_page"),
        k.get("region_facets"),
        k.get("article_title"),
        k.get("article_published"),
        k.get("article_lead"),
        k.get("article_date"),
        k.get("article_body"),
        k.get(LEGACY_PARAGRAPHS),
        k.get("article_translations"),
        k.get("article_regions"),
        k.get("article_themes"));
  }
}
