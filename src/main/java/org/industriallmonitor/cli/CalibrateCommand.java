package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.Calibration;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.config.Secrets;
import org.industriallmonitor.config.MonitorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calibrate}: learns the site's selectors from pages whose text is known, and verifies them byte for byte. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Learns the selectors of the site's markup from pages whose text is known, verified byte for byte.",
        "The references are the contract's (two articles at their live addresses, items of Kazakhstan's and Kyrgyzstan's "
            + "listings, looked for under the contract's ids, the configured countries of their name and through the site's search "
            + "by title), the newest articles of the archive and the first listing pages it saw. Learned selectors are kept in the state; those written under "
            + "site.selectors in the configuration win. Paced like a crawl, " + Calibration.REQUEST_BUDGET + " requests at most."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every selector learned and verified", "1:not every one (the report says what was tried)",
        "2:a --reference that is not one (not on the site's origin, missing, not UTF-8, over 1 MiB)", "3:the configuration is missing or invalid", "4:another monitor process uses the state folder",
        "5:the state cannot be used"})
final class CalibrateCommand implements Callable<Integer> {
  /** The largest --reference FILE read: an archive text of one page is a few KiB. */
  static final int MAX_REFERENCE_BYTES = 1024 * 1024;

  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "Print what was learned; store nothing.")
  boolean dryRun;

  @Option(names = "--reference", paramLabel = "URL=FILE",
      description = "Also check against this page: FILE is the archive text of the article at URL, or a listing snapshot of it"
          + " (UTF-8, 1 MiB at most); URL is on the origin of site.base_url.")
  List<String> given = new ArrayList<>();

  @Override
  @SuppressWarnings("try") // the state lock is held for the whole command, never referenced
  public Integer call() throws IOException, InterruptedException {
    MonitorConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    // Read before the state is touched: a reference that is not one changes nothing.
    Calibration.GivenReferences given = given(config.site().baseUrl());
    try (StateGuard.Lock lock = StateGuard.acquire(config, "calibrate"); Components parts = Components.of(config)) {
      Calibration calibration = parts.calibration();
      Calibration.Report result = calibration.calibrate(given);
      print(result, config, out);
      if (result.complete() && !dryRun) {
        calibration.keep(result);
        out.printf("Kept in %s: the next crawls use them (selectors under site.selectors in %s win).%n",
            config.storage().database(), config.source());
      } else if (result.complete()) {
        out.println("--dry-run: nothing was stored.");
      }
      out.flush();
      return result.complete() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** The --reference pairs: each URL on the site's origin, each FILE UTF-8 text of at most {@link #MAX_REFERENCE_BYTES}. */
  private Calibration.GivenReferences given(URI site) {
    Calibration.GivenReferences all = Calibration.GivenReferences.NONE;
    for (String pair : given) {
      int eq = pair.indexOf('=', pair.indexOf("://") + 3);
      int split = pair.lastIndexOf('=');
      if (eq < 0 || split <= 0) {
        throw new UserException(ExitCodes.USAGE, "--reference is URL=FILE, not '" + TerminalText.safe(Secrets.maskUserInfo(pair)) + "'");
      }
      String url = pair.substring(0, split);
      String file = pair.substring(split + 1);
      if (!sameOrigin(url, site)) {
        throw new UserException(ExitCodes.USAGE, "--reference " + TerminalText.safe(Secrets.maskUserInfo(url)) + ": not on the site's origin " + site.getScheme() + "://" + site.getRawAuthority()
            + " (site.base_url); give the address of a page of the site being calibrated");
      }
      try {
        all = all.plus(url, read(file));
      } catch (IllegalArgumentException e) {
        throw new UserException(ExitCodes.USAGE, "--reference " + TerminalText.safe(Secrets.maskUserInfo(pair)) + ": " + e.getMessage());
      }
    }
    return all;
  }

  /** True when {@code url} has the scheme, host and port of {@code site} (a missing port is the scheme's). */
  static boolean sameOrigin(String url, URI site) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    return uri.getScheme() != null && uri.getHost() != null && uri.getRawUserInfo() == null && origin(uri).equals(origin(site));
  }

  private static String origin(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }

  /**
   * The text of a --reference FILE: at most {@link #MAX_REFERENCE_BYTES} (reading one byte more at most, so that a
   * device or a huge file is never read whole), strictly UTF-8; else a usage error naming the file.
   */
  static String read(String name) {
    String problem = "--reference " + TerminalText.safe(name) + ": ";
    Path file;
    try {
      file = Path.of(name);
    } catch (InvalidPathException e) {
      throw new UserException(ExitCodes.USAGE, problem + "not a file name (" + e.getReason() + ")");
    }
    if (Files.isDirectory(file)) {
      throw new UserException(ExitCodes.USAGE, problem + "is a folder; give the archive text file of the page");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_REFERENCE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new UserException(ExitCodes.USAGE, problem + "no such file");
    } catch (AccessDeniedException e) {
      throw new UserException(ExitCodes.USAGE, problem + "cannot be read (permission denied)");
    } catch (IOException e) {
      throw new UserException(ExitCodes.USAGE, problem + "cannot be read (" + e.getMessage() + ")");
    }
    if (bytes.length > MAX_REFERENCE_BYTES) {
      throw new UserException(ExitCodes.USAGE, problem + "larger than 1 MiB, the limit of a reference; give the archive text of one page");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UserException(ExitCodes.USAGE, problem + "not UTF-8 text; give the archive text of the page, as the monitor writes it");
    }
  }

  private static void print(Calibration.Report result, MonitorConfig config, PrintWriter out) {
    out.printf("Calibrated against %s: %s, %s, in %s.%n", config.site().base(),
        Plural.of(result.articles(), "reference article", "reference articles"),
        Plural.of(result.listings(), "listing", "listings"), Plural.of(result.requests(), "request", "requests"));
    out.printf("references (%d requests at most):%n", result.budget());
    for (String line : result.references()) {
      out.printf("  %s%n", TerminalText.safe(line));
    }
    out.println("selectors:");
    for (Calibration.Field f : result.fields()) {
      if (f.learned()) {
        out.printf("  %s: \"%s\"%s%n", f.key(), f.selector().replace("\"", "\\\""),
            f.matched() == null ? "" : "   # " + TerminalText.safe(shorten(f.matched())));
      }
    }
    for (Calibration.Field f : result.fields()) {
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
