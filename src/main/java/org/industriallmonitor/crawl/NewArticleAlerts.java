package org.industriallmonitor.crawl;

import java.time.Instant;
import org.industriallmonitor.archive.ArchivedArticle;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.store.ArticleAudience;

/**
 * The channels a newly archived article is for, and its alert rows for those of them that pass their text
 * filters in the transaction that records it (none for a baseline article).
 */
@FunctionalInterface
public interface NewArticleAlerts {
  NewArticleAlerts NONE = (article, archived, degraded, region, detectedAt, baseline) -> ArticleAudience.NONE;

  /** {@code degraded}: read by the fallback extractor; {@code baseline}: found by a country's first walk, alerted to nobody. */
  ArticleAudience audience(Article article, ArchivedArticle archived, boolean degraded, int region, Instant detectedAt, boolean baseline);
}
