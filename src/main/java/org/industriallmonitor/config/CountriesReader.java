package org.industriallmonitor.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code countries:} list: each country once, by name and by region, with what it inherits filled in. */
final class CountriesReader {
  private static final List<String> KEYS = List.of("name", "region", "schedule", "notify", "languages", "aliases");

  private final ScheduleReader schedules;

  CountriesReader(ScheduleReader schedules) {
    this.schedules = schedules;
  }

  List<CountryConfig> read(ConfigNode node, Schedule defaultSchedule, NotificationsConfig notifications,
      List<String> defaultLanguages, List<String> warnings) {
    List<CountryConfig> countries = new ArrayList<>();
    if (node.list().isEmpty()) {
      warnings.add(node.warning("is empty: nothing will be crawled (`countries` lists the site's countries with their region ids)"));
    }
    // A name the site gives must point at one configured country: names and aliases are checked against each other.
    Map<String, Integer> lineByName = new HashMap<>();
    Map<String, Integer> lineByAlias = new HashMap<>();
    Map<Integer, Integer> lineByRegion = new HashMap<>();
    for (ConfigNode item : node.list()) {
      ConfigNode.Mapping m = item.mapping(KEYS);
      ConfigNode nameNode = m.required("name");
      String name = nameNode.nonBlankString().trim();
      name.codePoints().filter(CountriesReader::isControl).findFirst().ifPresent(c -> {
        throw nameNode.error(String.format("a name may not hold control characters (U+%04X); write it as the site does", c));
      });
      ConfigNode regionNode = m.required("region");
      int region = regionNode.integer(1, Integer.MAX_VALUE);
      Integer earlier = lineByName.putIfAbsent(CountryNames.key(name), item.line());
      if (earlier != null) {
        throw nameNode.error("the country '" + name + "' is listed twice (first at line " + earlier + ")");
      }
      if (lineByAlias.containsKey(CountryNames.key(name))) {
        throw nameNode.error("'" + name + "' is an alias of another country (line " + lineByAlias.get(CountryNames.key(name))
            + "); an alias names one country only");
      }
      List<String> aliases = m.optional("aliases").map(n -> aliases(n, lineByName, lineByAlias)).orElse(List.of());
      earlier = lineByRegion.putIfAbsent(region, item.line());
      if (earlier != null) {
        throw regionNode.error("region " + region + " is listed twice (first at line " + earlier + ")");
      }
      Schedule schedule = m.optional("schedule").map(n -> schedules.read(n, defaultSchedule)).orElse(defaultSchedule);
      List<String> notify = m.optional("notify").map(n -> ConfigValues.channelIds(n, notifications.channelIds()))
          .orElse(notifications.channelIds());
      List<String> languages = m.optional("languages").map(ConfigValues::languages).orElse(defaultLanguages);
      countries.add(new CountryConfig(name, region, schedule, notify, languages, aliases));
    }
    return countries;
  }

  /** Other names of one country, each naming no other configured country (compared without case and accents). */
  private static List<String> aliases(ConfigNode node, Map<String, Integer> lineByName, Map<String, Integer> lineByAlias) {
    List<String> aliases = new ArrayList<>();
    for (ConfigNode item : node.listOrSingle()) {
      String alias = item.nonBlankString().trim();
      String key = CountryNames.key(alias);
      Integer earlier = lineByName.containsKey(key) ? lineByName.get(key) : lineByAlias.get(key);
      if (earlier != null) {
        throw item.error("the name '" + alias + "' already names a country (line " + earlier + "); an alias names one country only");
      }
      lineByAlias.put(key, item.line());
      aliases.add(alias);
    }
    return aliases;
  }

  /** Control characters, and the bidirectional controls that make text print in another order than it is stored. */
  private static boolean isControl(int c) {
    return Character.isISOControl(c) || c == 0x061C || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E
        || c >= 0x2066 && c <= 0x2069;
  }
}
