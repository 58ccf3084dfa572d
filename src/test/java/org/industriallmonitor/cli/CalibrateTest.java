package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.parse.SiteDates;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaTheme;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.Contract;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** calibrate as a user runs it: on a site whose markup changed, it learns the selectors, and the crawls that follow archive exactly. */
class CalibrateTest {
  private static final String STRUGGLE = "kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @ParameterizedTest
  @EnumSource(value = ReplicaTheme.class, names = {"WORDPRESS", "BARE"})
  void onNewMarkupCalibrateLearnsWhatTheCrawlsThenArchiveByteForByte(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169).writeTo(dir);
    Path db = dir.resolve("state/monitor.db");

    CliRun broken = CliRun.of("once", "--config", config.toString());
    CliRun dryRun = CliRun.of("calibrate", "--dry-run", "--config", config.toString());
    int before = replica.tweaks().requestCount();
    CliRun calibrate = CliRun.of("calibrate", "--config", config.toString());
    int requests = replica.tweaks().requestCount() - before;
    CliRun crawl = CliRun.of("once", "--config", config.toString());

    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.out()).contains("layout changed at");
    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out()).contains("selectors:\n").contains("  article_body: \"").contains("--dry-run: nothing was stored.");
    assertThat(calibrate.exitCode()).as(calibrate.toString()).isZero();
    assertThat(calibrate.out()).contains("Verified: every reference re-renders byte for byte").contains("Kept in ");
    assertThat(requests).as("a first calibration: robots.txt, two articles, a few listing pages").isLessThanOrEqualTo(20);
    assertThat(crawl.exitCode()).as(crawl.toString()).isZero();
    assertThat(crawl.out()).contains("Kyrgyzstan (region 364): pages 3, seen 27, new 27, archived 27, errors 0, baseline")
        .contains("Kazakhstan (region 169): pages 6, seen 55, new 54, archived 54");
    assertThat(Files.readAllBytes(dir.resolve("state/archive/articles/2023/2023-09-06-" + STRUGGLE + ".txt")))
        .isEqualTo(Contract.bytes(Contract.SEED_STRUGGLE));
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM learned_selectors")).isEqualTo(15);
    for (String slug : Sql.column(db, "SELECT slug FROM articles")) {
      ReplicaArticle article = replica.catalog().article(slug).orElseThrow();
      assertThat(Files.readString(dir.resolve("state/archive/articles/" + article.date().getYear() + "/" + article.date() + "-" + slug + ".txt")))
          .as(slug).isEqualTo(ArchiveText.HEADER + "\n\n" + article.title() + "\n\n" + SiteDates.print(article.date()) + article.lede()
              + "\n\n" + String.join("\n\n", article.paragraphs()));
    }

    CliRun status = CliRun.of("status", "--config", config.toString());
    CliRun json = CliRun.of("status", "--json", "--config", config.toString());
    CliRun validate = CliRun.of("validate", "--config", config.toString());
    assertThat(status.out()).containsPattern("Selectors: 15 selectors learned by `calibrate` on \\d{4}-\\d\\d-\\d\\d");
    assertThat(new ObjectMapper().readTree(json.out()).get("selectors").get("learned")).hasSize(15);
    assertThat(validate.out()).contains("Selectors: 15 selectors learned by `calibrate`");

    // A selector written in the YAML wins over the learned one, in the next crawl as in the next process.
    Files.writeString(config, Files.readString(config).replace("site:\n", "site:\n  selectors:\n    article_title: \"h1.no-such-title\"\n"));
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 0);
    CliRun overridden = CliRun.of("once", "--config", config.toString(), "--country", "364");
    assertThat(overridden.out()).contains("layout changed at " + replica.baseUrl() + "/" + fresh.slug() + ": no title (selector article_title = \"h1.no-such-title\"");
    assertThat(CliRun.of("status", "--config", config.toString()).out()).contains("site.selectors in the configuration overrides 1 of them");
  }

  @Test
  void whereNothingVerifiesCalibrateStoresNothingAndSaysWhatItTried() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    // A base address under which the reference articles and listings are not: nothing can be learned or verified.
    Path elsewhere = dir.resolve("other.yaml");
    Files.writeString(elsewhere, Files.readString(config).replace(replica.baseUrl().toString(), replica.baseUrl() + "/nowhere"));

    CliRun calibrate = CliRun.of("calibrate", "--config", elsewhere.toString());

    assertThat(calibrate.exitCode()).isEqualTo(1);
    assertThat(calibrate.out()).contains("not learned: no reference article could be fetched");
    assertThat(calibrate.out()).doesNotContain("Kept in ");
    assertThat(dir.resolve("state/monitor.db")).as("nothing stored, not even an empty database").satisfiesAnyOf(
        f -> assertThat(f).doesNotExist(), f -> assertThat(Sql.count(f, "SELECT COUNT(*) FROM learned_selectors")).isZero());
  }

  @Test
  void aReferenceThatNoElementHoldsIsReportedWithTheClosestMatchAndHowItDiffers() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    Path wrong = dir.resolve("wrong-title.txt");
    Files.writeString(wrong, Contract.text(Contract.SEED_STRUGGLE).replace("Kyrgyzstan's ongoing struggle", "Kyrgyzstan's on-going struggle"));

    CliRun calibrate = CliRun.of("calibrate", "--config", config.toString(), "--reference", replica.baseUrl() + "/" + STRUGGLE + "=" + wrong);

    assertThat(calibrate.exitCode()).isEqualTo(1);
    assertThat(calibrate.out()).contains("# article_title: not learned: no element holds the known text \"Kyrgyzstan's on-going struggle")
        .contains("closest: h1.page-title reads \"Kyrgyzstan's ongoing struggle for fundamental workers' ri...\", which differs at character 15")
        .doesNotContain("Kept in ");
  }

  /** What a refused --reference prints: one line on stderr naming the file (or address) and what to do, no stack trace. */
  private static void assertRefusedInOneLine(CliRun run, String... names) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip()).as(run.toString()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ")
        .contains("--reference").contains(names);
    assertThat(run.out()).as(run.toString()).doesNotContain("Kept in ");
  }

  private CliRun calibrateWith(Path config, String url, Path file) {
    return CliRun.of("calibrate", "--dry-run", "--config", config.toString(), "--reference", url + "=" + file);
  }

  @Test
  void aReferenceFileThatIsNotUtf8IsRefusedInOneLineNamingIt() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    Path binary = dir.resolve("photo.jpg");
    Files.write(binary, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xC3, 0x28});

    CliRun run = calibrateWith(config, replica.baseUrl() + "/" + STRUGGLE, binary);

    assertRefusedInOneLine(run, binary.toString(), "not UTF-8 text");
  }

  @Test
  void aReferenceFileOverTheSizeLimitIsRefusedWithoutReadingItWhole() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    Path huge = dir.resolve("huge.txt");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(2L * 1024 * 1024 * 1024); // sparse: 2 GiB that take no disk
    }

    CliRun sparse = calibrateWith(config, replica.baseUrl() + "/" + STRUGGLE, huge);

    assertRefusedInOneLine(sparse, huge.toString(), "larger than 1 MiB");
    Path zero = Path.of("/dev/zero");
    if (Files.isReadable(zero)) {
      // A device reports no size: only reading at most the limit and one byte more stops it.
      assertRefusedInOneLine(calibrateWith(config, replica.baseUrl() + "/" + STRUGGLE, zero), "/dev/zero", "larger than 1 MiB");
    }
  }

  @Test
  void aMissingReferenceFileOrAFolderIsRefusedInOneLineNamingIt() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    Path missing = dir.resolve("no-such-file.txt");
    Path folder = Files.createDirectories(dir.resolve("a-folder"));

    assertRefusedInOneLine(calibrateWith(config, replica.baseUrl() + "/" + STRUGGLE, missing), missing.toString(), "no such file");
    assertRefusedInOneLine(calibrateWith(config, replica.baseUrl() + "/" + STRUGGLE, folder), folder.toString(), "a folder");
    CliRun nul = CliRun.of("calibrate", "--config", config.toString(), "--reference", replica.baseUrl() + "/" + STRUGGLE + "=bad\0name");
    assertRefusedInOneLine(nul, "not a file name");
    assertThat(dir.resolve("state/monitor.db")).as("nothing done before the references are read").doesNotExist();
  }

  @Test
  void aReferenceOutsideTheSitesOriginIsRefusedInOneLine() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    Path text = dir.resolve("struggle.txt");
    Files.writeString(text, Contract.text(Contract.SEED_STRUGGLE));
    int otherPort = replica.baseUrl().getPort() == 65535 ? 65534 : replica.baseUrl().getPort() + 1;

    for (String url : List.of("file:///etc/" + STRUGGLE, "https://127.0.0.1:" + replica.baseUrl().getPort() + "/" + STRUGGLE,
        "http://127.0.0.1:" + otherPort + "/" + STRUGGLE, "http://localhost:" + replica.baseUrl().getPort() + "/" + STRUGGLE,
        "http://example.org/" + STRUGGLE, "/" + STRUGGLE)) {
      assertRefusedInOneLine(calibrateWith(config, url, text), url, "not on the site's origin " + replica.baseUrl());
    }
    // The site's own origin, the scheme and host in capitals: accepted.
    CliRun same = calibrateWith(config, "HTTP://127.0.0.1:" + replica.baseUrl().getPort() + "/" + STRUGGLE, text);
    assertThat(same.exitCode()).as(same.toString()).isZero();
  }

  /**
   * Issue 34: on a site whose markup is unseen and whose countries were renumbered, calibrate exited 1 ("listing_*: not
   * learned: no listing page with a known item was found"): it looked only under the contract's ids. It finds the known
   * items under the configured countries, says where, learns and verifies every field, and the crawl then archives exactly.
   */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void onARenumberedSiteCalibrateFindsItsReferencesUnderTheConfiguredCountries(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    replica.catalog().renumberRegions(Map.of(364, 9364, 169, 9169, 366, 9366));
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 9364).country("Kazakhstan", 9169).writeTo(dir);

    int before = replica.tweaks().requestCount();
    CliRun calibrate = CliRun.of("calibrate", "--config", config.toString());
    int requests = replica.tweaks().requestCount() - before;
    CliRun crawl = CliRun.of("once", "--config", config.toString(), "--country", "9364");

    assertThat(calibrate.exitCode()).as(calibrate.toString()).isZero();
    assertThat(calibrate.out()).contains("references (60 requests at most):\n  articles: 2 of 2\n"
        + "  Kazakhstan items (seed 004): on search?regions=9169&language=en&sort=relevance&from=40 (configured country Kazakhstan,"
        + " region 9169)\n"
        + "  Kyrgyzstan items (seed 000): on search?regions=9364&language=en&sort=relevance&from=10 (configured country Kyrgyzstan,"
        + " region 9364)\n")
        .contains("Verified: every reference re-renders byte for byte").contains("Kept in ").doesNotContain("not learned");
    assertThat(requests).as("robots.txt and the references, within the budget").isLessThanOrEqualTo(1 + 60);
    assertThat(crawl.exitCode()).as(crawl.toString()).isZero();
    assertThat(crawl.out()).contains("Kyrgyzstan (region 9364): pages 3, seen 27, new 27, archived 27, errors 0, baseline");
    assertThat(Files.readAllBytes(dir.resolve("state/archive/articles/2023/2023-09-06-" + STRUGGLE + ".txt")))
        .isEqualTo(Contract.bytes(Contract.SEED_STRUGGLE));
  }

  /** Issue 34: with no country configured, calibrate finds the known listing items through the site's search for their titles. */
  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void withNoCountryConfiguredCalibrateFindsTheKnownItemsBySearchingTheirTitles(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    replica.catalog().renumberRegions(Map.of(364, 9364, 169, 9169, 366, 9366));
    Path config = TestConfig.site(replica.baseUrl()).writeTo(dir);
    Files.writeString(config, Files.readString(config).replace("countries:\n", "countries: []\n"));

    CliRun calibrate = CliRun.of("calibrate", "--dry-run", "--config", config.toString());

    assertThat(calibrate.exitCode()).as(calibrate.toString()).isZero();
    assertThat(calibrate.out()).containsPattern("\n  Kazakhstan items \\(seed 004\\): on search\\?query=[^ ]+&language=en \\(search for \"[^\"]+\"\\)\n")
        .containsPattern("\n  Kyrgyzstan items \\(seed 000\\): on search\\?query=[^ ]+&language=en \\(search for \"[^\"]+\"\\)\n")
        .contains("Verified: every reference re-renders byte for byte").contains("--dry-run: nothing was stored.");
  }
}
