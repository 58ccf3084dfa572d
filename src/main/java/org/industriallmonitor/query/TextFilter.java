package org.industriallmonitor.query;

/**
 * A channel's filter on an article's title and archived text: it passes an article that {@code match}
 * finds (when set) and {@code exclude} does not (when set). Either may be null; {@link #NONE} passes all.
 */
public record TextFilter(SearchQuery match, SearchQuery exclude) {
  public static final TextFilter NONE = new TextFilter(null, null);

  /** Whether the filter needs the text at all. */
  public boolean isNone() {
    return match == null && exclude == null;
  }
}
