package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.ArchiveReferences;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.calibrate.Calibrator;
import org.industriallmonitor.calibrate.References;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.store.StateLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calibrate}: learns the site's selectors from pages whose text is known, and verifies them byte for byte. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Learns the selectors of the site's markup from pages whose text is known, verified byte for byte.",
        "The references are the contract's (two articles at their live addresses, items of Kazakhstan's and Kyrgyzstan's "
            + "listings), the newest articles of the archive and the first listing pages it saw. Learned selectors are kept in the state; those written under "
            + "site.selectors in the configuration win. Paced like a crawl."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every selector learned and verified", "1:not every one (the report says what was tried)",
        "2:a --reference that is not one", "3:the configuration is missing or invalid", "4:another monitor process uses the state folder",
        "5:the state cannot be used"})
final class CalibrateCommand implements Callable<Integer> {
  /** Newest articles of the archive that join the contract's references. */
  static final int ARCHIVE_REFERENCES = 3;
  /** Countries whose first listing page, as the archive saw it, joins the references. */
  static final int ARCHIVE_LISTINGS = 2;

  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "Print what was learned; store nothing.")
  boolean dryRun;

  @Option(names = "--reference", paramLabel = "URL=FILE",
      description = "Also check against this page: FILE is the archive text of the article at URL, or a listing snapshot of it.")
  List<String> given = new ArrayList<>();

  @Override
  @SuppressWarnings("try") // the state lock is held for the whole command, never referenced
  public Integer call() throws IOException, InterruptedException {
    MonitorConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    try (StateLock lock = StateGuard.acquire(config, "calibrate"); Components parts = Components.of(config)) {
      // A reference the user gives comes first: the report's closest matches are about it.
      References references = given().plus(References.contract(config.site().base())).plus(archived(parts));
      Calibrator.Result result = new Calibrator(parts.site().reader()).calibrate(references.articles(), references.listings(),
          references.regions());
      print(result, references, config, out);
      if (result.complete() && !dryRun) {
        parts.store().learnedSelectors().replaceAll(result.selectors(), Instant.now());
        out.printf("Kept in %s: the next crawls use them (selectors under site.selectors in %s win).%n",
            config.storage().database(), config.source());
      } else if (result.complete()) {
        out.println("--dry-run: nothing was stored.");
      }
      out.flush();
      return result.complete() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private References given() throws IOException {
    References all = new References(List.of(), List.of(), Map.of());
    for (String pair : given) {
      int eq = pair.indexOf('=', pair.indexOf("://") + 3);
      int split = pair.lastIndexOf('=');
      if (eq < 0 || split <= 0) {
        throw new UserException(ExitCodes.USAGE, "--reference is URL=FILE, not '" + pair + "'");
      }
      String url = pair.substring(0, split);
      Path file = Path.of(pair.substring(split + 1));
      try {
        all = all.plus(References.given(url, Files.readString(file)));
      } catch (IllegalArgumentException e) {
        throw new UserException(ExitCodes.USAGE, "--reference " + pair + ": " + e.getMessage());
      }
    }
    return all;
  }

  /** The newest articles of the archive, and the first listing page it saw of the first configured countries. */
  private static References archived(Components parts) throws IOException {
    if (!parts.config().storage().hasDatabase()) {
      return new References(List.of(), List.of(), Map.of());
    }
    References all = ArchiveReferences.articles(parts.store(), parts.archive(), ARCHIVE_REFERENCES);
    for (var country : parts.config().countries().stream().limit(ARCHIVE_LISTINGS).toList()) {
      all = all.plus(ArchiveReferences.firstListingPage(parts.archive(), country.region()));
    }
    return all;
  }

  private static void print(Calibrator.Result result, References references, MonitorConfig config, PrintWriter out) {
    out.printf("Calibrated against %s: %s, %s, in %s.%n", config.site().base(),
        Plural.of(references.articles().size(), "reference article", "reference articles"),
        Plural.of(references.listings().size(), "listing", "listings"), Plural.of(result.requests(), "request", "requests"));
    out.println("selectors:");
    for (Calibrator.Field f : result.fields()) {
      if (f.learned()) {
        out.printf("  %s: \"%s\"%s%n", f.key(), f.selector().replace("\"", "\\\""),
            f.matched() == null ? "" : "   # " + TerminalText.safe(shorten(f.matched())));
      }
    }
    for (Calibrator.Field f : result.fields()) {
      if (!f.learned()) {
        out.printf("  # %s: not learned: %s%n", f.key(), TerminalText.safe(f.problem()));
      }
    }
    out.println(result.verified() ? "Verified: every reference re-renders byte for byte, every known listing item reads exactly."
        : "NOT verified: " + TerminalText.safe(result.verification()));
  }

  private static String shorten(String s) {
    String line = s.replace("\n", " ");
    return line.length() > 70 ? line.substring(0, 67) + "..." : line;
  }
}
