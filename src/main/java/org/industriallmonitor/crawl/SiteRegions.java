package org.industriallmonitor.crawl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.CountryNames;
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
 * id. Each walk resolves by its own language's list; a pair of ids is alerted once ever. When the user
 * writes the new ids, {@link #continueStates} moves every such state under its new id at once.
 */
public final class SiteRegions {
  private static final Logger log = LoggerFactory.getLogger(SiteRegions.class);

  private final SiteCountries lists;
  private final Store store;
  private final RegionMoveAlerts alerts;
  private final Clock clock;
  /**
   * The moves in force, by configured id: read from the store at each crawl's and poll's start (another
   * node of a cluster may have recorded or ended one), and kept in step with what this process writes.
   */
  private volatile Map<Integer, RegionMove> moves;
  /** How often this process looked again at what the early warning left aside: a poll under way placed its items before. */
  private final AtomicLong reconsidered = new AtomicLong();
  /** The blocked carry-overs already warned of ("old>new"): each crawl of every country tries them again. */
  private final Set<String> warnedBlocked = ConcurrentHashMap.newKeySet();

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

  /** Reads the moves in force from the store again (one small query): a crawl or poll starts. */
  public void refresh() {
    Map<Integer, RegionMove> known = new ConcurrentHashMap<>();
    for (RegionMove move : store.regionMoves().all()) {
      known.put(move.region(), move);
    }
    moves = known;
  }

  /**
   * Where a country is listed: {@code siteRegion} is the id to walk; {@code problem} says why it
   * could not be found again under another id (several countries answer to its name), else null.
   */
  public record Resolution(int siteRegion, String problem) {}

  /**
   * The id the site lists {@code country} under now, by the list of its first walked language (a Spanish-only
   * country is not moved by the English list, whose move its walks would never follow or end): where
   * self-repair looks. Records a move found.
   */
  public Resolution resolve(CountryConfig country) {
    return resolve(country, country.languages().get(0));
  }

  /**
   * The id the site lists {@code country} under now in {@code language}, by that language's own list (a
   * migration may renumber one language's pages before another's); records a move found, and ends a move
   * only when the list that showed it lists the configured id again.
   */
  public Resolution resolve(CountryConfig country, String language) {
    RegionMove own = ownMove(country);
    int recorded = own != null ? own.siteRegion() : country.region();
    Optional<Map<Integer, String>> list = lists.of(language);
    if (list.isEmpty()) {
      return new Resolution(recorded, null);
    }
    Map<Integer, String> now = list.get();
    // The candidates by name: English first, then the other languages (whose names may be aliases),
    // only among the ids this language's list has.
    Map<Integer, String> named = new LinkedHashMap<>();
    for (SiteCountries.Read read : lists.all()) {
      read.countries().forEach((id, name) -> {
        if (now.containsKey(id) && country.answersTo(name)) {
          named.putIfAbsent(id, name);
        }
      });
    }
    // The configured id listed is no move, unless it names another country now and this one's name is
    // elsewhere (a renumbering that gave its id to another country).
    if (now.containsKey(country.region()) && (named.isEmpty() || named.containsKey(country.region()))) {
      if (own != null && store.regionMoves().forget(country.region(), language)) {
        moves().remove(country.region());
        log.warn("{}: the site lists region {} again (its {} list); the monitor walks it there again", country.name(),
            country.region(), language);
        reconsiderPlacements(country.name() + " is listed at region " + country.region() + " again");
      }
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
    moved(country, own, found.getKey(), siteName != null ? siteName : found.getValue(), language);
    return new Resolution(found.getKey(), null);
  }

  /**
   * A walk's first page in {@code language} showed the site's country list: keeps it, and returns
   * where {@code country} is listed now in that language (the walk restarts there when that is not
   * {@code walked}).
   */
  public Resolution listed(CountryConfig country, String language, Map<Integer, String> countries) {
    if (lists.update(language, countries)) {
      reconsiderPlacements("the site's country list changed");
    }
    return resolve(country, language);
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
   * True when an article's country tag names {@code country} among {@code configured}: a name it
   * answers to; else the id the site lists it under now: its move's id, or its configured id when it
   * has no move. A tag whose name answers to another configured country is that country's, whatever
   * its id (a renumbering may give one country's old id to another).
   */
  public boolean names(CountryConfig country, Region tag, List<CountryConfig> configured) {
    if (tag.name() != null && country.answersTo(tag.name())) {
      return true;
    }
    if (tag.name() != null && configured.stream().anyMatch(other -> other != country && other.answersTo(tag.name()))) {
      return false;
    }
    RegionMove own = ownMove(country);
    return tag.id() == (own != null ? own.siteRegion() : country.region());
  }

  /** The configured countries an article's tags name, in the configuration's order. */
  public List<CountryConfig> placed(List<Region> tags, List<CountryConfig> configured) {
    List<CountryConfig> placed = new ArrayList<>();
    for (CountryConfig country : configured) {
      if (tags.stream().anyMatch(tag -> names(country, tag, configured))) {
        placed.add(country);
      }
    }
    return placed;
  }

  /**
   * Before a crawl of {@code country}: {@link #continueStates} for every configured country. Returns the
   * id {@code country}'s state came from, if it moved now.
   */
  public Optional<Integer> continueState(CountryConfig country, List<CountryConfig> configured) {
    Map<Integer, Integer> continued = continueStates(configured);
    return continued.entrySet().stream().filter(e -> e.getValue() == country.region()).map(Map.Entry::getKey).findFirst();
  }

  /**
   * When the configuration is applied and before each crawl (it reads the moves in force again): every
   * configured country whose id has no state of its own yet while the state of this country is kept under
   * another id (a recorded move of its name to this id, or a country of the same name no longer configured
   * whose id the site's list no longer has, while it has this one) continues that state under the
   * configured id: no second baseline, and what the site published meanwhile is alerted. All in one
   * transaction, ordered so that chains (one country's new id is another's old one) and swaps carry every
   * state over. A state under the configured id is the country's own only if its name answers to it.
   * Returns the ids whose state moved now, old to new.
   */
  public Map<Integer, Integer> continueStates(List<CountryConfig> configured) {
    refresh();
    Map<Integer, String> known = store.countries().names();
    Map<Integer, Integer> rekeys = new LinkedHashMap<>();
    Map<Integer, CountryConfig> by = new LinkedHashMap<>();
    Set<Integer> claimedTwice = new HashSet<>();
    for (CountryConfig country : configured) {
      String there = known.get(country.region());
      if (there != null && country.answersTo(there)) {
        continue; // its own state
      }
      List<Integer> from = statesOf(country, configured, known, there != null);
      if (from.size() > 1) {
        log.warn("{}: region {} is new, and the state of several earlier ids could be its: {}; it starts with a baseline",
            country.name(), country.region(), from);
      }
      if (from.size() != 1) {
        continue;
      }
      if (rekeys.containsKey(from.get(0))) {
        claimedTwice.add(from.get(0));
      }
      rekeys.put(from.get(0), country.region());
      by.put(from.get(0), country);
    }
    claimedTwice.forEach(rekeys::remove);
    if (rekeys.isEmpty()) {
      return Map.of();
    }
    Map<Integer, Integer> continued;
    try {
      continued = store.regionMoves().continueUnder(rekeys);
    } catch (RuntimeException e) {
      log.warn("the states of {} could not continue under the ids written ({}); tried again before the next crawl", rekeys,
          e.getMessage());
      return Map.of();
    }
    continued.forEach((old, now) -> log.warn("{}: the configuration says region {} now, the site's id; the country's state"
        + " (its articles, pages and baseline) continues from region {}", by.get(old).name(), now, old));
    rekeys.forEach((old, now) -> {
      if (!continued.containsKey(old) && warnedBlocked.add(old + ">" + now)) {
        log.warn("{}: its state under region {} cannot continue under region {}, which holds another country's state ({})",
            by.get(old).name(), old, now, known.get(now));
      }
    });
    refresh();
    return continued;
  }

  /** The earlier ids whose state is {@code country}'s (configured under a new id). */
  private List<Integer> statesOf(CountryConfig country, List<CountryConfig> configured, Map<Integer, String> known, boolean taken) {
    List<Integer> from = new ArrayList<>();
    for (RegionMove move : moves().values()) {
      if (move.siteRegion() == country.region() && (country.answersTo(move.name()) || country.answersTo(move.siteName()))
          && known.containsKey(move.region())
          && configured.stream().noneMatch(c -> c.region() == move.region() && c.answersTo(move.name()))) {
        from.add(move.region());
      }
    }
    // By name only when the site's list says the old id is gone and the new one is there: a renumbering,
    // not a country the user stopped following long ago and follows again (its articles since would all be alerted).
    Optional<Map<Integer, String>> now = lists.of("en").or(() -> lists.freshest().map(SiteCountries.Read::countries));
    if (from.isEmpty() && now.isPresent() && now.get().containsKey(country.region())) {
      // A swap whose other half was never recorded (only one of the two countries crawled since): the list
      // names this country at its configured id and another at the old one, which another configured country took.
      boolean listedHere = country.answersTo(now.get().get(country.region()));
      known.forEach((region, name) -> {
        if (region == country.region() || !country.answersTo(name)) {
          return;
        }
        boolean gone = !taken && configured.stream().noneMatch(c -> c.region() == region) && !now.get().containsKey(region);
        boolean swapped = listedHere && now.get().containsKey(region) && !country.answersTo(now.get().get(region))
            && configured.stream().anyMatch(c -> c.region() == region && !c.answersTo(name));
        if (gone || swapped) {
          from.add(region);
        }
      });
    }
    return from;
  }

  /**
   * Why {@code country} must not be crawled now, if it must not: its configured id holds another country's
   * state (a carry-over blocked or not done yet: a crawl would take that state as its own for good), or its
   * own state waits under an earlier id (a crawl would start a baseline that archives what was published
   * meanwhile without an alert). Tried again at the next crawl.
   */
  public Optional<String> refusal(CountryConfig country, List<CountryConfig> configured) {
    Map<Integer, String> known = store.countries().names();
    String there = known.get(country.region());
    if (there != null && !country.answersTo(there)) {
      Optional<CountryConfig> owner = configured.stream().filter(c -> c != country && c.answersTo(there)).findFirst();
      boolean listedElsewhere = lists.all().stream().anyMatch(read -> read.countries().entrySet().stream()
          .anyMatch(e -> e.getKey() != country.region() && CountryNames.key(e.getValue()).equals(CountryNames.key(there))));
      if (owner.isPresent() || listedElsewhere) {
        return Optional.of("region " + country.region() + " holds the state of " + there
            + owner.map(o -> " (configured at region " + o.region() + ")").orElse("") + ", not " + country.name()
            + "'s; not crawled until that state has continued under its own id (tried before each crawl)");
      }
      return Optional.empty();
    }
    if (there == null) {
      refresh();
      List<Integer> from = statesOf(country, configured, known, false);
      // Several earlier states, or one another configured country claims too: no carry-over, a baseline (as documented).
      boolean claimed = from.size() == 1 && configured.stream().anyMatch(other -> other != country
          && !known.containsKey(other.region()) && statesOf(other, configured, known, false).contains(from.get(0)));
      if (from.size() == 1 && !claimed) {
        return Optional.of(country.name() + "'s state under region " + from.get(0) + " has not continued under region "
            + country.region() + " yet; not crawled, so that what the site published meanwhile is alerted, not taken"
            + " as a baseline (tried again before the next crawl)");
      }
    }
    return Optional.empty();
  }

  /** The move in force under {@code country}'s id, if it is this country's (the id may be another's now). */
  private RegionMove ownMove(CountryConfig country) {
    RegionMove move = moves().get(country.region());
    return move != null && (country.answersTo(move.name()) || country.answersTo(move.siteName())) ? move : null;
  }

  private void moved(CountryConfig country, RegionMove own, int siteRegion, String siteName, String language) {
    if (own != null && own.siteRegion() == siteRegion) {
      return; // in force already: every crawl of a moved country comes here, and writes nothing
    }
    Instant at = clock.instant();
    RegionMove move = new RegionMove(country.region(), country.name(), siteRegion, siteName, at);
    boolean now = store.regionMoves().record(move, language, () -> alerts.rowsFor(country, siteRegion, siteName, at));
    moves().put(country.region(), move);
    if (now) {
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

  /**
   * What an early-warning poll placed its items by, taken at its start (the moves read again). The poll
   * writes the items it found outside the configured countries only if {@link #placementsChangedSince}
   * says nothing changed meanwhile: a move recorded during the poll would have placed them.
   */
  public Placements placements() {
    long before = reconsidered.get();
    refresh();
    return new Placements(before, currentMoves());
  }

  /** See {@link #placements()}. */
  public record Placements(long reconsidered, Map<Integer, Integer> moves) {}

  /** True when the placing of articles may have changed since {@code then} (here, or by another node's move). */
  public boolean placementsChangedSince(Placements then) {
    if (reconsidered.get() != then.reconsidered()) {
      return true;
    }
    refresh();
    return !currentMoves().equals(then.moves());
  }

  private Map<Integer, Integer> currentMoves() {
    Map<Integer, Integer> ids = new HashMap<>();
    moves().forEach((region, move) -> ids.put(region, move.siteRegion()));
    return ids;
  }

  private void reconsiderPlacements(String why) {
    reconsidered.incrementAndGet();
    int forgotten = store.earlyWarning().reconsiderPlacements();
    if (forgotten > 0) {
      log.info("{}: the early warning looks again at {} item{} it had left aside (outside the configured countries, or untagged)",
          why, forgotten, forgotten == 1 ? "" : "s");
    }
  }

  private Map<Integer, RegionMove> moves() {
    Map<Integer, RegionMove> known = moves;
    if (known == null) {
      refresh();
      known = moves;
    }
    return known;
  }
}
