/**
 * The daemon's web console: {@code ConsoleServer} (the JDK's HTTP server) serves the dashboard and article
 * pages ({@code ConsolePages}, Mustache templates under {@code /web}), search, {@code AtomFeeds}, the status
 * JSON, a health check and {@code /metrics} (what {@code metrics.ConsoleMetrics} counts);
 * {@code ConsoleAuth} decides who may use it (with {@code SignInLimiter} throttling failed sign-ins),
 * {@code DisplayText} makes the site's text safe to show. Its server is made by {@code http.JdkHttpServers},
 * like every JDK HTTP server of the process. It reads the store and the archive, and changes nothing but
 * retrying dead deliveries.
 *
 * <p>May use: config, app ({@code MonitorStatus}, {@code Plural}), metrics, http, store, archive. Nothing
 * but the commands that start the console (cli) uses it.
 */
package org.industriallmonitor.web;
