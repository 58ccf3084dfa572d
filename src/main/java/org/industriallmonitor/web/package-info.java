/**
 * The daemon's web console: {@code ConsoleServer} (the JDK's HTTP server) serves the dashboard, country and
 * article pages ({@code ConsolePages}, Mustache templates under {@code /web}; an article as a reader's view,
 * {@code ArticlePage}, with its archived file as it is; {@code MonthlyChart} draws the chart of articles per month as
 * SVG), search (by words, country, theme or a channel's filters), {@code AtomFeeds} (of the newest articles, of a
 * country, of a search, of a channel's search), the status JSON, a health check and {@code /metrics} (what
 * {@code metrics.ConsoleMetrics} counts);
 * {@code ConsoleAuth} decides who may use it (with {@code SignInLimiter} throttling failed sign-ins),
 * {@code DisplayText} makes the site's text safe to show (and the status texts' commands between backticks code).
 * Its server is made by {@code http.JdkHttpServers},
 * like every JDK HTTP server of the process. It reads the state through the application
 * ({@code app.ConsoleService}, {@code app.MonitorStatus}), never the store's repositories, and the archive;
 * it changes nothing but retrying dead deliveries.
 *
 * <p>May use: config, query (a bad query's message), app ({@code ConsoleService}, {@code MonitorStatus},
 * {@code MonthlyArticles}, {@code Plural}), metrics, http,
 * archive, and store for its values and to open {@code ConsoleService} on the {@code Store} it is given, not
 * its repositories (checked by {@code ArchitectureTest}). Nothing but the commands that start the console
 * (cli) uses it.
 */
package org.industriallmonitor.web;
