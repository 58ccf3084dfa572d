package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** reindex fills the theme tags of articles recorded before the database held them, from their sidecars. */
class ReindexThemesTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void reindexFillsTheThemeTagsOfArticlesThatHaveNoneFromTheirSidecars() throws Exception {
    replica.catalog().publish(new ReplicaArticle("kazakh-oil-workers-strike", "Kazakh oil workers on strike", LocalDate.of(2026, 11, 19),
        "A strike in the oil fields.", List.of("The miners of the north joined them."), List.of(169), List.of(1201)), 0);
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().country("Kazakhstan", 169).writeTo(dir);
    assertThat(CliRun.of("once", "--config", config.toString()).exitCode()).isZero();
    Path db = dir.resolve("state/monitor.db");
    long articles = Sql.count(db, "SELECT count(*) FROM articles");
    String oil = "(SELECT id FROM articles WHERE slug = 'kazakh-oil-workers-strike')";
    List<String> recorded = Sql.column(db, "SELECT theme || ' ' || name FROM article_themes WHERE article_id = " + oil);
    assertThat(recorded).as("recorded with the article").hasSize(1).allMatch(t -> t.startsWith("1201 "));
    // As schema 16 finds the articles recorded before it: no tags, but one article, tagged by hand, that keeps its own.
    Sql.execute(db, "DELETE FROM article_themes",
        "INSERT INTO article_themes(article_id, theme, name, name_key) SELECT id, 9999, 'Kept', 'kept' FROM articles"
            + " WHERE slug = 'kazakh-oil-workers-strike'");
    String other = Sql.column(db, "SELECT sidecar_path FROM articles WHERE slug <> 'kazakh-oil-workers-strike' ORDER BY id LIMIT 1").get(0);
    Files.writeString(dir.resolve("state/archive").resolve(other), "not json");

    CliRun reindex = CliRun.of("reindex", "--config", config.toString());

    assertThat(reindex.exitCode()).as(reindex.toString()).isZero();
    assertThat(reindex.out()).contains("Theme tags of " + (articles - 2) + " articles filled from their sidecars.");
    assertThat(reindex.err()).contains("1 sidecar could not be read").contains(other);
    assertThat(Sql.column(db, "SELECT theme || ' ' || name FROM article_themes WHERE article_id = " + oil)).containsExactly("9999 Kept");
    assertThat(Sql.count(db, "SELECT count(DISTINCT article_id) FROM article_themes")).isEqualTo(articles - 1);
    assertThat(Sql.column(db, "SELECT DISTINCT theme FROM article_themes WHERE theme <> 9999 ORDER BY theme")).containsExactly("1187", "1201");

    // Each filled tag has its name's key, which a channel's themes: by name is compared with.
    assertThat(Sql.column(db, "SELECT name || '|' || name_key FROM article_themes WHERE theme <> 9999"))
        .isNotEmpty().allSatisfy(row -> assertThat(row.substring(row.indexOf('|') + 1))
            .isEqualTo(org.industriallmonitor.config.CountryNames.key(row.substring(0, row.indexOf('|')))));

    CliRun again = CliRun.of("reindex", "--config", config.toString());
    assertThat(again.out()).as("filled once").doesNotContain("Theme tags of");
  }
}
