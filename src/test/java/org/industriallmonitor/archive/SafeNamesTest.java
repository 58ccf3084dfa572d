package org.industriallmonitor.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.parse.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNamesTest {
  @Test
  void aPlainSlugIsKept() {
    assertThat(SafeNames.fileSlug("kazakhstan-needs-genuine-social-dialogue")).isEqualTo("kazakhstan-needs-genuine-social-dialogue");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "..", ".", "%2e%2e/%2e%2e", "a\u0000b", "a\\..\\b", "/abs", "x?y#z", "ünïcode", ""})
  void hostileSlugsBecomeOneSafeName(String slug) {
    String name = SafeNames.fileSlug(slug);

    assertThat(name).matches("[A-Za-z0-9_][A-Za-z0-9_.-]*").doesNotContain("..").doesNotContain("/");
    assertThat(name.length()).isLessThanOrEqualTo(SafeNames.MAX_LENGTH + 11);
  }

  @Test
  void differentSlugsThatCleanAlikeGetDifferentNames() {
    assertThat(SafeNames.fileSlug("a/b")).isNotEqualTo(SafeNames.fileSlug("a?b")).startsWith("a-b-");
  }

  @Test
  void longSlugsAreCut() {
    assertThat(SafeNames.fileSlug("x".repeat(500))).hasSize(SafeNames.MAX_LENGTH + 11);
  }

  @Test
  void archiveWritesOnlyInsideItsRoot(@TempDir Path dir) throws Exception {
    Archive archive = new Archive(dir.resolve("archive"));
    Article hostile = new Article("https://x/", "../../../outside", "T", LocalDate.of(2020, 1, 2), "2 January, 2020", "L",
        List.of("P"), List.of(), List.of(), List.of());

    ArchivedArticle written = archive.writeArticle(hostile, Instant.EPOCH);

    assertThat(archive.resolve(written.textPath())).startsWith(dir.resolve("archive")).exists();
    assertThat(written.textPath()).startsWith("articles/2020/2020-01-02-outside-");
    assertThatThrownBy(() -> archive.resolve("../escape")).isInstanceOf(IllegalArgumentException.class);
  }
}
