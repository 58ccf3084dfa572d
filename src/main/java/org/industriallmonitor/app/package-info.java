/**
 * The composition root and the application services. {@code Components} builds each part of the monitor from
 * a configuration, once, and connects them: it alone opens the database and builds the repositories'
 * holder, the channels, the scheduler and the daemon ({@code ArchitectureTest} lists the few exceptions);
 * {@code Monitor} is the application: crawl a country or poll the early-warning source, count the outcome
 * towards monitor alerts, wake the dispatcher, take a new configuration, prune the history older than
 * {@code storage.retention}. Beside it, one operation per command
 * that needs more than the configuration, each in its own values (the commands never hold the store's, crawl's
 * or notify's): {@code OnceRound} ({@code once}), {@code MonitorStatus} and {@code StatusText} (what
 * {@code status} and the console show, the recorded moves of countries and of the site included), {@code ArchiveSearch} ({@code search}), {@code Calibration}
 * ({@code calibrate}), {@code ChannelCheck} ({@code notify-test}), {@code OnlineCheck} ({@code validate
 * --online}, and {@code countries}), {@code StateCopy} ({@code migrate}), {@code Backup} and its
 * {@code BackupManifest} ({@code backup --to} and {@code --verify}), {@code Deliveries} ({@code outbox
 * list} and {@code retry}), {@code Reindex} ({@code reindex}); and {@code ConsoleService} (what the web console
 * reads of the state, and its retrying of dead deliveries) with {@code MonthlyArticles} (its chart's counts), {@code LayoutRepair} and {@code ArchiveReferences}
 * (calibrating after a layout error), {@code AlertRouting} (which channels hear of an article), {@code SiteMoveRecorder} (a move of the site's
 * base address, recorded and alerted), {@code Plural}.
 *
 * <p>May use: every package but cli, replica and web (config, query, schedule, crawl, fetch, parse, site, feed,
 * archive, store, notify, calibrate, metrics). web uses app ({@code ConsoleService}, {@code MonitorStatus},
 * {@code MonthlyArticles}, {@code Plural}), never the other way round: {@code Components} builds {@code metrics.ConsoleMetrics},
 * which the console serves.
 */
package org.industriallmonitor.app;
