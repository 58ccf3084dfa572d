package org.industriallmonitor.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the replica site publishes: countries, articles and each country's listing order. Safe to
 * read while another thread publishes.
 */
public final class ReplicaCatalog {
  public static final int PAGE_SIZE = 10;
  private static final String[] TOPICS = {
    "wage arrears at a gold mine", "a new collective agreement in metallurgy", "health and safety in the energy sector",
    "organizing young textile workers", "the right to strike", "a just transition for oil workers",
    "precarious work in construction materials", "union rights in the draft labour code"
  };

  private final List<ReplicaCountry> countries;
  private final Map<Integer, String> themes;
  private final Map<String, ReplicaArticle> articles = new LinkedHashMap<>();
  private final Map<Integer, List<String>> orders = new LinkedHashMap<>();
  /** The listings in the other languages, by language then region: their articles' slugs start with the language (es/...). */
  private final Map<String, Map<Integer, List<String>>> ordersIn = new LinkedHashMap<>();
  /** An article's language versions, by language: the site's translations block. */
  private final Map<String, Map<String, String>> translations = new LinkedHashMap<>();
  private final Map<Integer, Integer> pageSizes = new LinkedHashMap<>();
  private final Map<String, String> slugByServedPath = new java.util.HashMap<>();
  private int published;
  private final List<String> publishedOrder = new ArrayList<>();

  private ReplicaCatalog(List<ReplicaCountry> countries, Map<Integer, String> themes) {
    this.countries = new java.util.ArrayList<>(countries);
    this.themes = Map.copyOf(themes);
  }

  /** Adds a country with no articles yet, whose listing pages hold {@code pageSize} results. */
  public synchronized void addCountry(ReplicaCountry country, int pageSize) {
    countries.add(country);
    orders.put(country.region(), new ArrayList<>());
    pageSizes.put(country.region(), pageSize);
  }

  /** The packaged fixtures: the contract's real articles and listings, filled up with generated ones. */
  public static ReplicaCatalog standard() {
    JsonNode root;
    try (InputStream in = ReplicaCatalog.class.getResourceAsStream("/replica/catalog.json")) {
      if (in == null) {
        throw new IllegalStateException("replica/catalog.json is missing from the jar");
      }
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the replica catalog", e);
    }
    List<ReplicaCountry> countries = new ArrayList<>();
    root.get("countries").forEach(c -> countries.add(new ReplicaCountry(c.get("region").asInt(), c.get("name").asText())));
    Map<Integer, String> themes = new LinkedHashMap<>();
    root.get("themes").forEach(t -> themes.put(t.get("id").asInt(), t.get("name").asText()));
    ReplicaCatalog catalog = new ReplicaCatalog(countries, themes);
    Map<String, ReplicaArticle> real = new LinkedHashMap<>();
    root.get("articles").forEach(a -> real.put(a.get("slug").asText(), realArticle(a)));
    int c = 0;
    for (JsonNode country : root.get("countries")) {
      ReplicaCountry rc = countries.get(c++);
      List<String> order = new ArrayList<>();
      int position = 0;
      for (JsonNode entry : country.get("order")) {
        ReplicaArticle article = entry.isNull() ? filler(rc, position, themes) : real.get(entry.asText());
        catalog.articles.putIfAbsent(article.slug(), article);
        order.add(article.slug());
        position++;
      }
      catalog.orders.put(rc.region(), order);
    }
    return catalog;
  }

  /**
   * A large generated site for benchmarks: {@code countryCount} countries of {@code pagesEach}
   * full pages, where each article is listed under two neighbouring countries, as articles about
   * a region are on the site; so there are half as many articles as listing items.
   */
  public static ReplicaCatalog synthetic(int countryCount, int pagesEach) {
    List<ReplicaCountry> countries = new ArrayList<>();
    for (int i = 1; i <= countryCount; i++) {
      countries.add(new ReplicaCountry(10_000 + i, "Country " + i));
    }
    Map<Integer, String> themes = Map.of(1187, "Building strong unions", 1201, "Trade union rights");
    ReplicaCatalog catalog = new ReplicaCatalog(countries, themes);
    countries.forEach(c -> catalog.orders.put(c.region(), new ArrayList<>()));
    int perCountry = pagesEach * PAGE_SIZE;
    for (int c = 0; c < countryCount; c++) {
      ReplicaCountry country = countries.get(c);
      ReplicaCountry neighbour = countries.get((c + 1) % countryCount);
      for (int i = 0; i < (countryCount == 1 ? perCountry : perCountry / 2); i++) {
        ReplicaArticle own = filler(country, i, themes);
        List<Integer> regions = countryCount == 1 ? List.of(country.region()) : List.of(country.region(), neighbour.region());
        ReplicaArticle shared = new ReplicaArticle(own.slug(), own.title(), own.date(), own.lede(), own.paragraphs(), regions,
            own.themes());
        catalog.articles.put(shared.slug(), shared);
        regions.forEach(r -> catalog.orders.get(r).add(shared.slug()));
      }
    }
    return catalog;
  }

  /** A copy that shows only the given countries, in that order, with their listings. */
  public synchronized ReplicaCatalog onlyCountries(int... regions) {
    List<ReplicaCountry> kept = new ArrayList<>();
    for (int region : regions) {
      countries.stream().filter(c -> c.region() == region).findFirst().ifPresent(kept::add);
    }
    ReplicaCatalog copy = new ReplicaCatalog(kept, themes);
    for (ReplicaCountry country : kept) {
      List<String> order = orders.get(country.region());
      copy.orders.put(country.region(), new ArrayList<>(order));
      order.forEach(slug -> copy.articles.put(slug, articles.get(slug)));
    }
    return copy;
  }

  public synchronized List<ReplicaCountry> countries() {
    return List.copyOf(countries);
  }

  public String themeName(int id) {
    return themes.getOrDefault(id, "Theme " + id);
  }

  public synchronized Optional<ReplicaCountry> country(int region) {
    return countries.stream().filter(c -> c.region() == region).findFirst();
  }

  /** How many results a listing page of {@code region} holds (10 on the site). */
  public synchronized int pageSize(int region) {
    return pageSizes.getOrDefault(region, PAGE_SIZE);
  }

  /** The page of {@code region}'s listing that starts at {@code from}; empty for an unknown region. */
  public synchronized ListingSlice listing(int region, int from) {
    List<String> order = orders.getOrDefault(region, List.of());
    return slice(order, from, pageSize(region));
  }

  /** The page of {@code region}'s listing in {@code language} that starts at {@code from}. */
  public synchronized ListingSlice listing(int region, int from, String language) {
    if (language.equals("en")) {
      return listing(region, from);
    }
    List<String> order = ordersIn.getOrDefault(language, Map.of()).getOrDefault(region, List.of());
    return slice(order, from, pageSize(region));
  }

  /**
   * Publishes {@code translation} (its slug {@code LANG/...}) in its language's listings, as a
   * language version of the article {@code original}: each page's translations block links the other.
   */
  public synchronized void publishTranslation(String original, ReplicaArticle translation, int position) {
    String language = org.industriallmonitor.parse.SiteUrls.languageOf(translation.slug());
    if (language.equals("en")) {
      throw new IllegalArgumentException("a translation's slug starts with its language: es/..., fr/..., ru/...");
    }
    publish(translation, position);
    if (original != null) {
      translations.computeIfAbsent(original, k -> new LinkedHashMap<>()).put(language, translation.slug());
      translations.computeIfAbsent(translation.slug(), k -> new LinkedHashMap<>()).put("en", original);
    }
  }

  /** The language versions of {@code slug} the catalog knows, by language; empty when it knows none. */
  public synchronized Map<String, String> translationsOf(String slug) {
    return Map.copyOf(translations.getOrDefault(slug, Map.of()));
  }

  /** The page of the listing of all articles, newest first, as the site's search without a country shows it. */
  public synchronized ListingSlice listingOfAll(int from) {
    return slice(newestSlugs(), from, PAGE_SIZE);
  }

  /**
   * The page from {@code from} of the site's search for {@code query} ({@code search?query=...}), ranked as a search
   * engine ranks by relevance: first the articles whose title or teaser holds the whole query, then those holding
   * more of its words (of four letters or more), then fewer; alike ones newest first. Case aside. So a title's
   * search lists its article first, and many others after it, over several pages, as the site's search does.
   */
  public synchronized ListingSlice search(String query, int from) {
    String whole = query.toLowerCase(Locale.ROOT).strip();
    List<String> words = java.util.Arrays.stream(whole.split("[^\\p{L}\\p{N}]+")).filter(w -> w.length() >= 4).distinct().toList();
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (String slug : newestSlugs()) {
      ReplicaArticle article = articles.get(slug);
      String text = (article.title() + "\n" + article.lede()).toLowerCase(Locale.ROOT);
      int score = !whole.isEmpty() && text.contains(whole) ? 1000 : 0;
      for (String word : words) {
        score += text.contains(word) ? 1 : 0;
      }
      if (score > 0) {
        scores.put(slug, score);
      }
    }
    List<String> order = new ArrayList<>(scores.keySet());
    order.sort(Comparator.comparing(scores::get).reversed());
    ListingSlice page = slice(order, from, PAGE_SIZE);
    return new ListingSlice(page.from(), page.total(), page.articles(), query);
  }

  private ListingSlice slice(List<String> order, int from, int pageSize) {
    List<ReplicaArticle> page = new ArrayList<>();
    for (int i = Math.max(0, from); i < Math.min(order.size(), from + pageSize); i++) {
      page.add(articles.get(order.get(i)));
    }
    return new ListingSlice(from, order.size(), page);
  }

  public synchronized Optional<ReplicaArticle> article(String slug) {
    return Optional.ofNullable(articles.get(slug));
  }

  /**
   * The article a request for {@code rawPath} reaches: by slug, or by where a browser (or the
   * monitor) ends up when it follows the link {@code "/" + slug}, for slugs with dot segments,
   * backslashes, queries or fragments.
   */
  public synchronized Optional<ReplicaArticle> articleAt(String rawPath) {
    String slug = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    ReplicaArticle direct = articles.get(slug);
    if (direct != null) {
      return Optional.of(direct);
    }
    String byPath = slugByServedPath.get(rawPath);
    return Optional.ofNullable(byPath == null ? null : articles.get(byPath));
  }

  /**
   * The {@code count} newest articles, newest first: those published while the replica runs,
   * latest first, then the catalog's own by date.
   */
  public synchronized List<ReplicaArticle> newest(int count) {
    List<String> order = newestSlugs();
    return order.subList(0, Math.min(count, order.size())).stream().map(articles::get).toList();
  }

  private List<String> newestSlugs() {
    List<String> order = new ArrayList<>();
    for (int i = publishedOrder.size() - 1; i >= 0; i--) {
      // The site-wide listing and feed are the English ones.
      if (org.industriallmonitor.parse.SiteUrls.languageOf(publishedOrder.get(i)).equals("en")) {
        order.add(publishedOrder.get(i));
      }
    }
    Set<String> publishedSlugs = new HashSet<>(publishedOrder);
    List<ReplicaArticle> older = new ArrayList<>(articles.values());
    older.removeIf(article -> publishedSlugs.contains(article.slug()));
    older.sort(Comparator.comparing(ReplicaArticle::date).reversed());
    older.forEach(article -> order.add(article.slug()));
    return order;
  }

  /** Every article's slug. */
  public synchronized List<String> slugs() {
    return new ArrayList<>(articles.keySet());
  }

  public synchronized int articleCount() {
    return articles.size();
  }

  /**
   * Publishes {@code article} in the listings of its regions at {@code position} (0 is the top),
   * the way relevance sorting can put a new article on any page.
   */
  public synchronized void publish(ReplicaArticle article, int position) {
    if (articles.containsKey(article.slug())) {
      throw new IllegalArgumentException("the replica already has " + article.slug());
    }
    articles.put(article.slug(), article);
    publishedOrder.add(article.slug());
    servedPath(article.slug()).ifPresent(path -> slugByServedPath.putIfAbsent(path, article.slug()));
    String language = org.industriallmonitor.parse.SiteUrls.languageOf(article.slug());
    for (int region : article.regions()) {
      List<String> order = language.equals("en") ? orders.computeIfAbsent(region, r -> new ArrayList<>())
          : ordersIn.computeIfAbsent(language, l -> new LinkedHashMap<>()).computeIfAbsent(region, r -> new ArrayList<>());
      order.add(Math.min(Math.max(position, 0), order.size()), article.slug());
    }
  }

  /**
   * Renumbers the site's countries as a new CMS does with its taxonomy: every region id in {@code oldToNew}
   * becomes its new id in the country list, the listings and the articles' tags; the old ids are gone (their
   * listings are empty). Ids not in the map stay.
   */
  public synchronized void renumberRegions(Map<Integer, Integer> oldToNew) {
    java.util.function.IntUnaryOperator renumber = id -> oldToNew.getOrDefault(id, id);
    Set<Integer> after = new HashSet<>();
    for (ReplicaCountry country : countries) {
      if (!after.add(renumber.applyAsInt(country.region()))) {
        throw new IllegalArgumentException("two countries would have region " + renumber.applyAsInt(country.region()));
      }
    }
    countries.replaceAll(c -> new ReplicaCountry(renumber.applyAsInt(c.region()), c.name()));
    renumberKeys(orders, renumber);
    renumberKeys(pageSizes, renumber);
    ordersIn.values().forEach(byRegion -> renumberKeys(byRegion, renumber));
    articles.replaceAll((slug, a) -> new ReplicaArticle(a.slug(), a.title(), a.date(), a.lede(), a.paragraphs(),
        a.regions().stream().map(renumber::applyAsInt).toList(), a.themes()));
  }

  private static <V> void renumberKeys(Map<Integer, V> byRegion, java.util.function.IntUnaryOperator renumber) {
    Map<Integer, V> renumbered = new LinkedHashMap<>();
    byRegion.forEach((region, value) -> renumbered.put(renumber.applyAsInt(region), value));
    byRegion.clear();
    byRegion.putAll(renumbered);
  }

  /** Corrects a published article: its page shows {@code paragraphs} from now on (its slug, title and date stay). */
  public synchronized ReplicaArticle edit(String slug, List<String> paragraphs) {
    ReplicaArticle before = article(slug).orElseThrow(() -> new IllegalArgumentException("the replica has no " + slug));
    ReplicaArticle after = new ReplicaArticle(slug, before.title(), before.date(), before.lede(), paragraphs, before.regions(),
        before.themes());
    articles.put(slug, after);
    return after;
  }

  /** Withdraws a published article: its page answers 404 and no listing links it any more. */
  public synchronized void withdraw(String slug) {
    if (articles.remove(slug) == null) {
      throw new IllegalArgumentException("the replica has no " + slug);
    }
    publishedOrder.remove(slug);
    orders.values().forEach(order -> order.remove(slug));
    ordersIn.values().forEach(byRegion -> byRegion.values().forEach(order -> order.remove(slug)));
    slugByServedPath.values().removeIf(slug::equals);
  }

  /** Makes up and publishes a new article about {@code regions}, dated {@code date}. */
  public synchronized ReplicaArticle publishNew(List<Integer> regions, LocalDate date, int position) {
    int n = ++published;
    List<String> names = new ArrayList<>();
    for (int region : regions) {
      names.add(country(region).map(ReplicaCountry::name).orElse("region " + region));
    }
    String topic = TOPICS[n % TOPICS.length];
    String title = "Unions in " + String.join(" and ", names) + " act on " + topic + " (replica news " + n + ")";
    String slug = slugOf(title);
    ReplicaArticle article = new ReplicaArticle(slug, title, date,
        "Trade unions in " + String.join(" and ", names) + " met this week on " + topic + ".",
        List.of("This article was published by the replica site while the monitor was running.",
            "Affiliates agreed on a joint plan of action on " + topic + " and will report back to IndustriALL."),
        regions, List.of(n % 2 == 0 ? 1187 : 1201));
    publish(article, position);
    return article;
  }

  private static Optional<String> servedPath(String slug) {
    okhttp3.HttpUrl resolved = okhttp3.HttpUrl.get("http://replica.invalid/").resolve("/" + slug);
    return resolved == null ? Optional.empty() : Optional.of(resolved.encodedPath());
  }

  static String slugOf(String title) {
    String lower = title.toLowerCase(Locale.ROOT).replace("’", "").replace("'", "");
    return lower.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
  }

  private static ReplicaArticle realArticle(JsonNode a) {
    List<String> paragraphs = new ArrayList<>();
    if (a.get("paragraphs").isNull()) {
      paragraphs.add("The replica has only this article's listing teaser; this paragraph stands in for its body.");
    } else {
      a.get("paragraphs").forEach(p -> paragraphs.add(p.asText()));
    }
    List<Integer> regions = new ArrayList<>();
    a.get("regions").forEach(r -> regions.add(r.asInt()));
    List<Integer> themes = new ArrayList<>();
    a.get("themes").forEach(t -> themes.add(t.asInt()));
    return new ReplicaArticle(a.get("slug").asText(), a.get("title").asText(), LocalDate.parse(a.get("date").asText()),
        a.get("lede").asText(), paragraphs, regions, themes);
  }

  private static ReplicaArticle filler(ReplicaCountry country, int index, Map<Integer, String> themes) {
    int n = index + 1;
    String topic = TOPICS[(index + country.region()) % TOPICS.length];
    String title = country.name() + ": unions report on " + topic + " (replica item " + n + ")";
    LocalDate date = LocalDate.of(2012, 1, 1).plusDays((index * 97L + country.region() * 13L) % 4700);
    int theme = (index % 2 == 0) ? 1187 : 1201;
    return new ReplicaArticle(slugOf(title), title, date,
        "IndustriALL affiliates in " + country.name() + " reported on " + topic + ".",
        List.of("This is generated text of the replica site, standing in for an article about " + topic + " in "
                + country.name() + ".",
            "Union representatives met employers and the authorities, and agreed to continue the talks.",
            "IndustriALL will follow the case with its affiliates."),
        List.of(country.region()), themes.containsKey(theme) ? List.of(theme) : List.of());
  }
}
