/**
 * The {@code industriall-monitor} commands: {@code Main} (picocli) and one {@code *Command} per command
 * ({@code run}, {@code once}, {@code status}, {@code validate}, {@code search}, {@code demo}, {@code replica},
 * {@code migrate}, ...), with what they share: {@code CommonOptions}, {@code StateGuard} (the state lock),
 * {@code ExitCodes}, {@code UserException}, the logging ({@code LogConfigurator}, {@code Logging},
 * {@code LogLines}) and the terminal ({@code TerminalProgress}, {@code TerminalText}).
 *
 * <p>May use: every package; none may use it. It is the only user of replica ({@code demo}, {@code replica},
 * {@code cds-training}). Besides the composition root ({@code app.Components}) the commands also build parts
 * themselves: {@code RunCommand} and {@code DemoCommand} start {@code web.ConsoleServer} with its
 * {@code ConsoleMetrics}, and many commands open the store and read config, crawl and fetch types directly.
 */
package org.industriallmonitor.cli;
