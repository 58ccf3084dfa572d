package org.industriallmonitor.web;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.industriallmonitor.app.ConsoleService;
import org.industriallmonitor.app.MonitorStatus;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.query.QuerySyntaxException;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.ChannelCounts;
import org.industriallmonitor.store.CountryStatus;
import org.industriallmonitor.store.OutboxRow;
import org.industriallmonitor.store.SearchHit;
import org.industriallmonitor.store.SearchIndex;

/**
 * The console's HTML pages, from Mustache templates under {@code /web}; every value from the
 * site or the database is HTML-escaped by the templates, except search snippets, which are
 * escaped here around their {@code <mark>}s, and status texts, escaped around their {@code <code>}s
 * by {@link DisplayText#withCode}.
 */
final class ConsolePages {
  static final int NEWEST = 20;
  static final int DEAD_SHOWN = 50;
  static final int HITS_PER_PAGE = 20;
  static final int DASHBOARD_REFRESH_SECONDS = 30;

  private final Supplier<MonitorConfig> config;
  private final Supplier<String> configProblem;
  private final ConsoleService console;
  private final ArticlePage articles;
  private final Clock clock;
  private final Mustache.Compiler compiler;
  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  ConsolePages(Supplier<MonitorConfig> config, Supplier<String> configProblem, ConsoleService console, Archive archive, Clock clock) {
    this.config = config;
    this.configProblem = configProblem;
    this.console = console;
    this.articles = new ArticlePage(console, archive);
    this.clock = clock;
    this.compiler = Mustache.compiler().escapeHTML(true).defaultValue("").withLoader(ConsolePages::resource);
  }

  /** The status as {@code status --json} prints it. */
  String statusJson() {
    return MonitorStatus.json(console.status(config.get()));
  }

  /** The nodes alive on a shared PostgreSQL state, for the dashboard's first line. */
  private static String nodesLine(MonitorStatus.Nodes nodes) {
    List<String> alive = nodes.nodes().stream().filter(n -> n.alive(nodes.now(), nodes.deadAfter())).map(n -> n.id()).toList();
    return Plural.of(alive.size(), "node is", "nodes are") + " alive on this database" + (alive.isEmpty() ? "." : ": "
        + String.join(", ", alive) + ".");
  }

  String dashboard(String csrf, String retried) {
    MonitorStatus.Status status = console.status(config.get());
    Map<String, Object> m = page("Monitor", "");
    m.put("refresh", DASHBOARD_REFRESH_SECONDS);
    m.put("daemonLine", status.nodes().shared() ? nodesLine(status.nodes())
        : status.daemon().map(d -> "The daemon (pid " + d.pid() + ") is running on " + status.database().toAbsolutePath().getParent() + ".")
            .orElse("No daemon holds this state folder."));
    m.put("configProblem", configProblem.get() == null ? null : DisplayText.withCode(configProblem.get()));
    MonitorConfig shown = config.get();
    m.put("regionMoves", status.countries().stream().filter(line -> line.moved() != null).map(line -> regionMove(line, shown)).toList());
    m.put("siteMoves", status.siteMoves().stream().map(move -> siteMove(move, shown)).toList());
    List<Map<String, Object>> countries = new ArrayList<>();
    for (MonitorStatus.CountryLine line : status.countries()) {
      CountryStatus s = line.status();
      Map<String, Object> c = new LinkedHashMap<>();
      boolean failed = s.lastError() != null;
      c.put("name", s.name());
      c.put("configured", line.configured());
      c.put("region", s.region());
      c.put("articles", s.articles());
      c.put("lastCrawl", time(s.lastCrawl()));
      c.put("outcome", s.lastCrawl() == null ? "-" : failed ? "failed: " + DisplayText.withCode(s.lastError()) : "ok");
      c.put("rowClass", failed ? "failed" : "ok");
      c.put("lastSuccess", time(s.lastSuccess()));
      c.put("nextRun", line.nextRun() == null ? "-" : time(line.nextRun()));
      c.put("baseline", s.baselineComplete() ? "complete" : s.lastCrawl() == null ? "not started" : "in progress (no alerts yet)");
      c.put("layout", DisplayText.withCode(line.degraded() > 0 ? line.degraded() + " read by the fallback extractor wait to be archived"
          : line.warning() != null ? line.warning() : "ok"));
      c.put("movedTo", line.moved() == null ? null : line.moved().siteRegion());
      countries.add(c);
    }
    m.put("countries", countries);
    m.put("selectorsLine", DisplayText.withCode(MonitorStatus.selectorsLine(status.learned(), status.configuredSelectors())));
    Map<Integer, String> configured = new LinkedHashMap<>();
    shown.countries().forEach(country -> configured.putIfAbsent(country.region(), country.name()));
    m.put("chart", chart(configured));
    m.put("earlyWarning", MonitorStatus.earlyWarning(status.earlyWarning(), status.source()).stream().map(this::earlyWarningLine).toList());
    m.put("newest", console.newest(null, NEWEST).stream().map(ConsolePages::articleLink).toList());
    List<Map<String, Object>> channels = new ArrayList<>();
    for (ChannelCounts counts : status.channels()) {
      // A configured channel links to its search: what its filters let through, in the configuration's words.
      String filters = shown.notifications().filter(counts.channel()).describe(shown.countries());
      channels.add(Map.of("id", counts.channel(), "configured", status.configuredChannels().contains(counts.channel()),
          "search", "/search?channel=" + URLEncoder.encode(counts.channel(), StandardCharsets.UTF_8),
          "filters", filters.isEmpty() ? "no filters" : DisplayText.of(filters),
          "pending", counts.pending(), "delivered", counts.delivered(), "dead", counts.dead(),
          "oldestPending", counts.oldestPending() == null ? "-" : time(counts.oldestPending()),
          "rowClass", counts.dead() > 0 ? "dead" : "ok"));
    }
    m.put("channels", channels);
    List<Map<String, Object>> dead = new ArrayList<>();
    for (OutboxRow row : console.deadDeliveries(DEAD_SHOWN)) {
      dead.add(Map.of("deliveryId", row.deliveryId(), "channel", row.channel(), "event", row.event(),
          "subject", DisplayText.of(row.subject()), "lastError", DisplayText.withCode(row.lastError()), "csrf", csrf));
    }
    m.put("dead", dead);
    m.put("hasDead", !dead.isEmpty());
    m.put("csrf", csrf);
    m.put("retried", retried);
    return render("dashboard", m);
  }

  /**
   * A line of the early-warning panel; its last new article as a link to the article's page, by its title when it is
   * archived (a slug alone says little), else by its slug.
   */
  private Map<String, Object> earlyWarningLine(MonitorStatus.EarlyWarningLine line) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("html", DisplayText.withCode(line.text()));
    if (line.article() != null) {
      m.put("article", Map.of("path", encodePath(line.article()),
          "title", console.article(line.article()).map(a -> DisplayText.inList(a.title())).orElse(DisplayText.of(line.article()))));
    }
    return m;
  }

  /**
   * A country's page: its line of the status, its move when the site lists it under another id, and its
   * newest articles; empty when the status has no country of this region.
   */
  Optional<String> country(int region) {
    MonitorConfig shown = config.get();
    MonitorStatus.Status status = console.status(shown);
    Optional<MonitorStatus.CountryLine> found = status.countries().stream().filter(l -> l.status().region() == region).findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MonitorStatus.CountryLine line = found.get();
    CountryStatus s = line.status();
    Map<String, Object> m = page(s.name(), "");
    m.put("configured", line.configured());
    m.put("region", s.region());
    m.put("articles", s.articles());
    m.put("lastCrawl", time(s.lastCrawl()));
    m.put("outcome", s.lastCrawl() == null ? "-" : s.lastError() != null ? "failed: " + DisplayText.withCode(s.lastError()) : "ok");
    m.put("lastSuccess", time(s.lastSuccess()));
    m.put("nextRun", line.nextRun() == null ? "-" : time(line.nextRun()));
    m.put("baseline", s.baselineComplete() ? "complete" : s.lastCrawl() == null ? "not started" : "in progress (no alerts yet)");
    m.put("moved", line.moved() == null ? null : regionMove(line, shown));
    m.put("newest", console.newest(region, NEWEST).stream().map(ConsolePages::articleLink).toList());
    m.put("chart", chart(Map.of(region, s.name())));
    return Optional.of(render("country", m));
  }

  /** The chart of articles per month of {@code countries} (region to name) over the two years ending with this month (UTC). */
  private String chart(Map<Integer, String> countries) {
    return MonthlyChart.html(console.perMonth(countries, YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC))));
  }

  /** A moved country's notice: the site's id and name for it now, since when, and the YAML line to write. */
  private static Map<String, Object> regionMove(MonitorStatus.CountryLine line, MonitorConfig config) {
    MonitorStatus.Moved moved = line.moved();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", line.status().name());
    m.put("region", line.status().region());
    m.put("siteRegion", moved.siteRegion());
    m.put("siteName", DisplayText.of(moved.siteName()));
    m.put("since", time(moved.since()));
    m.put("yaml", moved.yaml());
    m.put("configFile", config.source().toAbsolutePath().toString());
    return m;
  }

  /** The site's move: from the configured base URL to where it redirects, and the base_url line to write. */
  private static Map<String, Object> siteMove(MonitorStatus.SiteMoved move, MonitorConfig config) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", DisplayText.of(move.from()));
    m.put("to", DisplayText.of(move.to()));
    m.put("how", move.permanent() ? "moved permanently" : "redirects");
    m.put("status", move.status());
    m.put("since", time(move.since()));
    m.put("lastSeen", time(move.lastSeen()));
    m.put("yaml", DisplayText.of(move.yaml()));
    m.put("configFile", config.source().toAbsolutePath().toString());
    return m;
  }

  /** The reader's view of an archived article, or empty when no article has this slug. */
  Optional<String> article(String slug) {
    return articles.model(slug).map(model -> {
      Map<String, Object> m = page("", "");
      m.putAll(model);
      return render("article", m);
    });
  }

  /** The archived text of an article as it is on disk: its newest version, or {@code version}. */
  Optional<byte[]> archivedFile(String slug, Integer version) {
    return articles.archivedFile(slug, version);
  }

  /** A page and the status it is sent with. */
  record Answer(int status, String html) {}

  /**
   * The search page: words (best first), or, with blank words, the newest articles of a country, a theme or
   * a channel's filters; each narrowing the others. A bad query shows the parser's message (400); an
   * unknown channel says which there are (404).
   */
  Answer search(String query, String country, String language, String theme, String channel, int page) {
    String q = query == null ? "" : query;
    Map<String, Object> m = page("Search", q);
    m.put("country", country == null ? "" : country);
    m.put("lang", language == null ? "" : language);
    m.put("theme", theme == null ? "" : theme);
    m.put("channel", channel == null ? "" : channel);
    m.put("first", (page - 1) * HITS_PER_PAGE + 1);
    MonitorConfig current = config.get();
    Optional<SearchIndex.Channel> scope = Optional.empty();
    if (channel != null) {
      scope = console.channel(current, channel);
      if (scope.isEmpty()) {
        List<String> ids = current.notifications().channelIds();
        m.put("problem", "No channel has the id '" + DisplayText.of(channel) + "'"
            + (ids.isEmpty() ? ": none is configured." : " (channels: " + String.join(", ", ids) + ")."));
        return new Answer(404, render("search", m));
      }
      String filters = current.notifications().filter(channel).describe(current.countries());
      m.put("channelLine", "What channel " + channel + " would have been sent: "
          + (filters.isEmpty() ? "every article of the countries whose notify: names it." : filters + "."));
    }
    boolean words = !q.isBlank();
    if (!words && country == null && theme == null && channel == null) {
      return new Answer(200, render("search", m));
    }
    SearchIndex.Results results;
    try {
      results = console.search(new SearchIndex.Query(q, country, language, theme, scope.orElse(null), HITS_PER_PAGE,
          (page - 1) * HITS_PER_PAGE));
    } catch (QuerySyntaxException e) {
      m.put("problem", "Not a query: " + e.getMessage() + ".");
      return new Answer(400, render("search", m));
    }
    m.put("searched", true);
    m.put("totalLine", results.total() == 0 ? (words ? "No archived article holds these words." : "No archived article matches.")
        : Plural.of(results.total(), "article", "articles") + (words ? ", best first." : ", newest first."));
    List<Map<String, Object>> hits = new ArrayList<>();
    for (SearchHit hit : results.hits()) {
      Map<String, Object> h = link(hit.slug(), hit.title(), hit.published(), hit.countries());
      h.put("snippet", hit.snippet(text -> Escapers.HTML.escape(DisplayText.block(text)), "<mark>", "</mark>"));
      hits.add(h);
    }
    m.put("hits", hits);
    String params = searchQuery(q, country, language, theme, channel);
    if (page > 1) {
      m.put("previous", "/search?" + params + "&page=" + (page - 1));
    }
    if (page * HITS_PER_PAGE < results.total()) {
      m.put("next", "/search?" + params + "&page=" + (page + 1));
    }
    boolean channelAlone = channel != null && !words && country == null && language == null && theme == null;
    m.put("feed", channelAlone ? "/feeds/channel/" + encodePath(channel) + ".atom" : "/feeds/search.atom?" + params);
    m.put("feedTitle", searchTitle(q, country, language, theme, channel));
    return new Answer(200, render("search", m));
  }

  /** The parameters of a search, those set only, in one order: its pages' and its feed's addresses. */
  static String searchQuery(String query, String country, String language, String theme, String channel) {
    StringBuilder url = new StringBuilder("q=").append(URLEncoder.encode(query == null ? "" : query, StandardCharsets.UTF_8));
    String[][] others = {{"country", country}, {"lang", language}, {"theme", theme}, {"channel", channel}};
    for (String[] param : others) {
      if (param[1] != null && !param[1].isBlank()) {
        url.append('&').append(param[0]).append('=').append(URLEncoder.encode(param[1], StandardCharsets.UTF_8));
      }
    }
    return url.toString();
  }

  /** A search in words, for its feed's title: {@code search "strike" in Kazakhstan, theme Mining}. */
  static String searchTitle(String query, String country, String language, String theme, String channel) {
    List<String> parts = new ArrayList<>();
    if (query != null && !query.isBlank()) {
      parts.add("\u201c" + query.strip() + "\u201d");
    }
    if (country != null) {
      parts.add("country " + country);
    }
    if (language != null) {
      parts.add("language " + language);
    }
    if (theme != null) {
      parts.add("theme " + theme);
    }
    if (channel != null) {
      parts.add("channel " + channel);
    }
    return "search " + (parts.isEmpty() ? "(nothing asked)" : String.join(", ", parts));
  }

  String login() {
    return render("login", page("Sign in", ""));
  }

  String message(String title, String message) {
    Map<String, Object> m = page(title, "");
    m.put("message", message);
    return render("message", m);
  }

  /** A path segment: every character that could end or climb out of it is percent-encoded. */
  static String encodePath(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Map<String, Object> articleLink(ArticleRepository.Summary a) {
    return link(a.slug(), a.title(), a.published(), a.countries());
  }

  /** An article as a line of a list: its page's path, its title cut for a list, its date and countries. */
  private static Map<String, Object> link(String slug, String title, String published, String countries) {
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("path", encodePath(slug));
    link.put("title", DisplayText.inList(title));
    link.put("published", published);
    link.put("countries", DisplayText.of(countries));
    return link;
  }

  private Map<String, Object> page(String title, String query) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("query", query);
    m.put("generated", "Shown at " + time(clock.instant()));
    return m;
  }

  private String render(String name, Map<String, Object> model) {
    Template template = templates.computeIfAbsent(name, n -> {
      try (Reader reader = resource(n)) {
        return compiler.compile(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return template.execute(model);
  }

  private static Reader resource(String name) {
    InputStream in = ConsolePages.class.getResourceAsStream("/web/" + name + ".mustache");
    return in == null ? new StringReader("") : new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  static String time(Instant instant) {
    return MonitorStatus.time(instant);
  }
}
