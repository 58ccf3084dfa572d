package org.industriallmonitor.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The whole configuration file, validated. */
public record MonitorConfig(
    Path source,
    SiteConfig site,
    Schedule schedule,
    List<CountryConfig> countries,
    StorageConfig storage,
    NotificationsConfig notifications) {

  public MonitorConfig {
    countries = List.copyOf(countries);
  }

  public MonitorConfig withStorage(StorageConfig newStorage) {
    return new MonitorConfig(source, site, schedule, countries, newStorage, notifications);
  }

  public Optional<CountryConfig> country(String nameOrRegion) {
    return countries.stream()
        .filter(c -> c.name().equalsIgnoreCase(nameOrRegion.trim()) || String.valueOf(c.region()).equals(nameOrRegion.trim()))
        .findFirst();
  }
}
