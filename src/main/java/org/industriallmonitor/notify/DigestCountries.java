package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.CountryNames;

/**
 * The configured countries, in the configuration's order, with the names each answers to: a digest files each
 * article under the first of its tags that names one of them (the site may tag an alias, or a country first
 * that is not followed), headed by the configured name; an article naming none under its first tag, after them.
 */
public record DigestCountries(List<Country> countries) {
  /** No configured country: each article under its first tag, the tags in alphabetical order. */
  public static final DigestCountries NONE = new DigestCountries(List.of());

  public DigestCountries {
    countries = List.copyOf(countries);
  }

  /** A configured country: its name and its {@code aliases}. */
  public record Country(String name, List<String> aliases) {
    public Country {
      aliases = List.copyOf(aliases);
    }

    /** As {@link CountryConfig#answersTo}: its name or an alias, case and accents aside. */
    boolean answersTo(String tag) {
      return CountryNames.same(name, tag) || aliases.stream().anyMatch(alias -> CountryNames.same(alias, tag));
    }
  }

  /**
   * Where a digest files an article: {@code country} is its heading ("" for an article of no country), {@code tag}
   * the article's own tag filed under it (a chat digest names its other tags as "also"), {@code rank} the heading's
   * place (the configured order; after them all for a country not configured).
   */
  public record Filing(String country, String tag, int rank) {}

  /** The configured countries of {@code configured}, in its order. */
  public static DigestCountries of(List<CountryConfig> configured) {
    return new DigestCountries(configured.stream().map(c -> new Country(c.name(), c.aliases())).toList());
  }

  /** Countries known by their names alone, in this order. */
  public static DigestCountries named(List<String> names) {
    return new DigestCountries(names.stream().map(n -> new Country(n, List.of())).toList());
  }

  /** Where a digest files the article of {@code event}. */
  public Filing filing(JsonNode event) {
    for (JsonNode tag : event.path("countries")) {
      for (int i = 0; i < countries.size(); i++) {
        if (countries.get(i).answersTo(tag.asText())) {
          return new Filing(countries.get(i).name(), tag.asText(), i);
        }
      }
    }
    String first = MessageText.firstCountry(event);
    return new Filing(first, first, countries.size());
  }
}
