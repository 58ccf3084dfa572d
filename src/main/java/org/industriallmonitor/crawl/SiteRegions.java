package org.industriallmonitor.crawl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.store.RegionMoveRepository.RegionMove;
import org.industriallmonitor.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the site lists each configured country now. A migration may renumber the site's region ids;
 * a country is then found again by its name (or one of {@code countries[].aliases}) in the site's
 * country list ({@link SiteCountries}), its move recorded once with its {@code region_moved} alert,
 * and the walks go to the new id while every piece of the country's state stays under the configured
 * id. When the user writes the new id, {@link #continueState} moves that state under it.
 */
public final class SiteRegions {
  private static final Logger log = LoggerFactory.getLogger(SiteRegions.class);

  private final SiteCountries lists;
  private final Store store;
  private final RegionMoveAlerts alerts;
  private final Clock clock;
  /** The recorded moves, configured id to site id: read once from the store, then kept in step with it. */
  private volatile Map<Integer, Integer> moves;

  public SiteRegions(SiteCountries lists, Store store, RegionMoveAlerts alerts, Clock clock) {
    this.lists = lists;
    this.store = store;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** The site's country lists this process has read. */
  public SiteCountries lists() {
    return lists;
  }

  /**
   * Where a country is listed: {@code siteRegion} is the id to walk; {@code problem} says why it
   * could not be found again under another id (several countries answer to its name), else null.
   */
  public record Resolution(int siteRegion, String problem) {}

  /** The id the site lists {@code country} under now, by the lists read so far; records a move found. */
  public Resolution resolve(CountryConfig country) {
    Optional<SiteCountries.Read> freshest = lists.freshest();
    int recorded = moves().getOrDefault(country.region(), country.region());
    if (freshest.isEmpty()) {
      return new Resolution(recorded, null);
    }
    Map<Integer, String> now = freshest.get().countries();
    // The candidates by name: English first, then the other languages (whose names may be aliases),
    // only among the ids the site lists now.
    Map<Integer, String> named = new LinkedHashMap<>();
    for (SiteCountries.Read list : lists.all()) {
      list.countries().forEach((id, name) -> {
        if (now.containsKey(id) && country.answersTo(name)) {
          named.putIfAbsent(id, name);
        }
      });
    }
    // The configured id listed is no move, unless it names another country now and this one's name is
    // elsewhere (a renumbering that gave its id to another country).
    if (now.containsKey(country.region()) && (named.isEmpty() || named.containsKey(country.region()))) {
      if (recorded != country.region() && store.regionMoves().forget(country.region())) {
        log.warn("{}: the site lists region {} again; the monitor walks it there again", country.name(), country.region());
      }
      moves().remove(country.region());
      return new Resolution(country.region(), null);
    }
    if (named.size() > 1) {
      return new Resolution(recorded, "several countries of the site's list answer to " + country.name() + ": "
          + named.entrySet().stream().map(e -> e.getValue() + " (" + e.getKey() + ")").collect(Collectors.joining(", "))
          + "; write the right id into the configuration");
    }
    if (named.isEmpty()) {
      return new Resolution(recorded, null);
    }
    Map.Entry<Integer, String> found = named.entrySet().iterator().next();
    // The site's English name where it has one: the name the alert and status show.
    String siteName = lists.of("en").map(en -> en.get(found.getKey())).orElse(found.getValue());
    moved(country, found.getKey(), siteName != null ? siteName : found.getValue());
    return new Resolution(found.getKey(), null);
  }

  /**
   * A walk's first page in {@code language} showed the site's country list: keeps it, and returns
   * where {@code country} is listed now (the walk restarts there when that is not {@code walked}).
   */
  public Resolution listed(CountryConfig country, String language, Map<Integer, String> countries) {
    if (lists.update(language, countries)) {
      reconsiderPlacements("the site's country list changed");
    }
    return resolve(country);
  }

  /**
   * Reads of the site's list at start: keeps them; the items the early warning left aside are looked
   * at again when the list changed since the last read.
   */
  public void read(String language, Map<Integer, String> countries) {
    if (lists.update(language, countries)) {
      reconsiderPlacements("the site's country list changed");
    }
  }

  /**
   * True when an article's country tag names {@code country}: its configured id, the id the site
   * lists it under now, or a name it answers to.
   */
  public boolean names(CountryConfig country, Region tag) {
    return tag.id() == country.region() || tag.id() == moves().getOrDefault(country.region(), country.region())
        || (tag.name() != null && country.answersTo(tag.name()));
  }

  /** The configured countries an article's tags name, in the configuration's order. */
  public List<CountryConfig> placed(List<Region> tags, List<CountryConfig> configured) {
    List<CountryConfig> placed = new ArrayList<>();
    for (CountryConfig country : configured) {
      if (tags.stream().anyMatch(tag -> names(country, tag))) {
        placed.add(country);
      }
    }
    return placed;
  }

  /**
   * Before a crawl of {@code country}: when its id has no state yet but the state of this country is
   * kept under another id (a recorded move to this id, or a country of the same name no longer
   * configured whose id the site's list no longer has, while it has this one), the state continues under the configured id: no second baseline, and what the site
   * published meanwhile is alerted. Returns the id the state came from, if it moved now.
   */
  public Optional<Integer> continueState(CountryConfig country, List<CountryConfig> configured) {
    Map<Integer, String> known = store.countries().names();
    if (known.containsKey(country.region())) {
      return Optional.empty();
    }
    List<Integer> from = new ArrayList<>();
    for (RegionMove move : store.regionMoves().all()) {
      if (move.siteRegion() == country.region() && configured.stream().noneMatch(c -> c.region() == move.region())) {
        from.add(move.region());
      }
    }
    // By name only when the site's list says the old id is gone and the new one is there: a renumbering,
    // not a country the user stopped following long ago and follows again (its articles since would all be alerted).
    Optional<Map<Integer, String>> now = lists.freshest().map(SiteCountries.Read::countries);
    if (from.isEmpty() && now.isPresent() && now.get().containsKey(country.region())) {
      known.forEach((region, name) -> {
        if (configured.stream().noneMatch(c -> c.region() == region) && !now.get().containsKey(region) && country.answersTo(name)) {
          from.add(region);
        }
      });
    }
    if (from.size() != 1) {
      if (from.size() > 1) {
        log.warn("{}: region {} is new, and the state of several earlier ids could be its: {}; it starts with a baseline",
            country.name(), country.region(), from);
      }
      return Optional.empty();
    }
    int old = from.get(0);
    if (!store.regionMoves().continueUnder(old, country.region())) {
      return Optional.empty();
    }
    moves().remove(old);
    log.warn("{}: the configuration says region {} now, the site's id; the country's state (its articles, pages and baseline)"
        + " continues from region {}", country.name(), country.region(), old);
    return Optional.of(old);
  }

  private void moved(CountryConfig country, int siteRegion, String siteName) {
    if (Integer.valueOf(siteRegion).equals(moves().get(country.region()))) {
      return; // recorded already: every crawl of a moved country comes here, and writes nothing
    }
    Instant at = clock.instant();
    boolean recorded = store.regionMoves().record(new RegionMove(country.region(), country.name(), siteRegion, siteName, at),
        () -> alerts.rowsFor(country, siteRegion, siteName, at));
    moves().put(country.region(), siteRegion);
    if (recorded) {
      log.warn("{}: the site lists it as region {} ({}) now, not {}; the monitor follows it there and keeps its state under {};"
          + " write `{}` into the configuration", country.name(), siteRegion, siteName, country.region(), country.region(),
          country.yamlLine(siteRegion));
      reconsiderPlacements(country.name() + " moved to region " + siteRegion);
    }
  }

  /** The configured countries changed: what the early warning left aside as outside or untagged is fetched again. */
  public void configuredCountriesChanged() {
    reconsiderPlacements("the configured countries changed");
  }

  private void reconsiderPlacements(String why) {
    int forgotten = store.earlyWarning().reconsiderPlacements();
    if (forgotten > 0) {
      log.info("{}: the early warning looks again at {} item{} it had left aside (outside the configured countries, or untagged)",
          why, forgotten, forgotten == 1 ? "" : "s");
    }
  }

  private Map<Integer, Integer> moves() {
    Map<Integer, Integer> known = moves;
    if (known == null) {
      known = new ConcurrentHashMap<>();
      for (RegionMove move : store.regionMoves().all()) {
        known.put(move.region(), move.siteRegion());
      }
      moves = known;
    }
    return known;
  }
}
