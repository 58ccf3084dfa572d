package org.industriallmonitor.app;

import java.util.List;
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

  ArchiveSearch(Store store) {
    this.index = store.search();
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
    SearchIndex.Results found = index.search(new SearchIndex.Query(words, region, language, limit, 0));
    return new Results(found.total(), found.hits().stream().map(Hit::of).toList(), index.missing());
  }
}
