/**
 * The configuration, where the flow starts (config → schedule → crawl → archive + store → notify):
 * {@code ConfigLoader} reads {@code monitor.yaml} into a validated {@code MonitorConfig} and its records
 * ({@code SiteConfig}, {@code CountryConfig} with its {@code Schedule}, {@code Selectors},
 * {@code StorageConfig}, {@code PostgresTarget}, {@code ClusterConfig}, {@code NotificationsConfig} and the
 * channel configs, {@code EarlyWarningConfig}, {@code RecheckConfig}, {@code WebConfig}); a problem is a
 * {@code ConfigException} located by file, line and key. {@code Secrets} masks tokens, {@code Durations}
 * reads and prints the YAML's durations.
 *
 * <p>May use: no other package of the product; every other package may read it.
 */
package org.industriallmonitor.config;
