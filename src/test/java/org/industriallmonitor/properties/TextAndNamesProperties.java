package org.industriallmonitor.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.archive.SafeNames;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.SiteText;

/** The text normalizer and the slug sanitizer, for any input. */
class TextAndNamesProperties {
  private Path dir;

  @BeforeProperty
  void createFolder() throws IOException {
    dir = Files.createTempDirectory("properties-");
  }

  @AfterProperty
  void deleteFolder() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Text rich in what matters here: ASCII white space, U+00A0 and other Unicode spaces, anything else. */
  @Provide
  Arbitrary<String> siteText() {
    return Arbitraries.oneOf(
            Arbitraries.of(' ', '\t', '\n', '\r', '\f', '\u00a0', '\u2009', '\u3000', '\u200f', '\u000b'),
            Arbitraries.chars().all())
        .list().ofMaxSize(80)
        .map(chars -> {
          StringBuilder s = new StringBuilder();
          chars.forEach(s::append);
          return s.toString();
        });
  }

  @Property
  void foldingIsIdempotent(@ForAll("siteText") String text) {
    String once = SiteText.fold(text);
    assertThat(SiteText.fold(once)).isEqualTo(once);
  }

  @Property
  void foldingKeepsNoBreakSpacesAndEveryOtherCharacter(@ForAll("siteText") String text) {
    String folded = SiteText.fold(text);
    assertThat(folded.chars().filter(c -> c == '\u00a0').count()).isEqualTo(text.chars().filter(c -> c == '\u00a0').count());
    assertThat(folded.replace(" ", "")).isEqualTo(text.replaceAll("[ \\t\\n\\r\\f]", ""));
  }

  @Property
  void foldedTextHasSingleSpacesOnlyAndNoEdges(@ForAll("siteText") String text) {
    String folded = SiteText.fold(text);
    assertThat(folded).doesNotContain("  ").doesNotContain("\t").doesNotContain("\n").doesNotContain("\r").doesNotContain("\f");
    assertThat(folded).doesNotStartWith(" ").doesNotEndWith(" ");
  }

  @Provide
  Arbitrary<String> slugs() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(600),
        Arbitraries.strings().withChars("./\\%2e0~:-_aZ9\u0000?#").ofMaxLength(60),
        Arbitraries.of("..", ".", "../../etc/passwd", "%2e%2e/%2e%2e", "a\u0000b", "..\\..\\x", "/", "", "x".repeat(500)));
  }

  @Property
  void aSafeNameIsAlwaysOneHarmlessPathSegment(@ForAll("slugs") String slug) {
    String name = SafeNames.fileSlug(slug);
    assertThat(name).matches("[A-Za-z0-9_][A-Za-z0-9_.-]*").doesNotContain("..");
    assertThat(name.length()).isLessThanOrEqualTo(131);
    assertThat(SafeNames.fileSlug(slug)).isEqualTo(name);
  }

  @Property(tries = 200)
  void noSlugWritesOutsideTheArchive(@ForAll("slugs") String slug) throws IOException {
    Path root = dir.resolve("archive");
    Article article = new Article("https://x/", slug, "Title", LocalDate.of(2024, 2, 29), "29 February, 2024", "Lede",
        List.of("Body."), List.of(), List.of(), List.of());

    ArchivedArticle written = new Archive(root).writeArticle(article, Instant.EPOCH);

    try (Stream<Path> everything = Files.walk(dir)) {
      assertThat(everything.filter(Files::isRegularFile)).allSatisfy(p -> assertThat(p.normalize()).startsWith(root));
    }
    assertThat(root.resolve(written.textPath()).normalize()).startsWith(root.resolve("articles/2024"));
  }
}
