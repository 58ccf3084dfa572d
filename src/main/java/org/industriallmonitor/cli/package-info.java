/**
 * The {@code industriall-monitor} commands: {@code Main} (picocli) and one {@code *Command} per command
 * ({@code run}, {@code once}, {@code status}, {@code validate}, {@code search}, {@code demo},
 * {@code replica}, {@code migrate}, {@code backup}, ...), with what they share: {@code CommonOptions}, {@code StateGuard}
 * (the state lock), {@code ExitCodes}, {@code UserException}, the logging ({@code LogConfigurator},
 * {@code Logging}, {@code LogLines}) and the terminal ({@code TerminalProgress}, {@code TerminalText}).
 *
 * <p>May use: app (the composition root {@code Components} and the application services beside it) and
 * config, picocli; none may use it. Known exceptions, listed class by class in {@code ArchitectureTest}
 * (which fails on a new one): {@code RunCommand} and {@code DemoCommand} start {@code web.ConsoleServer}
 * with the {@code metrics.ConsoleMetrics} of {@code Components} (app cannot: web depends on app), and drive
 * the daemon and the demo's crawls with schedule, crawl, notify, fetch and store types; {@code DemoCommand},
 * {@code ReplicaCommand} and {@code CdsTrainingCommand} are the only users of replica; {@code StateGuard}
 * takes the state lock ({@code store}) and the node heartbeat ({@code schedule}); {@code Main} and
 * {@code Logging} report the store's failures; {@code TerminalProgress} is a {@code crawl.CrawlProgress};
 * {@code FloorCommand} (a benchmark helper) uses {@code fetch.HttpClients}; {@code CountriesCommand} and
 * {@code ValidateCommand} print the site's addresses with {@code parse.SiteUrls}. To be removed:
 * {@code CalibrateCommand}, {@code NotifyTestCommand}, {@code OnceCommand}, {@code SearchCommand} and
 * {@code StatusCommand} still use the store's values or call crawl, notify or calibrate themselves.
 */
package org.industriallmonitor.cli;
