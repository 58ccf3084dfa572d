package org.industriallmonitor.app;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;
import java.util.function.UnaryOperator;
import org.industriallmonitor.store.SearchHit;
import org.industriallmonitor.store.SearchIndex;
import org.industriallmonitor.store.Store;

/**
 * {@code search}: the archive's full-text index, read through the application's own values, so that the
 * command never holds the store's.
 */
public final class ArchiveSearch {
  /** A country the archive knows, configured or not (crawled before it left the configuration). */
  public record Country(int region, String name) {}

  /**
   * An article a search found. {@code marked} is the snippet with its matched terms between the index's
   * marks; {@link #snippet} turns them into a medium's.
   */
  public record Hit(String slug, String title, String published, String countries, String language, String url,
      String archivePath, String marked, double rank) {

    /** The names of the countries the article is listed under, in the order of its page. */
    public List<String> countryNames() {
      return asStored().countryNames();
    }

    /** The snippet with its text passed through {@code escape}, the matched terms between {@code open} and {@code close}. */
    public String snippet(UnaryOperator<String> escape, String open, String close) {
      return asStored().snippet(escape, open, close);
    }

    // The store's value holds the rules of the column and of the marks: one place for them.
    private SearchHit asStored() {
      return new SearchHit(slug, title, published, countries, language, url, archivePath, marked, rank);
    }

    static Hit of(SearchHit hit) {
      return new Hit(hit.slug(), hit.title(), hit.published(), hit.countries(), hit.language(), hit.url(), hit.archivePath(),
          hit.snippet(), hit.rank());
    }
  }

  /**
   * The hits of a search ({@code total} in all, {@code hits} the first of them), and how many recorded
   * articles the index does not hold yet ({@code reindex} adds them).
   */
  public record Results(int total, List<Hit> hits, int missing) {
    /** Nothing found, nothing missing: a state without a database. */
    public static final Results NONE = new Results(0, List.of(), 0);

    public Results {
      hits = List.copyOf(hits);
    }
  }

  private final SearchIndex index;
  private final MonitorConfig config;

  ArchiveSearch(Store store, MonitorConfig config) {
    this.index = store.search();
    this.config = config;
  }

  /** The countries the archive holds articles of. */
  public List<Country> countries() {
    return index.countries().stream().map(c -> new Country(c.region(), c.name())).toList();
  }

  /**
   * The articles that hold every word of {@code words}, best first, at most {@code limit}: of the country
   * with region id {@code region} and in {@code language} when these are not null.
   */
  public Results search(String words, String region, String language, int limit) {
    return search(new Request(words, region, language, null, null), limit);
  }

  /**
   * What a search asks: the words (blank: none), and what narrows them, each null when not asked: the
   * region id of a country, a language, a theme (site id or name), a channel's {@link SearchIndex.Channel filters}.
   */
  public record Request(String words, String region, String language, String theme, String channel) {}

  /** A search named a channel the configuration does not have; {@code known} lists those it has. */
  public static final class UnknownChannelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> known;

    UnknownChannelException(String id, List<String> known) {
      super("no channel has the id '" + id + "'" + (known.isEmpty() ? " (no channel is configured)"
          : " (channels: " + String.join(", ", known) + ")"));
      this.known = List.copyOf(known);
    }

    public List<String> known() {
      return known;
    }
  }

  /**
   * The articles {@code request} finds, at most {@code limit}: best first for words, newest first for
   * blank words with a country, theme or channel (none without them).
   *
   * @throws org.industriallmonitor.query.QuerySyntaxException when the words are not a query
   * @throws UnknownChannelException when no channel has the id of {@code request.channel()}
   */
  public Results search(Request request, int limit) {
    SearchIndex.Channel channel = request.channel() == null ? null : channel(config, request.channel())
        .orElseThrow(() -> new UnknownChannelException(request.channel(), config.notifications().channelIds()));
    SearchIndex.Results found = index.search(new SearchIndex.Query(request.words(), request.region(), request.language(),
        request.theme(), channel, limit, 0));
    return new Results(found.total(), found.hits().stream().map(Hit::of).toList(), index.missing());
  }

  /**
   * Channel {@code id}'s filters as a search, what it would have been sent (empty when no channel has this
   * id): the articles of the countries whose {@code notify:} names it, in its {@code languages:}, passing
   * its {@code countries:}, {@code themes:}, {@code match:} and {@code exclude:}.
   */
  public static Optional<SearchIndex.Channel> channel(MonitorConfig config, String id) {
    if (id == null || config.notifications().channel(id).isEmpty()) {
      return Optional.empty();
    }
    Set<Integer> regions = config.countries().stream().filter(c -> c.channels().contains(id)).map(CountryConfig::region)
        .collect(Collectors.toSet());
    return Optional.of(new SearchIndex.Channel(config.notifications().filter(id), regions,
        config.notifications().languages().getOrDefault(id, List.of()), id));
  }
}
