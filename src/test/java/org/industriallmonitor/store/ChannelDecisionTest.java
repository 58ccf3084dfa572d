package org.industriallmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.query.SearchQuery;
import org.industriallmonitor.query.TextFilter;
import org.industriallmonitor.testing.Databases;
import org.industriallmonitor.testing.Sql;
import org.industriallmonitor.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A new article's channels are decided once, in the transaction that records it, by the search index holding its
 * new row: the passing channels' alert rows and article_channels rows are written with it, or nothing at all.
 */
class ChannelDecisionTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @RegisterExtension final StoreExtension stores = new StoreExtension();
  @TempDir Path dir;

  private static NewArticle article(String slug, String title, String text) {
    return new NewArticle(slug, "https://www.industriall-union.org/" + slug, title, "2026-11-30", "Kyrgyzstan",
        "articles/2026/" + slug + ".txt", "articles/2026/" + slug + ".json", "abc", false, false, null, null, T0, List.of(364), text);
  }

  /** Three channels: one that matches "copper", one that excludes it, one without a filter. */
  private static Map<String, TextFilter> channels() {
    Map<String, TextFilter> channels = new LinkedHashMap<>();
    channels.put("copper", new TextFilter(SearchQuery.parse("copper"), null));
    channels.put("no-copper", new TextFilter(null, SearchQuery.parse("copper")));
    channels.put("everything", TextFilter.NONE);
    return channels;
  }

  /** An audience whose rows are one alert per passing channel, each row's subject the channel's snippet. */
  private static ArticleAudience audience(Map<String, TextFilter> channels, List<Map<String, String>> decided) {
    return ArticleAudience.of(channels, snippets -> {
      decided.add(snippets);
      List<OutboxEntry> rows = new ArrayList<>();
      snippets.forEach((channel, snippet) -> rows.add(new OutboxEntry(java.util.UUID.randomUUID().toString(), channel, "article.new",
          null, null, "s", "{}", T0, T0)));
      return rows;
    });
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void onlyThePassingChannelsGetTheirRowsAndAreRecordedAsTheArticles(Databases database) {
    StorageConfig storage = stores.storage(database, dir);
    Store store = stores.open(storage, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    List<Map<String, String>> decided = new ArrayList<>();

    store.articles().recordAll(List.of(
        new ArticleRepository.Recording(article("copper-strike", "Miners strike", "The copper miners of Kumtor stopped work."), T0,
            audience(channels(), decided)),
        new ArticleRepository.Recording(article("gold-strike", "Miners strike", "The gold miners of Kumtor stopped work."), T0,
            audience(channels(), decided))));

    assertThat(Sql.column(storage, "SELECT a.slug || ' ' || o.channel FROM outbox o JOIN articles a ON a.id = o.article_id"
        + " ORDER BY a.slug, o.channel")).containsExactly("copper-strike copper", "copper-strike everything",
        "gold-strike everything", "gold-strike no-copper");
    assertThat(Sql.column(storage, "SELECT a.slug || ' ' || c.channel FROM article_channels c JOIN articles a ON a.id = c.article_id"
        + " ORDER BY a.slug, c.channel")).containsExactly("copper-strike copper", "copper-strike everything",
        "gold-strike everything", "gold-strike no-copper");
    assertThat(Sql.column(storage, "SELECT slug FROM articles WHERE channels_recorded = 1 ORDER BY slug"))
        .containsExactly("copper-strike", "gold-strike");
    assertThat(decided.get(0).get("copper")).as("the snippet marks the matched word")
        .contains(SearchIndex.MATCH_START + "copper" + SearchIndex.MATCH_END);
    assertThat(decided.get(0).get("everything")).as("no match query, no snippet").isEmpty();
    assertThat(decided.get(1)).containsOnlyKeys("no-copper", "everything");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aTransactionFailingAfterTheDecisionLeavesNoArticleNoChannelsAndNoAlert(Databases database) {
    StorageConfig storage = stores.storage(database, dir);
    Store store = stores.open(storage, new ClusterConfig("node-a", Duration.ofSeconds(15)));
    NewArticle copper = article("copper-strike", "Miners strike", "The copper miners of Kumtor stopped work.");
    Map<String, TextFilter> three = channels();
    // A row without a subject: the outbox's NOT NULL refuses it, after the decision.
    ArticleAudience clashing = new ArticleAudience() {
      @Override
      public Map<String, TextFilter> channels() {
        return three;
      }

      @Override
      public List<OutboxEntry> rows(Map<String, String> snippets) {
        return snippets.keySet().stream().map(channel -> new OutboxEntry("d-" + channel, channel, "article.new", null, null, null, "{}", T0, T0))
            .toList();
      }
    };
    ArticleAudience throwing = new ArticleAudience() {
      @Override
      public Map<String, TextFilter> channels() {
        return three;
      }

      @Override
      public List<OutboxEntry> rows(Map<String, String> snippets) {
        throw new IllegalStateException("the alerts could not be made");
      }
    };

    assertThatThrownBy(() -> store.articles().recordAll(List.of(new ArticleRepository.Recording(copper, T0, clashing))))
        .isInstanceOf(StoreException.class);
    assertNothingRecorded(storage);
    assertThatThrownBy(() -> store.articles().recordAll(List.of(new ArticleRepository.Recording(copper, T0, throwing))))
        .hasMessageContaining("the alerts could not be made");
    assertNothingRecorded(storage);

    // And the same article recorded afterwards is decided afresh, as if the failures had never been.
    store.articles().recordAll(List.of(new ArticleRepository.Recording(copper, T0, audience(channels(), new ArrayList<>()))));
    assertThat(Sql.column(storage, "SELECT channel FROM article_channels ORDER BY channel")).containsExactly("copper", "everything");
    assertThat(count(storage, "SELECT count(*) FROM outbox")).isEqualTo(2);
  }

  private static long count(StorageConfig storage, String query) {
    return Long.parseLong(Sql.column(storage, query).get(0));
  }

  private static void assertNothingRecorded(StorageConfig storage) {
    assertThat(count(storage, "SELECT count(*) FROM articles")).isZero();
    assertThat(count(storage, "SELECT count(*) FROM article_channels")).isZero();
    assertThat(count(storage, "SELECT count(*) FROM article_search")).isZero();
    assertThat(count(storage, "SELECT count(*) FROM outbox")).isZero();
  }
}
