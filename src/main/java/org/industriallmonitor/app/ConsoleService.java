package org.industriallmonitor.app;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.OutboxRow;
import org.industriallmonitor.store.SearchIndex;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.store.WebConsoleRepository;

/**
 * What the web console reads of the monitor's state, and the one thing it changes (putting dead deliveries
 * back in line), so that the console goes through the application rather than the store's repositories.
 * The values it hands out are the store's ({@code ArticleRepository.Summary}, {@code OutboxRow}, ...).
 */
public final class ConsoleService {
  private final Store store;

  public ConsoleService(Store store) {
    this.store = store;
  }

  /** The status, as {@code status} and the dashboard show it. */
  public MonitorStatus.Status status(MonitorConfig config) {
    return MonitorStatus.gather(config, Optional.of(store));
  }

  /** The newest archived articles, of one region or ({@code null}) of all, newest first. */
  public List<ArticleRepository.Summary> newest(Integer region, int limit) {
    return store.articles().recent(region, limit);
  }

  /**
   * The archived articles per month of {@code countries} (region to name, in the order shown) over the
   * {@link MonthlyArticles#MONTHS} months ending with {@code last}: one grouped query.
   */
  public MonthlyArticles perMonth(Map<Integer, String> countries, YearMonth last) {
    List<YearMonth> months = MonthlyArticles.window(last);
    return MonthlyArticles.of(countries, months,
        store.articles().perMonth(countries.keySet(), months.get(0), months.get(months.size() - 1)));
  }

  /** The archived article of this slug, if any. */
  public Optional<ArticleRepository.Summary> article(String slug) {
    return store.articles().find(slug);
  }

  /** The countries the archived article of {@code slug} is linked to, under their configured names: those a search by country finds it by. */
  public List<ArticleRepository.LinkedCountry> countriesOf(String slug) {
    return store.articles().countriesOf(slug);
  }

  /** The search of the archived articles. */
  public SearchIndex.Results search(SearchIndex.Query query) {
    return store.search().search(query);
  }

  /**
   * The archived articles a search finds, as the console lists them (its feeds), in the search's order;
   * a hit recorded but gone meanwhile (pruned) is left out.
   *
   * @throws org.industriallmonitor.query.QuerySyntaxException when the words are not a query
   */
  public List<ArticleRepository.Summary> articles(SearchIndex.Query query) {
    return store.search().search(query).hits().stream().map(hit -> store.articles().find(hit.slug()))
        .flatMap(Optional::stream).toList();
  }

  /** Channel {@code id}'s filters as a search (what it would have been sent), or empty when no channel has this id. */
  public Optional<SearchIndex.Channel> channel(MonitorConfig config, String id) {
    return ArchiveSearch.channel(config, id);
  }

  /** The dead deliveries, at most {@code limit}. */
  public List<OutboxRow> deadDeliveries(int limit) {
    return store.outbox().list("dead", limit);
  }

  /** Puts one dead delivery ({@code delivery}), or ({@code null}) every one, back in line; how many. */
  public int retryDead(String delivery, Instant at) {
    return new Deliveries(store).retryDead(null, delivery, at);
  }

  /** Whether the database answers, for the health check. */
  public boolean databaseAnswers() {
    return store.answers();
  }

  /** Records where the console listens ({@code url}), or why it cannot ({@code problem}), for {@code status}. */
  public void consoleState(String listen, String url, String problem, long pid, Instant at) {
    store.webConsole().write(new WebConsoleRepository.State(listen, url, problem, pid, at));
  }
}
