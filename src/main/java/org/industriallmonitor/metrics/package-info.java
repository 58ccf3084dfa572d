/**
 * The daemon's metrics: {@code ConsoleMetrics} counts what happens in this process as it happens (the
 * site's requests, as an OkHttp interceptor; crawls and layout errors, as a {@code crawl.CrawlListener};
 * deliveries, as a {@code notify.DeliveryListener}) and reads what the database holds once per scrape, in
 * Prometheus's text format. The composition root ({@code app.Components}) builds it and hands it to the
 * crawl and the dispatcher; the console ({@code web}) serves it at {@code /metrics}.
 *
 * <p>May use: crawl, notify, store (the outbox's and the countries' counts). Not web, nor app: both
 * use it.
 */
package org.industriallmonitor.metrics;
