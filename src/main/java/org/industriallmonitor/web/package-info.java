/**
 * The daemon's web console: {@code ConsoleServer} (the JDK's HTTP server) serves the dashboard and
 * article pages ({@code ConsolePages}, Mustache templates under {@code /web}), search, {@code AtomFeeds},
 * the status JSON, a health check and {@code /metrics} ({@code ConsoleMetrics}, which hears crawls and
 * deliveries as {@code crawl.CrawlListener} and {@code notify.DeliveryListener}); {@code ConsoleAuth}
 * decides who may use it (with {@code SignInLimiter} throttling failed sign-ins), {@code DisplayText} makes
 * the site's text safe to show, and {@code JdkHttpServers} makes every JDK HTTP server of the process with
 * the same time limits (they are process-wide properties). It reads the store and
 * the archive, and changes nothing but retrying dead deliveries.
 *
 * <p>May use: config, store, archive, crawl, notify. Known exception, to be removed: a cycle with app:
 * {@code ConsolePages} imports {@code app.MonitorStatus} and {@code app.Plural}, {@code ConsoleServer}
 * imports {@code app.Plural}, while {@code app.Components} builds {@code ConsoleMetrics}.
 */
package org.industriallmonitor.web;
