package org.industriallmonitor.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration file, validated. {@code warnings} are what the file allows but a user
 * should hear of (an empty country list, a channel whose secret is not in the environment), each
 * located by file, line and key.
 */
public record MonitorConfig(
    Path source,
    SiteConfig site,
    Schedule schedule,
    List<CountryConfig> countries,
    StorageConfig storage,
    NotificationsConfig notifications,
    WebConfig web,
    ClusterConfig cluster,
    LoggingConfig logging,
    List<String> warnings) {

  public MonitorConfig {
    countries = List.copyOf(countries);
    warnings = List.copyOf(warnings);
  }

  public MonitorConfig withStorage(StorageConfig newStorage) {
    return new MonitorConfig(source, site, schedule, countries, newStorage, notifications, web, cluster, logging, warnings);
  }

  public Optional<CountryConfig> country(String nameOrRegion) {
    return countries.stream()
        .filter(c -> c.name().equalsIgnoreCase(nameOrRegion.trim()) || String.valueOf(c.region()).equals(nameOrRegion.trim()))
        .findFirst();
  }
}
