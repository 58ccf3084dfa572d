/**
 * The {@code industriall-monitor} commands: {@code Main} (picocli) and one {@code *Command} per command
 * ({@code run}, {@code once}, {@code status}, {@code validate}, {@code search}, {@code demo},
 * {@code replica}, {@code migrate}, {@code backup}, ...), with what they share: {@code CommonOptions}, {@code StateGuard}
 * (the state lock), {@code ExitCodes}, {@code UserException}, the logging ({@code LogConfigurator},
 * {@code Logging}, {@code LogLines}), the terminal ({@code TerminalProgress}, {@code TerminalText}),
 * {@code --version} ({@code VersionProvider}, from the build's {@code build.properties}) and {@code ManPage},
 * the manual page the build writes from the command definitions (no command of the monitor).
 *
 * <p>May use: app (the composition root {@code Components} and the application services beside it),
 * config, query (a query that is not one, exit 2), picocli; none may use it. Known exceptions, listed class by class in {@code ArchitectureTest}
 * (which fails on a new one): {@code RunCommand} and {@code DemoCommand} start {@code web.ConsoleServer}
 * with the {@code metrics.ConsoleMetrics} of {@code Components} (app cannot: web depends on app), beside the
 * daemon ({@code schedule.Daemon}); the demo's rounds go through {@code app.OnceRound} as {@code once}'s do;
 * {@code DemoCommand}, {@code ReplicaCommand} and {@code CdsTrainingCommand} are the only users of replica; {@code StateGuard}
 * takes the state lock ({@code store}) and the node heartbeat ({@code schedule}); {@code Main} and
 * {@code Logging} report the store's failures; {@code TerminalProgress} is a {@code crawl.CrawlProgress};
 * {@code FloorCommand} (a benchmark helper) uses {@code fetch.HttpClients}; {@code CountriesCommand} and
 * {@code ValidateCommand} print the site's addresses with {@code parse.SiteUrls}. Every other command goes
 * through an operation of app in app's values ({@code once}: {@code OnceRound}, {@code calibrate}:
 * {@code Calibration}, {@code search}: {@code ArchiveSearch}, {@code status}: {@code MonitorStatus} and
 * {@code StatusText}, {@code notify-test}: {@code ChannelCheck}). The commands build none of the parts
 * ({@code Components} does), except the servers: {@code RunCommand} and {@code DemoCommand} start the console,
 * {@code DemoCommand}, {@code ReplicaCommand} and {@code CdsTrainingCommand} the replica.
 */
package org.industriallmonitor.cli;
