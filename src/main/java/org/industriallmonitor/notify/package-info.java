/**
 * Alerts, the flow's last stage: the crawl's alerts are rows of the store's outbox ({@code AlertQueue}
 * writes them, one per event and channel), and {@code Dispatcher} delivers them to each {@code Channel}
 * ({@code WebhookChannel}, {@code EmailChannel}, {@code ChatChannels}; {@code UnavailableChannel} when a
 * secret is missing), retrying by {@code DeliveryPolicy} or dead-lettering. {@code Payloads},
 * {@code MessageText} and {@code ChatMessage} say what an event says; {@code MonitorAlerts} turns crawl
 * outcomes into monitor alerts.
 *
 * <p>May use: config, store, archive ({@code Hashes} for digest ids), parse ({@code Translation},
 * {@code SiteUrls}, written out in full in {@code ArticleEvent}). Known exception, to be removed:
 * {@code ChatPost} and {@code WebhookChannel} read {@code Retry-After} with {@code fetch.RetryAfter}, the
 * crawl's HTTP layer; that helper belongs somewhere both may use.
 */
package org.industriallmonitor.notify;
