/**
 * A loopback replica of the site for the tests and the demo (never for a real crawl): {@code ReplicaServer}
 * serves a {@code ReplicaCatalog} ({@code ReplicaCountry}, {@code ReplicaArticle}, {@code ListingSlice})
 * with the site's addresses, in one of the markups of {@code ReplicaTheme} ({@code ReplicaPages}, the
 * contract's byte for byte; {@code WordPressPages}; {@code BarePages}), its RSS feed ({@code ReplicaFeed})
 * and conditional answers, and lets tests publish articles; {@code WebhookReceiver} takes webhook alerts.
 *
 * <p>May use: nothing of the product, as it stands for the site. Known exceptions, to be removed: it borrows
 * the monitor's own {@code parse.SiteUrls} and {@code parse.SiteDates} (so a misreading of the site by the
 * parser would be mirrored here, unseen by the tests) and {@code archive.Hashes} for ETags; it makes its
 * servers through {@code http.JdkHttpServers} (not an exception: a neutral helper), because the JDK server's
 * time limits are read once per process, by whichever server starts first (the demo runs the replica beside
 * the console).
 */
package org.industriallmonitor.replica;
