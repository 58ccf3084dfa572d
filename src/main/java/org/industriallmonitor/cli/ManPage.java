package org.industriallmonitor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The manual page {@code industriall-monitor(1)}, written in roff from the command definitions, so
 * that it says what {@code --help} says and cannot fall behind it. The build runs it (exec-maven-plugin,
 * before the package is made); it is no command of the monitor. picocli's own ManPageGenerator writes
 * AsciiDoc, which would need Asciidoctor to become a manual page.
 */
public final class ManPage {
  private static final String NAME = "industriall-monitor";

  private ManPage() {}

  /** {@code ManPage FILE VERSION}: writes the page to FILE. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ManPage FILE VERSION");
    }
    Path file = Path.of(args[0]);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(Main.commandLine(), args[1]), StandardCharsets.UTF_8);
  }

  /** The page of {@code cli} (the command line with all its commands). */
  static String render(CommandLine cli, String version) {
    CommandSpec main = cli.getCommandSpec();
    StringBuilder page = new StringBuilder();
    page.append(".TH INDUSTRIALL\\-MONITOR 1 \"\" \"").append(NAME).append(' ').append(version).append("\" \"User Commands\"\n");
    page.append(".SH NAME\n").append(NAME).append(" \\- ").append(text(main.usageMessage().description())).append('\n');
    page.append(".SH SYNOPSIS\n.B ").append(NAME).append("\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fICOMMAND OPTIONS\\fR]\n");
    page.append(".SH DESCRIPTION\n")
        .append("It watches the per\\-country article listings of IndustriALL Global Union, archives each new article as\n")
        .append("plain text and sends alerts. \\fBrun\\fR is the daemon; the other commands set it up, look at its state\n")
        .append("and repair it. Relative paths are read from the folder it runs in.\n");
    page.append(".SH OPTIONS\n");
    options(page, main);
    page.append(".SH COMMANDS\n");
    for (CommandLine sub : cli.getSubcommands().values()) {
      command(page, sub.getCommandSpec());
    }
    page.append(".SH FILES\n")
        .append(".TP\n.I /etc/industriall\\-monitor/monitor.yaml\nThe service's configuration (the Debian package's).\n")
        .append(".TP\n.I /etc/default/industriall\\-monitor\nThe service's environment: the secrets the configuration names as ${VAR}.\n")
        .append(".TP\n.I /var/lib/industriall\\-monitor\nThe service's state: the database and the archive.\n");
    page.append(".SH SEE ALSO\n.BR systemctl (1),\n.BR journalctl (1)\n");
    return page.toString();
  }

  private static void command(StringBuilder page, CommandSpec spec) {
    if (spec.usageMessage().hidden()) {
      return;
    }
    page.append(".SS \"").append(escape(spec.qualifiedName())).append("\"\n");
    page.append(text(spec.usageMessage().description())).append('\n');
    String synopsis = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
        .synopsis(0).strip();
    page.append(".PP\n.nf\n").append(escape(synopsis)).append("\n.fi\n");
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      if (!parameter.hidden() && parameter.description().length > 0) {
        page.append(".TP\n\\fI").append(escape(parameter.paramLabel())).append("\\fR\n")
            .append(text(parameter.description())).append('\n');
      }
    }
    options(page, spec);
    Map<String, String> exitCodes = spec.usageMessage().exitCodeList();
    if (!exitCodes.isEmpty()) {
      page.append(".PP\nExit codes:\n");
      exitCodes.forEach((code, meaning) -> page.append(".TP\n").append(escape(code.strip())).append('\n')
          .append(text(new String[] {meaning})).append('\n'));
    }
    for (CommandLine sub : spec.subcommands().values()) {
      command(page, sub.getCommandSpec());
    }
  }

  private static void options(StringBuilder page, CommandSpec spec) {
    boolean top = spec.parent() == null;
    for (OptionSpec option : spec.options()) {
      // --help and --version are said once, at the top: every command has them.
      if (option.hidden() || (!top && (option.usageHelp() || option.versionHelp()))) {
        continue;
      }
      page.append(".TP\n").append(List.of(option.names()).stream()
          .map(name -> "\\fB" + escape(name) + "\\fR").collect(Collectors.joining(", ")));
      if (option.typeInfo().isBoolean() || option.arity().max() == 0) {
        page.append('\n');
      } else {
        page.append(" \\fI").append(escape(option.paramLabel())).append("\\fR\n");
      }
      page.append(text(option.description())).append('\n');
    }
  }

  /** Description lines as one paragraph of roff: picocli's %n and %% resolved, each line safe. */
  private static String text(String[] lines) {
    String joined = String.join(" ", lines).replace("%n", "\n").replace("%%", "%").strip();
    return joined.lines().map(String::strip).filter(line -> !line.isEmpty())
        .map(line -> line.replace("\\", "\\e"))
        .map(line -> line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line)
        .collect(Collectors.joining("\n"));
  }

  /** A name or synopsis: backslashes and hyphens as roff means them (a hyphen in an option is a minus). */
  private static String escape(String text) {
    return text(new String[] {text}).replace("-", "\\-");
  }
}
