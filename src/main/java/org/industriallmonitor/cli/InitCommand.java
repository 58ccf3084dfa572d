package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code init}: writes the commented default configuration and creates the state and log folders. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Writes a commented config/monitor.yaml and creates state/ and logs/.",
        "Every key is explained, secrets are written as $${VAR} (read from the environment). "
            + "Never overwrites an existing configuration."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:config/monitor.yaml exists already (nothing was changed)"})
final class InitCommand implements Callable<Integer> {
  static final String TEMPLATE = "/templates/monitor.yaml";
  /** How the template's comments name the program: the repository's own build. */
  static final String TEMPLATE_COMMAND = "bin/industriall-monitor";

  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where to set up (default: the current folder).")
  Path dir;

  @Override
  public Integer call() throws IOException {
    Path config = dir.resolve("config").resolve("monitor.yaml");
    if (Files.exists(config)) {
      spec.commandLine().getErr().printf("%s exists already; not overwriting it. Check it with `%s validate --config %s`.%n",
          config, Invocation.jarCommand(), config);
      spec.commandLine().getErr().flush();
      return ExitCodes.FAILED;
    }
    Files.createDirectories(config.getParent());
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("logs"));
    try (InputStream template = InitCommand.class.getResourceAsStream(TEMPLATE)) {
      if (template == null) {
        throw new IllegalStateException(TEMPLATE + " is missing from the jar");
      }
      // The template names the jar as this repository builds it; a copy written elsewhere names the jar that wrote it.
      String text = new String(template.readAllBytes(), StandardCharsets.UTF_8).replace(TEMPLATE_COMMAND, Invocation.jarCommand());
      Files.writeString(config, text);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Wrote %s and created %s and %s.%n", config, dir.resolve("state"), dir.resolve("logs"));
    out.println("Next:");
    out.printf("  1. Edit %s: put a contact in site.user_agent, choose your countries%n", config);
    out.printf("     (`%s countries` lists them with their region ids).%n", Invocation.jarCommand());
    out.printf("  2. Check it:                 %s validate%n", Invocation.jarCommand());
    out.printf("  3. Crawl once (the baseline): %s once%n", Invocation.jarCommand());
    out.printf("  4. Run as a daemon:          %s run%n", Invocation.jarCommand());
    out.flush();
    return ExitCodes.OK;
  }
}
