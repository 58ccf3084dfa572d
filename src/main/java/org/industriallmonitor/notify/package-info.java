/**
 * Alerts, the flow's last stage: the crawl's alerts are rows of the store's outbox ({@code AlertQueue}
 * writes them, one per {@code Event} and channel), and the outbox pump, {@code Dispatcher}, delivers them:
 * each pass hands a channel's due rows to its lane ({@code Lanes}, a thread per channel), where
 * {@code ChannelSender} turns them into {@code Delivery} values (a digest's articles grouped by
 * {@code DigestBatching}, each under its first configured country as {@code DigestCountries} files it, in the configured order that {@code Channels} holds), sends them to the {@code Channel} ({@code WebhookChannel}, {@code EmailChannel},
 * {@code ChatChannels}; {@code UnavailableChannel} when a secret is missing) and records the
 * {@code DeliveryOutcome}, retrying by the {@code DeliveryPolicy} or dead-lettering; a channel that
 * waits for its retry or a Retry-After is held in {@code ChannelHolds}. The pump's waiting goes through
 * its {@code Clock} and a {@code PumpWaiter} (woken through {@code PumpWakes}), so that its tests run
 * on fake time. {@code Payloads}, {@code MessageText} and {@code ChatMessage} say what an event says
 * ({@code Snippets}: what a channel's {@code match} found, its words marked, and shown per medium);
 * {@code MonitorAlerts} turns crawl outcomes into monitor alerts (a layout repair's
 * {@code SelectorChange}s among them); {@code SiteMoveAlerts} records a move of the site's base address with
 * its one {@code site_moved} alert.
 *
 * <p>May use: config, store, archive ({@code Hashes} for digest ids), parse ({@code Translation},
 * {@code SiteUrls}, written out in full in {@code ArticleEvent}). Known exception, to be removed:
 * {@code ChatPost} and {@code WebhookChannel} read {@code Retry-After} with {@code fetch.RetryAfter}, the
 * crawl's HTTP layer; that helper belongs somewhere both may use.
 */
package org.industriallmonitor.notify;
