package org.industriallmonitor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.app.Reindex;
import org.industriallmonitor.config.MonitorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reindex}: rebuilds the full-text index from the archived texts. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
    description = {"Rebuilds the full-text search index from the archive: every recorded article's title and archived text.",
        "Safe beside a running daemon: the index is replaced in one transaction, and articles recorded meanwhile are indexed after it."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:rebuilt", "1:some archived texts could not be read (listed; the others are indexed)",
        "3:the configuration is missing or invalid", "5:the database cannot be opened or written"})
final class ReindexCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    MonitorConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    if (!config.storage().hasDatabase()) {
      out.println("No database yet at " + config.storage().database().toAbsolutePath() + ": nothing to index.");
      out.flush();
      return ExitCodes.OK;
    }
    try (Components parts = Components.of(config)) {
      Reindex.Result rebuilt = Reindex.run(parts);
      out.printf("Indexed %s from %s.%n", Plural.of(rebuilt.indexed(), "article", "articles"), rebuilt.archive().toAbsolutePath());
      if (rebuilt.themesFilled() > 0) {
        out.printf("Theme tags of %s filled from their sidecars.%n", Plural.of(rebuilt.themesFilled(), "article", "articles"));
      }
      out.flush();
      if (!rebuilt.unreadableSidecars().isEmpty()) {
        // Their texts are indexed; only a channel's themes: filter misses their tags.
        PrintWriter err = spec.commandLine().getErr();
        err.printf("%s could not be read; their articles have no theme tags:%n",
            Plural.of(rebuilt.unreadableSidecars().size(), "sidecar", "sidecars"));
        rebuilt.unreadableSidecars().forEach(line -> err.println("  " + line));
        err.flush();
      }
      if (rebuilt.unreadable().isEmpty()) {
        return ExitCodes.OK;
      }
      PrintWriter err = spec.commandLine().getErr();
      err.printf("%s could not be read and %s not searchable:%n", Plural.of(rebuilt.unreadable().size(), "archived text", "archived texts"),
          rebuilt.unreadable().size() == 1 ? "is" : "are");
      rebuilt.unreadable().forEach(line -> err.println("  " + line));
      err.flush();
      return ExitCodes.FAILED;
    }
  }
}
