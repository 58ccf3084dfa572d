package org.industriallmonitor.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.BodyBlocks.Kind;
import org.industriallmonitor.parse.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar keeps what each block of each text was: the first text's at the top, each later one's in its version. */
class SidecarBlockKindsTest {
  @TempDir Path dir;

  private static Article article(List<String> blocks, List<Kind> kinds) {
    return new Article("https://x/a-slug", "a-slug", "Title", LocalDate.of(2026, 1, 2), "2 January, 2026", "Lede", blocks, kinds,
        List.of(new Region(364, "Kyrgyzstan")), List.of(), List.of());
  }

  @Test
  void everyTextKeepsItsOwnKindsThroughLaterVersions() throws Exception {
    Archive archive = new Archive(dir);
    Instant at = Instant.parse("2026-01-02T10:00:00Z");
    ArchivedArticle first = archive.writeArticle(article(List.of("Said:", "“No.”"), List.of(Kind.PARAGRAPH, Kind.QUOTE)), at);
    List<Archive.VersionEntry> versions = new ArrayList<>(List.of(new Archive.VersionEntry(1, first.textPath(), first.sha256(), at)));

    ArchivedArticle second = archive.writeVersion(article(List.of("Heading", "  • one"), List.of(Kind.HEADING, Kind.LIST)), 2,
        versions, first.sidecarPath(), at.plusSeconds(60));
    versions.add(new Archive.VersionEntry(2, second.textPath(), second.sha256(), at.plusSeconds(60)));
    archive.writeVersion(article(List.of("Plain."), List.of(Kind.PARAGRAPH)), 3, versions, first.sidecarPath(), at.plusSeconds(120));

    JsonNode sidecar = new ObjectMapper().readTree(Files.readString(dir.resolve(first.sidecarPath())));
    assertThat(strings(sidecar.path("block_kinds"))).containsExactly("paragraph", "quote");
    assertThat(sidecar.path("versions").get(0).has("block_kinds")).isFalse(); // the first text's are the sidecar's own
    assertThat(strings(sidecar.path("versions").get(1).path("block_kinds"))).containsExactly("heading", "list");
    assertThat(strings(sidecar.path("versions").get(2).path("block_kinds"))).containsExactly("paragraph");
  }

  @Test
  void anArticleKnownByItsTextAloneHasItsListsAsListsAndTheRestAsParagraphs() {
    Article known = new Article("https://x/a", "a", "T", LocalDate.of(2026, 1, 2), "2 January, 2026", "L",
        List.of("A paragraph.", "  • one\n  • two", "  1. first"), List.of(), List.of(), List.of());

    assertThat(Sidecar.blockKinds(known)).containsExactly("paragraph", "list", "list");
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
