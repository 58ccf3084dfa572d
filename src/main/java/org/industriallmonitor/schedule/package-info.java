/**
 * When crawls run: {@code Daemon} is the running monitor (the scheduler, the configuration file watched by
 * {@code ConfigWatcher}, an orderly stop); {@code CrawlScheduler} keeps one Quartz {@code CrawlJob} per
 * country in line with the configuration, and {@code PollJob} polls the early-warning source. The jobs call
 * {@code CountryRun} and {@code SourcePoll}, which the composition root (app) supplies, so this package does not
 * know crawl. {@code HistoryPruner} runs the pruning of old history at the daemon's start and every
 * {@code storage.prune_every}. {@code NodeHeartbeat} and {@code ClusterJobStore} let several daemons share one PostgreSQL state.
 *
 * <p>May use: config, store. Known exception, to be removed: {@code Daemon} holds {@code notify.Dispatcher}
 * to start and stop delivery, so the head of the flow reaches its last stage directly; the composition root
 * ({@code app}) should own the dispatcher's life and hand the daemon a plain start/stop.
 */
package org.industriallmonitor.schedule;
