package org.industriallmonitor.crawl;

import java.time.Instant;
import java.util.List;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.store.OutboxEntry;

/** The alert rows of an article that is new (not baseline), recorded in the transaction that records it. */
@FunctionalInterface
public interface NewArticleAlerts {
  NewArticleAlerts NONE = (article, archived, degraded, region, detectedAt) -> List.of();

  /** The deliveries to write with the article's row. {@code degraded}: read by the fallback extractor. */
  List<OutboxEntry> rowsFor(Article article, ArchivedArticle archived, boolean degraded, int region, Instant detectedAt);
}
