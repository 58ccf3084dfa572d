package org.industriallmonitor.replica;

import java.time.LocalDate;
import java.util.List;

/** An article of the replica site: what its listing item and its page show. */
public record ReplicaArticle(
    String slug,
    String title,
    LocalDate date,
    String lede,
    List<String> paragraphs,
    List<Integer> regions,
    List<Integer> themes) {

  public ReplicaArticle {
    paragraphs = List.copyOf(paragraphs);
    regions = List.copyOf(regions);
    themes = List.copyOf(themes);
  }
}
