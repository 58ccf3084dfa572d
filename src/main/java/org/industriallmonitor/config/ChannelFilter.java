package org.industriallmonitor.config;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.industriallmonitor.query.TextFilter;

/**
 * A channel's filters, all optional, all of which an article must pass for the channel to hear of it:
 * {@code match:} and {@code exclude:} on its title and archived text ({@link #text()}), {@code themes:} (one of
 * its theme tags) and {@code countries:} (one of its countries: the listing it was found in or a configured
 * country it is tagged with). Monitor alerts pass always. {@link #NONE} passes every article.
 *
 * @param themes the themes written, each a site id or a name (compared as {@link CountryNames} compares names)
 * @param regions the configured countries written, by their region ids
 */
public record ChannelFilter(TextFilter text, List<ThemeName> themes, Set<Integer> regions) {
  public static final ChannelFilter NONE = new ChannelFilter(TextFilter.NONE, List.of(), Set.of());

  /** A theme as written under {@code themes:}: its site id, or its name ({@code id} null). */
  public record ThemeName(Integer id, String name) {
    /** A theme as a user writes it: up to nine digits are a site id, anything else a name. */
    public static ThemeName of(String written) {
      String theme = written.strip();
      return theme.matches("[0-9]{1,9}") ? new ThemeName(Integer.valueOf(theme), null) : new ThemeName(null, theme);
    }

    /** Whether an article's theme tag with this id and name is this theme. */
    public boolean is(int tagId, String tagName) {
      return id != null ? id == tagId : CountryNames.same(name, tagName);
    }

    @Override
    public String toString() {
      return id != null ? String.valueOf(id) : name;
    }
  }

  public ChannelFilter {
    themes = List.copyOf(themes);
    regions = Set.copyOf(regions);
  }

  /** Whether no filter is set. */
  public boolean isNone() {
    return text.isNone() && themes.isEmpty() && regions.isEmpty();
  }

  /** Whether an article tagged with these themes (ids and names in the same order) passes {@code themes:}. */
  public boolean passesThemes(List<Integer> tagIds, List<String> tagNames) {
    if (themes.isEmpty()) {
      return true;
    }
    for (int i = 0; i < tagIds.size(); i++) {
      for (ThemeName theme : themes) {
        if (theme.is(tagIds.get(i), tagNames.get(i))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether an article of these configured countries passes {@code countries:}. */
  public boolean passesCountries(Collection<Integer> articleRegions) {
    return regions.isEmpty() || articleRegions.stream().anyMatch(regions::contains);
  }

  /** The filters in the configuration's words, for status and the console: {@code match: "a b", themes: [Mining]}. */
  public String describe(List<CountryConfig> countries) {
    List<String> parts = new java.util.ArrayList<>();
    if (text.match() != null) {
      parts.add("match: " + text.match().typed());
    }
    if (text.exclude() != null) {
      parts.add("exclude: " + text.exclude().typed());
    }
    if (!themes.isEmpty()) {
      parts.add("themes: [" + themes.stream().map(ThemeName::toString).collect(Collectors.joining(", ")) + "]");
    }
    if (!regions.isEmpty()) {
      parts.add("countries: [" + countries.stream().filter(c -> regions.contains(c.region())).map(CountryConfig::name)
          .collect(Collectors.joining(", ")) + "]");
    }
    return String.join(", ", parts);
  }
}
