package org.industriallmonitor.replica;

import static org.industriallmonitor.replica.ReplicaPages.text;

import java.util.List;

/**
 * A sidebar widget on article pages, in every theme: the markup of a site whose sidebar once held a
 * copy of the article's body and later other text ({@code <aside class="sidebar">} with a
 * {@code div.widget-content}, nested deeper than the article's body). A learner that takes it for
 * the body verifies byte for byte while the copy lasts, then reads the widget's text as the article.
 */
public enum ReplicaSidebar {
  /** No such widget (the themes as they are). */
  NONE,
  /** The widget holds a copy of the article's body paragraphs. */
  BODY_COPY,
  /** The widget holds another article's paragraphs, the same on every page. */
  OTHER_TEXT;

  /** {@code html}, an article page of any theme, with the widget after its {@code </main>}. */
  public String apply(String html, ReplicaCatalog catalog, ReplicaArticle article) {
    int main = html.indexOf("</main>");
    if (this == NONE || main < 0) {
      return html;
    }
    List<String> paragraphs = this == BODY_COPY ? article.paragraphs() : otherText(catalog, article);
    StringBuilder widget = new StringBuilder("\n<aside class=\"sidebar\"><section class=\"widget\"><div class=\"widget-body\">"
        + "<div class=\"widget-content\">\n");
    for (String paragraph : paragraphs) {
      widget.append("<p>").append(text(paragraph)).append("</p>\n");
    }
    widget.append("</div></div></section></aside>\n");
    int end = main + "</main>".length();
    return html.substring(0, end) + widget + html.substring(end);
  }

  /** The paragraphs the widget shows with {@link #OTHER_TEXT}: the newest other article's. */
  public static List<String> otherText(ReplicaCatalog catalog, ReplicaArticle article) {
    return WordPressPages.others(catalog, article, 1).get(0).paragraphs();
  }
}
