package org.industriallmonitor.crawl;

import java.time.Instant;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.store.ArticleRepository.TransactionPart;

/** Writes the alert rows of an article that is new (not baseline), in the transaction that records it. */
@FunctionalInterface
public interface NewArticleAlerts {
  NewArticleAlerts NONE = (article, archived, degraded, region, detectedAt) -> null;

  /** The rows to add to the recording transaction, or null for none. {@code degraded}: read by the fallback extractor. */
  TransactionPart rowsFor(Article article, ArchivedArticle archived, boolean degraded, int region, Instant detectedAt);
}
