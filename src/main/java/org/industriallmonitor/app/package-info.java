/**
 * The composition root and the application services. {@code Components} builds each part of the monitor
 * from a configuration, once, and connects them; {@code Monitor} is the application: crawl a country or
 * poll the early-warning source, count the outcome towards monitor alerts, wake the dispatcher, take a new
 * configuration. Beside it: {@code MonitorStatus} (what {@code status} and the console show),
 * {@code OnlineCheck} ({@code validate --online}), {@code LayoutRepair} and {@code ArchiveReferences}
 * (calibrating after a layout error), {@code AlertRouting} (which channels hear of an article), {@code Plural}.
 *
 * <p>May use: every package but cli and replica (config, schedule, crawl, fetch, parse, site, feed, archive,
 * store, notify, calibrate, web). Known exception, to be removed: a cycle with web, which imports
 * {@code MonitorStatus} and {@code Plural} from here while {@code Components} builds {@code web.ConsoleMetrics}.
 */
package org.industriallmonitor.app;
