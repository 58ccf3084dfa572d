package org.industriallmonitor.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.parse.SiteDates;
import org.industriallmonitor.replica.ListingSlice;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaServer;
import org.industriallmonitor.replica.ReplicaSidebar;
import org.industriallmonitor.replica.ReplicaTheme;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages mutated at random, as a redesign does: classes renamed across the site, wrappers added
 * around blocks, the sidebar moved before the content. Calibration either verifies byte for byte
 * (and the crawl that follows archives every text exactly), or refuses and stores nothing: it never
 * leads to a wrong text in the archive.
 */
class MutatedPagesTest {
  @TempDir Path dir;

  /** Serves the replica's pages in a theme, mutated the same way for the whole site (the seed's redesign). */
  static final class Mutations implements ReplicaServer.Interceptor {
    private final long seed;
    private final ReplicaTheme theme;
    private final Map<String, String> renamed = new HashMap<>();

    Mutations(long seed, ReplicaTheme theme) {
      this.seed = seed;
      this.theme = theme;
    }

    @Override
    public boolean intercept(HttpExchange exchange, ReplicaServer replica) throws IOException {
      String path = exchange.getRequestURI().getRawPath();
      ReplicaCatalog catalog = replica.catalog();
      String html;
      if (path.equals("/search")) {
        String query = exchange.getRequestURI().getRawQuery();
        int region = Integer.parseInt(query.replaceAll(".*regions=(\\d+).*", "$1"));
        int from = query.contains("from=") ? Integer.parseInt(query.replaceAll(".*from=(\\d+).*", "$1")) : 0;
        ListingSlice slice = catalog.listing(region, from);
        html = theme.listing(catalog, region, slice);
      } else {
        Optional<ReplicaArticle> article = catalog.articleAt(path);
        if (article.isEmpty()) {
          return false;
        }
        html = theme.article(catalog, article.get());
      }
      byte[] body = mutate(html, new Random(seed * 31 + path.hashCode())).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      return true;
    }

    private synchronized String mutate(String html, Random page) {
      Document doc = Jsoup.parse(html);
      doc.outputSettings().prettyPrint(false);
      Random site = new Random(seed);
      for (Element e : doc.getAllElements()) {
        for (String c : List.copyOf(e.classNames())) {
          // The same new name for a class on every page: a redesign, not noise.
          String to = renamed.computeIfAbsent(c, k -> site.nextInt(3) == 0 ? "r" + Integer.toString(Math.abs(k.hashCode()), 36) : k);
          e.removeClass(c).addClass(to);
        }
      }
      List<Element> blocks = doc.select("main p, main section, main ul, main ol, main h1, main h2");
      for (Element block : blocks) {
        if (page.nextInt(4) == 0) {
          block.wrap("<div class=\"wrapper\"></div>");
        }
      }
      Element aside = doc.selectFirst("aside");
      Element main = doc.selectFirst("main");
      if (aside != null && main != null && page.nextBoolean()) {
        aside.remove();
        main.before(aside);
      }
      return doc.outerHtml();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void calibrationVerifiesByteForByteOrRefusesAndNeverArchivesAWrongText(long seed) throws Exception {
    ReplicaTheme theme = ReplicaTheme.values()[(int) (seed % ReplicaTheme.values().length)];
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0, new Mutations(seed, theme))) {
      Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
      Path db = dir.resolve("state/monitor.db");

      CliRun calibrate = CliRun.of("calibrate", "--config", config.toString());

      if (calibrate.exitCode() != 0) {
        assertThat(calibrate.out()).as(calibrate.toString()).contains("not learned").doesNotContain("Kept in ");
        assertThat(!Files.exists(db) || Sql.count(db, "SELECT COUNT(*) FROM learned_selectors") == 0).isTrue();
        return;
      }
      // A page the learned selectors read wrongly is refused (a layout error), never archived with a wrong text.
      CliRun crawl = CliRun.of("once", "--config", config.toString());
      assertThat(crawl.exitCode()).as(theme + " seed " + seed + ": " + crawl).isIn(0, 1);
      assertThat(crawl.exitCode() == 0 || crawl.out().contains("layout changed at")).as(crawl.toString()).isTrue();
      try (Stream<Path> texts = Files.walk(dir.resolve("state/archive/articles"))) {
        List<Path> files = texts.filter(p -> p.toString().endsWith(".txt")).toList();
        assertThat(files).hasSize((int) Sql.count(db, "SELECT COUNT(*) FROM articles"));
        for (Path file : files) {
          String slug = file.getFileName().toString().substring(11).replace(".txt", "");
          ReplicaArticle article = replica.catalog().article(slug).orElseThrow();
          assertThat(Files.readString(file)).as(slug).isEqualTo(ArchiveText.HEADER + "\n\n" + article.title() + "\n\n"
              + SiteDates.print(article.date()) + article.lede() + "\n\n" + String.join("\n\n", article.paragraphs()));
        }
      }
    }
  }

  /** Every archived text is its article's, byte for byte, and there are as many as rows: nothing wrong, nothing doubled. */
  private static void assertArchiveExact(Path dir, ReplicaServer replica, int articles) throws Exception {
    Path db = dir.resolve("state/monitor.db");
    assertThat(Sql.count(db, "SELECT COUNT(*) FROM articles")).isEqualTo(articles);
    try (Stream<Path> texts = Files.walk(dir.resolve("state/archive/articles"))) {
      List<Path> files = texts.filter(p -> p.toString().endsWith(".txt")).toList();
      assertThat(files).hasSize(articles);
      for (Path file : files) {
        String slug = file.getFileName().toString().substring(11).replace(".txt", "");
        ReplicaArticle article = replica.catalog().article(slug).orElseThrow();
        assertThat(Files.readString(file)).as(slug).isEqualTo(ArchiveText.HEADER + "\n\n" + article.title() + "\n\n"
            + SiteDates.print(article.date()) + article.lede() + "\n\n" + String.join("\n\n", article.paragraphs()));
      }
    }
  }

  /**
   * Issue 30: the state holds article_body = "div.widget-content", learned (by an older calibrate) from a sidebar that
   * held a copy of the body (or "div.box-content", a box after the article with no aside around it). When the widget
   * shows other text, the crawl meets a layout error instead of archiving the widget as the article; self-repair
   * relearns the body in the same cycle, and the new article is archived once, exactly.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "BODY_COPY         | OTHER_TEXT         | div.widget-content | the body read is inside <aside class=\"sidebar\">",
      "BODY_COPY_IN_MAIN | OTHER_TEXT_IN_MAIN | div.box-content    | the body read is not next to the article's lede"})
  void aBodyReadFromASidebarWidgetIsALayoutErrorAndTheArticleIsArchivedOnceWhenRelearned(ReplicaSidebar copy, ReplicaSidebar other,
      String selector, String problem) throws Exception {
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0)) {
      replica.sidebar(copy);
      Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
      assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
      try (Components parts = Components.of(new ConfigLoader(System::getenv).load(config))) {
        parts.store().learnedSelectors().replaceAll(Map.of("article_body", selector), Instant.now());
      }
      replica.sidebar(other);
      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 3);

      CliRun crawl = CliRun.of("once", "--config", config.toString());
      CliRun next = CliRun.of("once", "--config", config.toString());

      assertThat(crawl.out()).as(crawl.toString()).contains("layout changed at " + replica.baseUrl() + "/" + fresh.slug() + ": " + problem)
          .contains("note: layout repaired: [").contains("article_body: \"" + selector + "\" -> \"div.article-body\"");
      assertThat(crawl.exitCode()).as(crawl.toString()).isZero();
      assertThat(next.out()).as(next.toString()).contains("new 0, archived 0, errors 0");
      assertArchiveExact(dir, replica, 28);
      assertThat(Sql.column(dir.resolve("state/monitor.db"), "SELECT slug FROM articles WHERE baseline = 0")).containsExactly(fresh.slug());
    }
  }

  /** The same with self-repair off: the crawl refuses the article (exit 1) until calibrate relearns the body; then it is archived once. */
  @Test
  void withSelfRepairOffTheSidebarBodyIsRefusedUntilCalibrateRelearnsIt() throws Exception {
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0)) {
      replica.sidebar(ReplicaSidebar.BODY_COPY);
      Path config = TestConfig.site(replica.baseUrl()).siteLines("  self_repair: false\n").country("Kyrgyzstan", 364).writeTo(dir);
      assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
      try (Components parts = Components.of(new ConfigLoader(System::getenv).load(config))) {
        parts.store().learnedSelectors().replaceAll(Map.of("article_body", "div.widget-content"), Instant.now());
      }
      replica.sidebar(ReplicaSidebar.OTHER_TEXT);
      ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.of(2026, 11, 30), 3);

      CliRun refused = CliRun.of("once", "--config", config.toString());

      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.out()).contains("layout changed at " + replica.baseUrl() + "/" + fresh.slug() + ": ");
      assertArchiveExact(dir, replica, 27);

      CliRun calibrate = CliRun.of("calibrate", "--config", config.toString());
      CliRun crawl = CliRun.of("once", "--config", config.toString());

      assertThat(calibrate.exitCode()).as(calibrate.toString()).isZero();
      assertThat(calibrate.out()).doesNotContain("widget-content");
      assertThat(crawl.exitCode()).as(crawl.toString()).isZero();
      assertThat(crawl.out()).contains("new 1, archived 1, errors 0");
      assertArchiveExact(dir, replica, 28);
    }
  }
}
