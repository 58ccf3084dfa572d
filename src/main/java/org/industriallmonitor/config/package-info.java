/**
 * The configuration, where the flow starts (config → schedule → crawl → archive + store → notify):
 * {@code ConfigLoader} reads {@code monitor.yaml} into a validated {@code MonitorConfig} and its records
 * ({@code SiteConfig}, {@code CountryConfig} with its {@code Schedule}, {@code Selectors},
 * {@code StorageConfig}, {@code PostgresTarget}, {@code ClusterConfig}, {@code NotificationsConfig} and the
 * channel configs, {@code EarlyWarningConfig}, {@code RecheckConfig}, {@code WebConfig}, {@code LoggingConfig});
 * a problem is a {@code ConfigException} located by file, line and key. {@code ConfigLoader} keeps the
 * file's bounds (size, encoding, aliases) and hands each top-level section to its reader
 * ({@code SiteReader}, {@code ScheduleReader}, {@code CountriesReader}, {@code NotificationsReader},
 * {@code StorageReader}, {@code WebReader}, {@code ClusterReader}, {@code LoggingReader}); a channel is
 * read by the {@code ChannelReader} of its {@code ChannelType} (which names the keys it may have).
 * Every default comes from {@code MonitorDefaults}, which reads {@code monitor-defaults.yaml} in the jar
 * once: the one place a default is written. {@code Secrets} masks tokens, {@code Durations} and {@code ByteSizes} read the
 * YAML's durations and sizes.
 *
 * A channel's filters ({@code match:}, {@code exclude:}, {@code themes:}, {@code countries:}) are a
 * {@code ChannelFilter}, whose queries {@code query.SearchQuery} parses (a bad one is the configuration's error).
 *
 * <p>May use: query (the search language); every other package may read it.
 */
package org.industriallmonitor.config;
