package org.industriallmonitor.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The replica's other markups carry the same texts: read with selectors written for them, the archive is the same, byte for byte. */
class ReplicaThemesTest {
  /** Selectors a person would write for each theme, by looking at its pages. */
  static final Map<ReplicaTheme, String> SELECTORS = Map.of(
      ReplicaTheme.WORDPRESS, """
            listing_summary: ".search-count"
            listing_item: "article.post"
            item_link: ".entry-title a"
            item_teaser: ".entry-summary"
            item_date: "time"
            next_page: "a.next"
            region_facets: ".widget_countries a"
            article_title: "h1.entry-title"
            article_lead: "article.post > .entry-summary"
            article_date: "article.post time.entry-date"
            article_body: ".entry-content"
            article_translations: ".translations a[hreflang]"
            article_regions: ".tags-links a"
            article_themes: ".cat-links a"
          """,
      ReplicaTheme.BARE, """
            listing_summary: "main > p"
            listing_item: "main > ol > li"
            item_link: "h2 > a"
            item_teaser: "li > p"
            item_date: "time"
            next_page: "a[rel=next]"
            region_facets: "aside a[href*='regions=']"
            article_title: "article > h1"
            article_lead: "article > p"
            article_date: "time"
            article_body: "article > section"
            article_translations: "a[hreflang]"
            article_regions: "article > footer a[href*='regions=']"
            article_themes: "article > footer a[href*='themes=']"
          """);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @ParameterizedTest
  @EnumSource(value = ReplicaTheme.class, names = {"WORDPRESS", "BARE"})
  void aThemeReadWithItsSelectorsArchivesWhatTheContractMarkupArchives(ReplicaTheme theme) throws Exception {
    Path contract = crawl(dir.resolve("contract"), "");
    replica.server().theme(theme);
    Path themed = crawl(dir.resolve(theme.id()), "  selectors:\n" + SELECTORS.get(theme).indent(2));

    Map<String, String> expected = files(contract.resolve("articles"));
    assertThat(expected).as("81 texts and their sidecars").hasSize(162);
    assertThat(files(themed.resolve("articles"))).isEqualTo(expected);
    assertThat(snapshots(themed)).isEqualTo(snapshots(contract));
  }

  @Test
  void theBareThemeHasNoClassAttributeAndTheThemeChangesWhileServing() throws Exception {
    OkHttpClient http = new OkHttpClient();
    try (Response switched = http.newCall(new Request.Builder().url(replica.baseUrl() + "/_replica/theme?name=bare")
        .post(RequestBody.create(new byte[0])).build()).execute();
        Response listing = http.newCall(new Request.Builder().url(replica.baseUrl() + "/search?regions=364&from=0").build()).execute();
        Response article = http.newCall(new Request.Builder().url(replica.baseUrl()
            + "/kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights").build()).execute()) {
      assertThat(switched.code()).isEqualTo(200);
      assertThat(replica.server().theme()).isEqualTo(ReplicaTheme.BARE);
      assertThat(listing.body().string()).doesNotContain("class=").contains("<p>Showing 1-10 of 27 results</p>").contains("<aside>");
      assertThat(article.body().string()).doesNotContain("class=").contains("<h2>Related</h2>");
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  private Path crawl(Path state, String selectors) {
    Path config = TestConfig.site(replica.baseUrl()).siteLines(selectors).country("Kyrgyzstan", 364).country("Kazakhstan", 169)
        .writeTo(state);
    CliRun run = CliRun.of("once", "--config", config.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return state.resolve("state/archive");
  }

  /** Every file below {@code root}: its path there, and its text (sidecars without the fetch time). */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(f -> texts.put(root.relativize(f).toString(),
          read(f).replaceAll("\"fetched_at\" : \"[^\"]*\"", "\"fetched_at\" : \"...\"")));
    }
    return texts;
  }

  /** The listing snapshots by page (their names are times): region/from-N and the text. */
  private static Map<String, String> snapshots(Path archive) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(archive.resolve("listings"))) {
      files.filter(Files::isRegularFile).forEach(f -> texts.put(archive.resolve("listings").relativize(f.getParent()).toString(), read(f)));
    }
    return texts;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
