package org.industriallmonitor.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.query.TextFilter;

/**
 * The channels a new article is for, and how to write their alerts once the article's own transaction
 * has decided which of them pass their text filters: the decision is made once, by the search index
 * holding the article's new row, and recorded ({@code article_channels}) with the article, so that a crash
 * changes nothing and its later {@code article.updated} and {@code article.removed} go to the same channels.
 */
public interface ArticleAudience {
  /** An article for no channel. */
  ArticleAudience NONE = of(List.of());

  /**
   * The channels the article is for (those of its countries and languages whose other filters passed), each
   * with the text filter it must still pass ({@link TextFilter#NONE} for none), in the order of the configuration.
   */
  Map<String, TextFilter> channels();

  /**
   * The alert rows of the channels that passed, in their order; {@code snippets} holds each of them with the
   * snippet of what its {@code match} found (empty when it has none). No rows for a baseline article.
   */
  List<OutboxEntry> rows(Map<String, String> snippets);

  /** Rows made in advance, for channels without text filters: a channel's rows are written when it passes. */
  static ArticleAudience of(List<OutboxEntry> rows) {
    Map<String, TextFilter> channels = new LinkedHashMap<>();
    rows.forEach(row -> channels.put(row.channel(), TextFilter.NONE));
    List<OutboxEntry> made = List.copyOf(rows);
    return of(channels, passed -> made.stream().filter(row -> passed.containsKey(row.channel())).toList());
  }

  /** The audience of these {@code channels}, whose alert rows {@code rows} makes for those that pass. */
  static ArticleAudience of(Map<String, TextFilter> channels, java.util.function.Function<Map<String, String>, List<OutboxEntry>> rows) {
    Map<String, TextFilter> fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    return new ArticleAudience() {
      @Override
      public Map<String, TextFilter> channels() {
        return fixed;
      }

      @Override
      public List<OutboxEntry> rows(Map<String, String> snippets) {
        return rows.apply(snippets);
      }
    };
  }
}
